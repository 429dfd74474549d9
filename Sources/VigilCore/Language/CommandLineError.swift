/// Why a command line did not parse: a sentence, the 1-based column of the problem, and a likely fix.
public struct CommandLineError: Error, Hashable, Sendable, CustomStringConvertible {
    public var message: String
    public var column: Int
    public var suggestion: String?

    public init(_ message: String, column: Int, suggestion: String? = nil) {
        self.message = message; self.column = column; self.suggestion = suggestion
    }

    /// `column 14: unknown status `scnee`; did you mean `scene`?`
    public var description: String {
        "column \(column): \(message)"
            + (suggestion.map { s in
                s.hasPrefix("add ") || s.hasPrefix("use ") || s.hasPrefix("e.g.") ? "; \(s)" : "; did you mean `\(s)`?"
            } ?? "")
    }
}
