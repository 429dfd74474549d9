/// The plain subset of TOML that force, scenario and theme files are written in, checked before the text reaches
/// toml++: that parser asserts (and, built without assertions, assumes) on some malformed input, which would abort
/// the program instead of giving a sentence. Only text of this shape is passed on:
/// - `[table]` and `[[array.of.tables]]` headers, and `key = value` lines, with `#` comments;
/// - keys bare (`A-Z a-z 0-9 _ -`) or in double quotes, dotted;
/// - values: double-quoted strings on one line, numbers (with `inf` and `nan`, which the loaders then refuse by
///   name), `true`/`false`, arrays (which may span lines) and inline tables `{ k = v, … }`.
struct TOMLSubset {
    struct Failure: Error {
        var line: Int
        var column: Int
        var message: String
    }

    let bytes: [UInt8]
    var i = 0
    var line = 1
    var lineStart = 0
    var depth = 0

    init(_ text: String) { bytes = Array(text.utf8) }

    /// Throws at the first thing outside the subset.
    static func check(_ text: String) throws(Failure) {
        var s = TOMLSubset(text)
        try s.document()
    }

    func fail(_ message: String) -> Failure { Failure(line: line, column: i - lineStart + 1, message: message) }

    var atEnd: Bool { i >= bytes.count }
    var current: UInt8? { i < bytes.count ? bytes[i] : nil }

    mutating func spaces() { while let b = current, b == 0x20 || b == 0x09 { i += 1 } }

    mutating func newline() {
        i += 1
        line += 1
        lineStart = i
    }

    /// Space, comments and line breaks (between array elements and lines).
    mutating func blank() throws(Failure) {
        while let b = current {
            switch b {
            case 0x20, 0x09: i += 1
            case 0x0A: newline()
            case 0x0D:
                guard i + 1 < bytes.count, bytes[i + 1] == 0x0A else {
                    throw fail("a carriage return must be followed by a line feed")
                }
                i += 1
            case UInt8(ascii: "#"): try comment()
            default: return
            }
        }
    }

    mutating func comment() throws(Failure) {
        while let b = current, b != 0x0A {
            if b < 0x20 && b != 0x09 && b != 0x0D || b == 0x7F { throw fail("a control character in a comment") }
            i += 1
        }
    }

    /// After a header or a key = value: only space, a comment and the end of the line.
    mutating func endOfLine() throws(Failure) {
        spaces()
        if current == UInt8(ascii: "#") { try comment() }
        if current == 0x0D { i += 1 }
        guard atEnd || current == 0x0A else { throw fail("expected the end of the line") }
        if !atEnd { newline() }
    }

    mutating func document() throws(Failure) {
        while true {
            try blank()
            guard let b = current else { return }
            if b == UInt8(ascii: "[") { try header() } else { try keyValue() }
            try endOfLine()
        }
    }

    mutating func header() throws(Failure) {
        i += 1
        let array = current == UInt8(ascii: "[")
        if array { i += 1 }
        spaces()
        try keyPath()
        spaces()
        guard current == UInt8(ascii: "]") else { throw fail("expected ] to close the table header") }
        i += 1
        if array {
            guard current == UInt8(ascii: "]") else { throw fail("expected ]] to close the table header") }
            i += 1
        }
    }

    mutating func keyPath() throws(Failure) {
        try key()
        while true {
            spaces()
            guard current == UInt8(ascii: ".") else { return }
            i += 1
            spaces()
            try key()
        }
    }

    static func isBare(_ b: UInt8) -> Bool {
        (b >= 0x30 && b <= 0x39) || (b >= 0x41 && b <= 0x5A) || (b >= 0x61 && b <= 0x7A) || b == UInt8(ascii: "_")
            || b == UInt8(ascii: "-")
    }

    mutating func key() throws(Failure) {
        if current == UInt8(ascii: "\"") { try string(); return }
        let start = i
        while let b = current, Self.isBare(b) { i += 1 }
        guard i > start else { throw fail("expected a key (letters, digits, _ or -, or a \"quoted\" key)") }
    }

    mutating func keyValue() throws(Failure) {
        try keyPath()
        spaces()
        guard current == UInt8(ascii: "=") else { throw fail("expected = after the key") }
        i += 1
        spaces()
        try value()
    }

