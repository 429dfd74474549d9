/// A file of EIDOs, one object or an array of them, split into each document's own bytes, so each is kept
/// exactly as sent and one broken document does not stop the rest.
public enum EIDOFile {
    /// Each document's bytes, in file order; nil when the file is neither a JSON object nor an array.
    public static func documents(_ bytes: [UInt8]) -> [ArraySlice<UInt8>]? {
        var i = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }
        skipSpace(bytes, &i)
        guard i < bytes.count else { return nil }
        if bytes[i] == UInt8(ascii: "{") {
            var end = bytes.count
            while end > i, isSpace(bytes[end - 1]) { end -= 1 }
            return [bytes[i..<end]]
        }
        guard bytes[i] == UInt8(ascii: "[") else { return nil }
        i += 1
        var out: [ArraySlice<UInt8>] = []
        while true {
            skipSpace(bytes, &i)
            guard i < bytes.count else { return out }
            if bytes[i] == UInt8(ascii: "]") { return out }
            let start = i
            // What does not split cleanly (a stray bracket, text after a value) is one broken document, the last.
            guard let end = valueEnd(bytes, from: i), end > start,
                bytes[end] == UInt8(ascii: ",") || bytes[end] == UInt8(ascii: "]")
            else {
                out.append(bytes[start...])
                return out
            }
            var last = end
            while last > start, isSpace(bytes[last - 1]) { last -= 1 }
            out.append(bytes[start..<last])
            i = end
            if bytes[i] == UInt8(ascii: ",") { i += 1 }
        }
    }

    /// Where the value starting at `start` ends: at the comma or bracket that follows it at depth 0.
    static func valueEnd(_ b: [UInt8], from start: Int) -> Int? {
        var depth = 0, i = start, inString = false
        while i < b.count {
            let c = b[i]
            if inString {
                if c == UInt8(ascii: "\\") { i += 1 } else if c == UInt8(ascii: "\"") { inString = false }
            } else {
                switch c {
                case UInt8(ascii: "\""): inString = true
                case UInt8(ascii: "{"), UInt8(ascii: "["): depth += 1
                case UInt8(ascii: "}"), UInt8(ascii: "]"):
                    if depth == 0 { return i }
                    depth -= 1
                case UInt8(ascii: ","): if depth == 0 { return i }
                default: break
                }
            }
            i += 1
        }
        return nil
    }

    static func isSpace(_ c: UInt8) -> Bool { c == 32 || c == 9 || c == 10 || c == 13 }
    static func skipSpace(_ b: [UInt8], _ i: inout Int) { while i < b.count, isSpace(b[i]) { i += 1 } }
}
