/// Writes JSON text; callers emit object keys in sorted order themselves, as Foundation's `.sortedKeys` does.
public struct JSONWriter {
    var out: [UInt8] = []
    /// Whether the next member of the open object needs a comma before it.
    var needsComma = false

    init(capacity: Int = 256) { out.reserveCapacity(capacity) }

    var text: String { String(decoding: out, as: UTF8.self) }

    mutating func raw(_ s: StaticString) { s.withUTF8Buffer { out.append(contentsOf: $0) } }

    mutating func string(_ s: String) {
        out.append(UInt8(ascii: "\""))
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""): raw("\\\"")
            case UInt8(ascii: "\\"): raw("\\\\")
            case 0x0A: raw("\\n")
            case 0x0D: raw("\\r")
            case 0x09: raw("\\t")
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                raw("\\u00")
                out.append(hex[Int(b >> 4)]); out.append(hex[Int(b & 15)])
            default: out.append(b)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    mutating func int<I: BinaryInteger>(_ n: I) { out.append(contentsOf: Array(String(n).utf8)) }

    mutating func double(_ d: Double) {
        // Shortest text that reads back as the same Double; whole numbers without a fraction, as Foundation writes them.
        if d.isFinite, d == d.rounded(), abs(d) < 1e15 {
            int(Int64(d))
        } else {
            out.append(contentsOf: Array(d.description.utf8))
        }
    }

    mutating func bool(_ b: Bool) { if b { raw("true") } else { raw("false") } }

    /// Opens an object; `member` calls follow, then `endObject`.
    mutating func beginObject() { out.append(UInt8(ascii: "{")); needsComma = false }

    mutating func endObject() { out.append(UInt8(ascii: "}")); needsComma = true }

    /// Writes `"key":value`, with a comma when it is not the object's first member.
    mutating func member<T: JSONCodable>(_ key: StaticString, _ value: T) {
        if needsComma { out.append(UInt8(ascii: ",")) }
        out.append(UInt8(ascii: "\""))
        raw(key)
        raw("\":")
        value.write(json: &self)
        needsComma = true
    }

    /// Writes the member only when there is a value, as Foundation's synthesised `encodeIfPresent` does.
    mutating func member<T: JSONCodable>(_ key: StaticString, _ value: T?) {
        if let value { member(key, value) }
    }
}