    mutating func value() throws(Failure) {
        guard let b = current else { throw fail("expected a value") }
        depth += 1
        defer { depth -= 1 }
        guard depth <= 32 else { throw fail("values are nested too deeply") }
        switch b {
        case UInt8(ascii: "\""): try string()
        case UInt8(ascii: "["): try array()
        case UInt8(ascii: "{"): try inlineTable()
        case UInt8(ascii: "t"): try word("true")
        case UInt8(ascii: "f"): try word("false")
        default: try number()
        }
    }

    mutating func word(_ w: String) throws(Failure) {
        for c in w.utf8 {
            guard current == c else { throw fail("expected \(w)") }
            i += 1
        }
    }

    mutating func string() throws(Failure) {
        i += 1
        while true {
            guard let b = current else { throw fail("a string is not closed with \"") }
            switch b {
            case UInt8(ascii: "\""): i += 1; return
            case 0x0A, 0x0D: throw fail("a string must end on the line it starts")
            case UInt8(ascii: "\\"):
                i += 1
                guard let e = current else { throw fail("a string is not closed with \"") }
                i += 1
                switch e {
                case UInt8(ascii: "b"), UInt8(ascii: "t"), UInt8(ascii: "n"), UInt8(ascii: "f"), UInt8(ascii: "r"),
                    UInt8(ascii: "\""), UInt8(ascii: "\\"):
                    break
                case UInt8(ascii: "u"): try hex(4)
                case UInt8(ascii: "U"): try hex(8)
                default: throw fail("an unknown escape in a string; use \\\\ for a backslash")
                }
            default:
                if b < 0x20 && b != 0x09 || b == 0x7F {
                    throw fail("a control character in a string; write it as an escape")
                }
                i += 1
            }
        }
    }

    mutating func hex(_ n: Int) throws(Failure) {
        var v: UInt32 = 0
        for _ in 0..<n {
            guard let b = current else { throw fail("expected \(n) hex digits") }
            let d: UInt8
            switch b {
            case 0x30...0x39: d = b - 0x30
            case 0x41...0x46: d = b - 0x41 + 10
            case 0x61...0x66: d = b - 0x61 + 10
            default: throw fail("expected \(n) hex digits")
            }
            v = v << 4 | UInt32(d)
            i += 1
        }
        guard Unicode.Scalar(v) != nil else { throw fail("the escape is not a Unicode character") }
    }

    mutating func digits() -> Int {
        let start = i
        while let b = current, (b >= 0x30 && b <= 0x39) || (b == UInt8(ascii: "_") && i > start) { i += 1 }
        return i - start
    }

    mutating func number() throws(Failure) {
        if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { i += 1 }
        if current == UInt8(ascii: "i") { try word("inf"); return }
        if current == UInt8(ascii: "n") { try word("nan"); return }
        guard digits() > 0 else {
            throw fail("expected a value: a \"string\", a number, true, false, [an array] or { a table }")
        }
        if current == UInt8(ascii: ".") {
            i += 1
            guard digits() > 0 else { throw fail("expected digits after the decimal point") }
        }
        if current == UInt8(ascii: "e") || current == UInt8(ascii: "E") {
            i += 1
            if current == UInt8(ascii: "+") || current == UInt8(ascii: "-") { i += 1 }
            guard digits() > 0 else { throw fail("expected digits in the exponent") }
        }
        if let b = current, Self.isBare(b) || b == UInt8(ascii: ":") || b == UInt8(ascii: ".") {
            throw fail("not a number; dates and times are written in quotes here")
        }
    }

    mutating func array() throws(Failure) {
        i += 1
        try blank()
        while current != UInt8(ascii: "]") {
            try value()
            try blank()
            if current == UInt8(ascii: ",") {
                i += 1
                try blank()
            } else {
                guard current == UInt8(ascii: "]") else { throw fail("expected , or ] in the array") }
            }
        }
        i += 1
    }

    mutating func inlineTable() throws(Failure) {
        i += 1
        spaces()
        if current == UInt8(ascii: "}") { i += 1; return }
        while true {
            try keyValue()
            spaces()
            if current == UInt8(ascii: ",") {
                i += 1
                spaces()
                continue
            }
            guard current == UInt8(ascii: "}") else {
                throw fail("expected , or } in the inline table (it must end on its line)")
            }
            i += 1
            return
        }
    }
}
