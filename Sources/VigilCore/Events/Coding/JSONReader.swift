#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Why a payload could not be read.
public struct JSONError: Error, CustomStringConvertible {
    public var description: String
}

/// A strict, streaming JSON reader over UTF-8 bytes: callers walk objects member by member, so reading an event
/// builds no tree and makes strings only for the values it keeps.
public struct JSONReader {
    /// Valid only while the caller's buffer is: readers live inside one `withUnsafeBufferPointer`-style call.
    let bytes: UnsafeBufferPointer<UInt8>
    var i = 0
    var depth = 0

    init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// An object member's key as raw bytes; `case "name":` patterns match it without making a String.
    struct Key: CustomStringConvertible {
        let bytes: UnsafeBufferPointer<UInt8>
        static func ~= (pattern: StaticString, key: Key) -> Bool {
            pattern.withUTF8Buffer { p in
                p.count == key.bytes.count && memcmp(p.baseAddress!, key.bytes.baseAddress!, p.count) == 0
            }
        }
        var description: String { String(decoding: bytes, as: UTF8.self) }
    }

    /// A key without escapes: every key this program writes. A key with escapes is refused, since another reader
    /// (a server's jsonb) would take `"\u006fperator"` as `operator` where this one would pass it over.
    mutating func key() throws -> Key {
        try expect(UInt8(ascii: "\""))
        let start = i
        while i < bytes.count, bytes[i] != UInt8(ascii: "\""), bytes[i] != UInt8(ascii: "\\") { i += 1 }
        guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else {
            throw JSONError(description: "a key with escapes at byte \(start - 1); Vigil writes none")
        }
        defer { i += 1 }
        return Key(bytes: UnsafeBufferPointer(rebasing: bytes[start..<i]))
    }

    mutating func skipSpace() {
        while i < bytes.count, bytes[i] == 0x20 || bytes[i] == 0x0A || bytes[i] == 0x0D || bytes[i] == 0x09 { i += 1 }
    }

    mutating func expect(_ b: UInt8) throws {
        skipSpace()
        guard i < bytes.count, bytes[i] == b else {
            throw JSONError(description: "expected \(Character(UnicodeScalar(b))) at byte \(i)")
        }
        i += 1
    }

    mutating func peek() throws -> UInt8 {
        skipSpace()
        guard i < bytes.count else { throw JSONError(description: "unexpected end") }
        return bytes[i]
    }

    /// Checks nothing but space follows the value just read.
    mutating func end() throws {
        skipSpace()
        guard i == bytes.count else { throw JSONError(description: "trailing characters at byte \(i)") }
    }

    /// Calls `body` with each member's key, positioned at its value; `body` must read or skip the value.
    mutating func object(_ body: (Key, inout JSONReader) throws -> Void) throws {
        try expect(UInt8(ascii: "{"))
        depth += 1
        guard depth < 64 else { throw JSONError(description: "nested too deeply") }
        defer { depth -= 1 }
        if try peek() == UInt8(ascii: "}") { i += 1; return }
        // A key given twice is refused: readers disagree on which one counts (jsonb keeps the last).
        var seen: [Key] = []
        while true {
            let key = try key()
            for k in seen where k.bytes.count == key.bytes.count {
                if memcmp(k.bytes.baseAddress!, key.bytes.baseAddress!, k.bytes.count) == 0 {
                    throw JSONError(description: "the key \(key) is given twice")
                }
            }
            seen.append(key)
            try expect(UInt8(ascii: ":"))
            try body(key, &self)
            let b = try peek()
            i += 1
            if b == UInt8(ascii: ",") { continue }
            guard b == UInt8(ascii: "}") else { throw JSONError(description: "expected , or } at byte \(i - 1)") }
            return
        }
    }

    /// Calls `body` positioned at each element of an array.
    mutating func array(_ body: (inout JSONReader) throws -> Void) throws {
        try expect(UInt8(ascii: "["))
        depth += 1
        guard depth < 64 else { throw JSONError(description: "nested too deeply") }
        defer { depth -= 1 }
        if try peek() == UInt8(ascii: "]") { i += 1; return }
        while true {
            try body(&self)
            let b = try peek()
            i += 1
            if b == UInt8(ascii: ",") { continue }
            guard b == UInt8(ascii: "]") else { throw JSONError(description: "expected , or ] at byte \(i - 1)") }
            return
        }
    }

    /// True (and consumed) when the next value is `null`.
    mutating func null() throws -> Bool {
        guard try peek() == UInt8(ascii: "n") else { return false }
        try literal("null")
        return true
    }

    mutating func bool() throws -> Bool {
        if try peek() == UInt8(ascii: "t") { try literal("true"); return true }
        try literal("false")
        return false
    }

    mutating func literal(_ word: StaticString) throws {
        skipSpace()
        let matches = word.withUTF8Buffer { w in
            i + w.count <= bytes.count && memcmp(w.baseAddress!, bytes.baseAddress! + i, w.count) == 0
        }
        guard matches else { throw JSONError(description: "bad literal at byte \(i)") }
        i += word.utf8CodeUnitCount
    }

    /// Skips any value.
    mutating func skip() throws {
        switch try peek() {
        case UInt8(ascii: "{"): try object { _, r in try r.skip() }
        case UInt8(ascii: "["): try array { r in try r.skip() }
        case UInt8(ascii: "\""): _ = try string()
        case UInt8(ascii: "t"), UInt8(ascii: "f"): _ = try bool()
        case UInt8(ascii: "n"): try literal("null")
        default: _ = try double()
        }
    }

