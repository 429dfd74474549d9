import Foundation
import VigilTUI

/// Golden files, the one home of the rule every golden test follows: compare with the checked-in text, or rewrite it
/// when `VIGIL_UPDATE_GOLDEN=1` (or when it does not exist yet, which is then reported).
public enum Golden {
    /// Whether this run rewrites golden files instead of checking them.
    public static var updating: Bool { ProcessInfo.processInfo.environment["VIGIL_UPDATE_GOLDEN"] == "1" }

    /// Compares `actual` with the file at `url` and returns what differs, or nil when it matches (or was rewritten).
    public static func mismatch(_ actual: String, _ url: URL) throws -> String? {
        guard !updating, let expected = try? String(contentsOf: url, encoding: .utf8) else {
            try actual.write(to: url, atomically: true, encoding: .utf8)
            return updating ? nil : "wrote a new golden file \(url.lastPathComponent); check it and commit it"
        }
        guard actual != expected else { return nil }
        let a = actual.split(separator: "\n", omittingEmptySubsequences: false)
        let e = expected.split(separator: "\n", omittingEmptySubsequences: false)
        let line = zip(a, e).enumerated().first { $0.element.0 != $0.element.1 }?.offset ?? min(a.count, e.count)
        return """
            \(url.lastPathComponent) differs from its golden file at line \(line + 1):
            expected: \(line < e.count ? String(e[line]) : "(end)")
            actual:   \(line < a.count ? String(a[line]) : "(end)")
            """
    }

    /// A screen as text, then its styles as one letter per cell with a legend, so a change of colour or emphasis
    /// shows up as plainly as a change of text.
    public static func text(_ buf: Buffer) -> String {
        var legend: [Style: Character] = [:]
        let letters = Array("abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        var styleRows: [String] = []
        for y in 0..<buf.height {
            var row = ""
            for x in 0..<buf.width {
                let st = buf[x, y].style
                if legend[st] == nil { legend[st] = letters[min(legend.count, letters.count - 1)] }
                row.append(legend[st]!)
            }
            styleRows.append(row)
        }
        let key = legend.sorted { $0.value < $1.value }.map { "\($0.value) = \(describe($0.key))" }
        return (buf.lines + ["--- styles"] + styleRows + ["--- legend"] + key).joined(separator: "\n") + "\n"
    }

    static func describe(_ s: Style) -> String {
        var parts = ["fg \(s.fg)", "bg \(s.bg)"]
        let names: [(Modifiers, String)] = [
            (.bold, "bold"), (.dim, "dim"), (.underline, "underline"), (.reverse, "reverse"), (.italic, "italic"),
            (.blink, "blink"),
        ]
        parts += names.filter { s.modifiers.contains($0.0) }.map(\.1)
        return parts.joined(separator: ", ")
    }
}
