/// Walks the tokens of one line.
struct Cursor {
    var tokens: [Token]
    var position = 0
    let lineEnd: Int
    init(tokens: [Token], lineEnd: Int) { self.tokens = tokens; self.lineEnd = lineEnd }

    mutating func next() -> Token? {
        guard position < tokens.count else { return nil }
        defer { position += 1 }
        return tokens[position]
    }

    /// Takes the next token if it is `word` (any case); true when it was.
    mutating func consume(_ word: String) -> Bool {
        guard position < tokens.count, tokens[position].text.lowercased() == word else { return false }
        position += 1
        return true
    }

    mutating func require(_ what: String) throws(CommandLineError) -> Token {
        guard let t = next() else { throw CommandLineError("\(what) is missing", column: lineEnd, suggestion: nil) }
        return t
    }
}