    mutating func int() throws -> Int {
        let d = try double()
        guard d == d.rounded(), abs(d) < 9e15 else {
            throw JSONError(description: "expected a whole number before byte \(i)")
        }
        return Int(d)
    }

    mutating func double() throws -> Double {
        skipSpace()
        let start = i
        while i < bytes.count,
            (bytes[i] >= 0x30 && bytes[i] <= 0x39) || bytes[i] == UInt8(ascii: "-") || bytes[i] == UInt8(ascii: "+")
                || bytes[i] == UInt8(ascii: ".") || bytes[i] == UInt8(ascii: "e") || bytes[i] == UInt8(ascii: "E")
        { i += 1 }
        guard i > start else { throw JSONError(description: "expected a value at byte \(start)") }
        // Whole numbers, the usual case, are read directly; others go through Double's parser.
        var n: Int64 = 0, negative = false, simple = true
        for k in start..<i {
            let b = bytes[k]
            if k == start && b == UInt8(ascii: "-") { negative = true; continue }
            guard b >= 0x30 && b <= 0x39, n < 100_000_000_000_000_000 else { simple = false; break }
            n = n * 10 + Int64(b - 0x30)
        }
        if simple && !(negative && i - start == 1) { return Double(negative ? -n : n) }
        guard let d = Double(String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)) else {
            throw JSONError(description: "bad number at byte \(start)")
        }
        // 1e999 reads as infinity, which no payload holds and JSON cannot write back.
        guard d.isFinite else { throw JSONError(description: "a number out of range at byte \(start)") }
        return d
    }

    mutating func string() throws -> String {
        try expect(UInt8(ascii: "\""))
        let start = i
        // Fast path: no escapes.
        while i < bytes.count, bytes[i] != UInt8(ascii: "\""), bytes[i] != UInt8(ascii: "\\"), bytes[i] >= 0x20 {
            i += 1
        }
        guard i < bytes.count else { throw JSONError(description: "unterminated string") }
        if bytes[i] == UInt8(ascii: "\"") {
            defer { i += 1 }
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<i]), as: UTF8.self)
        }
        var out = Array(bytes[start..<i])
        while i < bytes.count {
            let b = bytes[i]
            if b == UInt8(ascii: "\"") { i += 1; return String(decoding: out, as: UTF8.self) }
            guard b >= 0x20 else { throw JSONError(description: "control character in string at byte \(i)") }
            if b != UInt8(ascii: "\\") { out.append(b); i += 1; continue }
            i += 1
            guard i < bytes.count else { break }
            let e = bytes[i]
            i += 1
            switch e {
            case UInt8(ascii: "\""), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "u"):
                let at = i - 2
                var scalar = try hex4()
                // A high surrogate must be followed by a low one; anything else is refused, never guessed at.
                if (0xD800..<0xDC00).contains(scalar) {
                    guard i + 1 < bytes.count, bytes[i] == UInt8(ascii: "\\"), bytes[i + 1] == UInt8(ascii: "u") else {
                        throw JSONError(description: "a lone high surrogate at byte \(at)")
                    }
                    i += 2
                    let low = try hex4()
                    guard (0xDC00..<0xE000).contains(low) else {
                        throw JSONError(description: "a high surrogate without its low half at byte \(at)")
                    }
                    scalar = 0x10000 + ((scalar - 0xD800) << 10) + (low - 0xDC00)
                }
                guard let u = UnicodeScalar(scalar) else {
                    throw JSONError(description: "a lone low surrogate at byte \(at)")
                }
                out.append(contentsOf: Array(String(Character(u)).utf8))
            default: throw JSONError(description: "bad escape at byte \(i - 1)")
            }
        }
        throw JSONError(description: "unterminated string")
    }

    mutating func hex4() throws -> UInt32 {
        guard i + 4 <= bytes.count else { throw JSONError(description: "bad \\u escape at byte \(i)") }
        var v: UInt32 = 0
        for b in bytes[i..<i + 4] {
            // Four hex digits exactly: UInt32(_:radix:) would also take a sign.
            let d: UInt8
            switch b {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): d = b - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): d = b - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): d = b - UInt8(ascii: "A") + 10
            default: throw JSONError(description: "bad \\u escape at byte \(i)")
            }
            v = v << 4 | UInt32(d)
        }
        i += 4
        return v
    }

    /// Reads a value of any type that knows its JSON.
    mutating func value<T: JSONCodable>() throws -> T { try T(json: &self) }

    /// Reads a value, or nil for `null`.
    mutating func optional<T: JSONCodable>() throws -> T? { try null() ? nil : try T(json: &self) }

    /// Reads an object's members as `object` does, naming the member in any error, e.g. `unitAssigned.incident: …`.
    mutating func members(of context: @autoclosure () -> String, _ body: (Key, inout JSONReader) throws -> Void) throws
    {
        try object { key, r in
            do { try body(key, &r) } catch let e as JSONError {
                throw JSONError(description: "\(context()).\(key): \(e.description)")
            }
        }
    }
}

extension JSONError {
    init(_ description: String) { self.description = description }

    /// A member an event needs was absent.
    static func missing(_ key: String, in context: String) -> JSONError { JSONError("\(context).\(key) is missing") }
}
