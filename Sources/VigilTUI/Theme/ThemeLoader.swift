import Foundation
import VigilForce
import VigilThemes

/// Reads themes: the built-ins by name, or a TOML file by path; mistakes are named by file, line and field.
public enum ThemeLoader {
    /// The themes shipped with Vigil, in the order the cycle key visits them.
    public static let builtIns = ["default", "high-contrast", "monochrome", "amber"]

    struct File: Decodable {
        var name: String?
        var styles: [String: Row]
        struct Row: Decodable {
            var fg: String?
            var bg: String?
            var bold: Bool?, dim: Bool?, underline: Bool?, reverse: Bool?, italic: Bool?, blink: Bool?
        }
    }

    /// A built-in theme by name, or a theme file by path.
    public static func load(_ nameOrPath: String) throws(TOMLFileError) -> Theme {
        if builtIns.contains(nameOrPath) {
            guard let text = BuiltInThemes.text(nameOrPath) else {
                throw TOMLFileError(
                    file: nameOrPath, line: nil, field: nil, message: "the built-in theme is missing from this build")
            }
            return try parse(text, file: "\(nameOrPath).toml")
        }
        let text = try TOMLSource.readText(
            path: nameOrPath, missing: "no such theme; give a path or one of \(builtIns.joined(separator: ", "))")
        return try parse(text, file: nameOrPath)
    }

    /// Parses theme text; every role must be given, so a theme cannot leave a meaning unstyled by accident.
    public static func parse(_ text: String, file: String) throws(TOMLFileError) -> Theme {
        let source = TOMLSource(text: text, file: file)
        let raw = try source.decode(File.self, from: text, what: "theme")
        var styles: [Role: Style] = [:]
        for (key, row) in raw.styles.sorted(by: { $0.key < $1.key }) {
            guard let role = Role(rawValue: key) else {
                throw source.fail(
                    [.key("styles"), .key(key)],
                    "`\(key)` is not a role; use one of \(Role.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            func colour(_ name: String?, _ field: String) throws(TOMLFileError) -> Color {
                guard let name else { return .default }
                if let c = Color.names[name] { return c }
                if name.hasPrefix("color"), let n = UInt8(name.dropFirst(5)) { return .indexed(n) }
                throw source.fail(
                    [.key("styles"), .key(key), .key(field)],
                    "`\(name)` is not a colour; use a name such as red or bright-blue, or color0–color255")
            }
            var mods: Modifiers = []
            if row.bold == true { mods.insert(.bold) }
            if row.dim == true { mods.insert(.dim) }
            if row.underline == true { mods.insert(.underline) }
            if row.reverse == true { mods.insert(.reverse) }
            if row.italic == true { mods.insert(.italic) }
            if row.blink == true { mods.insert(.blink) }
            styles[role] = Style(fg: try colour(row.fg, "fg"), bg: try colour(row.bg, "bg"), mods)
        }
        if let missing = Role.allCases.first(where: { styles[$0] == nil }) {
            throw source.fail(
                [.key("styles")],
                "has no style for `\(missing.rawValue)`; every role needs one (an empty {} is allowed)")
        }
        return Theme(name: raw.name ?? file, styles: styles)
    }
}
