/// One word of a command line, with the 1-based column where it starts.
public struct Token: Hashable, Sendable {
    /// The word with quotes removed; for `key=value` tokens, the value.
    public var text: String
    public var column: Int
    /// Set for `key=value` tokens.
    public var key: String?
    public var quoted: Bool
}

/// Splits a command line into words, honouring "double" and 'single' quotes and `key=value`.
enum Tokenizer {
    static func tokenize(_ line: String) -> Result<[Token], CommandLineError> {
        var tokens: [Token] = []
        let chars = Array(line)
        var i = 0
        while i < chars.count {
            if chars[i].isWhitespace { i += 1; continue }
            let start = i
            var text = ""
            var key: String?
            var quoted = false
            while i < chars.count, !chars[i].isWhitespace {
                let c = chars[i]
                if c == "\"" || c == "'" {
                    quoted = true
                    let quoteColumn = i + 1
                    i += 1
                    var closed = false
                    while i < chars.count {
                        if chars[i] == "\\", i + 1 < chars.count, chars[i + 1] == c || chars[i + 1] == "\\" {
                            text.append(chars[i + 1]); i += 2; continue
                        }
                        if chars[i] == c { closed = true; i += 1; break }
                        text.append(chars[i]); i += 1
                    }
                    if !closed {
                        return .failure(
                            CommandLineError("unclosed quote", column: quoteColumn, suggestion: "add a closing \(c)"))
                    }
                } else if c == "=", key == nil, !quoted, !text.isEmpty {
                    key = text.lowercased()
                    text = ""
                    i += 1
                } else {
                    text.append(c); i += 1
                }
            }
            tokens.append(Token(text: text, column: start + 1, key: key, quoted: quoted))
        }
        return .success(tokens)
    }
}
