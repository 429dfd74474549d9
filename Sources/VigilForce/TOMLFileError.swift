import VigilCore

/// A TOML file (force, scenario or theme) that cannot be used: which file, which line, which field, and what is wrong, in one sentence.
public struct TOMLFileError: Error, Hashable, Sendable, CustomStringConvertible {
    public var file: String
    public var line: Int?
    public var field: String?
    public var message: String

    public init(file: String, line: Int?, field: String?, message: String) {
        self.file = file; self.line = line; self.field = field; self.message = message
    }

    /// `force.toml:37: units[3].type: `respnse` is not a unit type; use one of response, neighbourhood, ...`
    public var description: String {
        var s = file
        if let line { s += ":\(line)" }
        s += ": "
        if let field { s += "\(field): " }
        return s + message
    }
}

/// One step of a path into a TOML document.
public enum PathStep: Hashable, Sendable {
    case key(String)
    case index(Int)
}

/// Finds the line a path such as `units[3].type` was written on, by scanning table headers and keys.
struct TOMLLocator: Sendable {
    let lines: [Substring]

    init(text: String) { lines = text.split(separator: "\n", omittingEmptySubsequences: false) }

    /// 1-based line of the deepest part of `path` that can be found, or nil.
    func line(for path: [PathStep]) -> Int? {
        guard case .key(let top)? = path.first else { return nil }
        var blockStart: Int?
        var rest = path.dropFirst()
        if case .index(let n)? = rest.first {
            var seen = -1
            for (i, l) in lines.enumerated() where trimmedLine(l) == "[[\(top)]]" {
                seen += 1
                if seen == n { blockStart = i; break }
            }
            rest = rest.dropFirst()
        } else if let i = lines.firstIndex(where: { trimmedLine($0) == "[\(top)]" }) {
            blockStart = i
        } else {
            return lines.firstIndex { isKey($0, top) }.map { $0 + 1 }
        }
        guard let start = blockStart else { return nil }
        guard case .key(let key)? = rest.first else { return start + 1 }
        var i = start + 1
        while i < lines.count, !trimmedLine(lines[i]).hasPrefix("[") || isKey(lines[i], key) {
            if isKey(lines[i], key) { return i + 1 }
            i += 1
        }
        return start + 1
    }

    private func trimmedLine(_ l: Substring) -> String {
        String(l).trimmingSpaces
    }

    private func isKey(_ l: Substring, _ key: String) -> Bool {
        let t = trimmedLine(l)
        guard t.hasPrefix(key) else { return false }
        return t.dropFirst(key.count).drop { $0 == " " || $0 == "\t" }.first == "="
    }
}

/// Renders a path as `units[3].type`.
func fieldName(_ path: [PathStep]) -> String {
    var s = ""
    for step in path {
        switch step {
        case .key(let k): s += s.isEmpty ? k : ".\(k)"
        case .index(let i): s += "[\(i)]"
        }
    }
    return s
}
