/// A file of EIDOs, one object or an array of them, split into each document's own bytes, so each is kept
/// exactly as sent and one broken document does not stop the rest.
public enum EIDOFile {
    /// The documents of a file, and what is wrong with the file around them.
    public struct Split {
        /// Each document's bytes, in file order.
        public var documents: [ArraySlice<UInt8>]
        /// Why the file as a whole is not well formed (cut off, a trailing comma), though its documents were read.
        public var problem: String?
    }

    /// Each document's bytes, in file order; nil when the file is neither a JSON object nor an array.
    public static func documents(_ bytes: [UInt8]) -> [ArraySlice<UInt8>]? { split(bytes)?.documents }

    /// The file split into documents; nil when it is neither a JSON object nor an array.
    public static func split(_ bytes: [UInt8]) -> Split? {
        var i = 0
        if bytes.starts(with: [0xEF, 0xBB, 0xBF]) { i = 3 }
        skipSpace(bytes, &i)
        guard i < bytes.count else { return nil }
        if bytes[i] == UInt8(ascii: "{") {
            var end = bytes.count
            while end > i, isSpace(bytes[end - 1]) { end -= 1 }
            return Split(documents: [bytes[i..<end]])
        }
        guard bytes[i] == UInt8(ascii: "[") else { return nil }
        i += 1
        var out: [ArraySlice<UInt8>] = []
        var afterComma = false
        while true {
            skipSpace(bytes, &i)
            guard i < bytes.count else {
                return Split(documents: out, problem: "it ends before its array closes (cut off?)")
            }
            if bytes[i] == UInt8(ascii: "]") {
                return Split(
                    documents: out, problem: afterComma ? "its array ends with a comma after the last document" : nil)
            }
            let start = i
            // What does not split cleanly (a stray bracket, text after a value) is one broken document, the last.
            guard let end = valueEnd(bytes, from: i), end > start,
                bytes[end] == UInt8(ascii: ",") || bytes[end] == UInt8(ascii: "]")
            else {
                out.append(bytes[start...])
                return Split(documents: out, problem: "it ends before its array closes (cut off?)")
            }
            var last = end
            while last > start, isSpace(bytes[last - 1]) { last -= 1 }
            out.append(bytes[start..<last])
            i = end
            afterComma = bytes[i] == UInt8(ascii: ",")
            if afterComma { i += 1 }
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

    /// The first member name given twice in one object, decoded: JSON readers keep one of the two silently, so
    /// such a document means different things to different systems.
    public static func duplicateKey(_ b: ArraySlice<UInt8>) -> String? {
        var objects: [Set<String>?] = []
        var expectKey = false
        var i = b.startIndex
        while i < b.endIndex {
            switch b[i] {
            case UInt8(ascii: "{"):
                objects.append([])
                expectKey = true
            case UInt8(ascii: "["):
                objects.append(nil)
                expectKey = false
            case UInt8(ascii: "}"), UInt8(ascii: "]"):
                _ = objects.popLast()
                expectKey = false
            case UInt8(ascii: ","):
                expectKey = objects.last.map { $0 != nil } ?? false
            case UInt8(ascii: "\""):
                let (text, end) = string(b, from: i + 1)
                if expectKey, let n = objects.indices.last, objects[n] != nil {
                    if objects[n]!.contains(text) { return text }
                    objects[n]!.insert(text)
                }
                expectKey = false
                i = end
            default:
                break
            }
            i += 1
        }
        return nil
    }

    /// A JSON string's text from just after its opening quote, and the index of its closing quote.
    static func string(_ b: ArraySlice<UInt8>, from start: Int) -> (String, Int) {
        var scalars = String.UnicodeScalarView()
        var bytes: [UInt8] = []
        var i = start
        func flush() {
            scalars.append(contentsOf: String(decoding: bytes, as: UTF8.self).unicodeScalars)
            bytes.removeAll()
        }
        func hex4(_ at: Int) -> UInt32? {
            guard at + 4 <= b.endIndex else { return nil }
            return UInt32(String(decoding: b[at..<(at + 4)], as: UTF8.self), radix: 16)
        }
        while i < b.endIndex, b[i] != UInt8(ascii: "\"") {
            guard b[i] == UInt8(ascii: "\\"), i + 1 < b.endIndex else {
                bytes.append(b[i])
                i += 1
                continue
            }
            flush()
            let e = b[i + 1]
            i += 2
            switch e {
            case UInt8(ascii: "u"):
                guard var v = hex4(i) else { continue }
                i += 4
                if (0xD800..<0xDC00).contains(v), i + 1 < b.endIndex, b[i] == UInt8(ascii: "\\"),
                    b[i + 1] == UInt8(ascii: "u"), let low = hex4(i + 2), (0xDC00..<0xE000).contains(low)
                {
                    v = 0x10000 + ((v - 0xD800) << 10) + (low - 0xDC00)
                    i += 6
                }
                scalars.append(Unicode.Scalar(v) ?? "\u{FFFD}")
            case UInt8(ascii: "n"): scalars.append("\n")
            case UInt8(ascii: "t"): scalars.append("\t")
            case UInt8(ascii: "r"): scalars.append("\r")
            case UInt8(ascii: "b"): scalars.append("\u{8}")
            case UInt8(ascii: "f"): scalars.append("\u{C}")
            default: scalars.append(Unicode.Scalar(e))
            }
        }
        flush()
        return (String(scalars), i)
    }

    static func isSpace(_ c: UInt8) -> Bool { c == 32 || c == 9 || c == 10 || c == 13 }
    static func skipSpace(_ b: [UInt8], _ i: inout Int) { while i < b.count, isSpace(b[i]) { i += 1 } }
}
