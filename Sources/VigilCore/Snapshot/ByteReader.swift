/// Why bytes could not be read back; a snapshot that fails this way is ignored and the log replayed.
public struct ByteReaderError: Error, Hashable, Sendable, CustomStringConvertible {
    public var offset: Int
    public var problem: String
    public var description: String { "at byte \(offset): \(problem)" }
}

/// Reads what `ByteWriter` wrote, checking every length against what is left, so damaged input throws rather than traps.
public struct ByteReader {
    let buffer: UnsafeRawBufferPointer
    public private(set) var offset = 0

    public init(_ buffer: UnsafeRawBufferPointer) { self.buffer = buffer }

    public var isAtEnd: Bool { offset == buffer.count }

    func fail(_ problem: String) -> ByteReaderError { ByteReaderError(offset: offset, problem: problem) }

    mutating func byte() throws(ByteReaderError) -> UInt8 {
        guard offset < buffer.count else { throw fail("unexpected end") }
        defer { offset += 1 }
        return buffer[offset]
    }

    mutating func uint() throws(ByteReaderError) -> UInt64 {
        var result: UInt64 = 0, shift: UInt64 = 0
        while true {
            let b = try byte()
            guard shift < 64 else { throw fail("integer too long") }
            result |= UInt64(b & 0x7F) << shift
            if b < 0x80 { return result }
            shift += 7
        }
    }

    mutating func int() throws(ByteReaderError) -> Int {
        let z = try uint()
        return Int(Int64(bitPattern: (z >> 1) ^ (0 &- (z & 1))))
    }
    mutating func int64() throws(ByteReaderError) -> Int64 { Int64(try int()) }

    /// A count of things still to read; each needs at least one byte, which bounds a damaged count.
    mutating func count() throws(ByteReaderError) -> Int {
        let n = try uint()
        guard n <= UInt64(buffer.count - offset) else { throw fail("count \(n) exceeds the bytes left") }
        return Int(n)
    }

    mutating func bool() throws(ByteReaderError) -> Bool {
        switch try byte() {
        case 0: false
        case 1: true
        case let b: throw fail("\(b) is not a boolean")
        }
    }

    mutating func double() throws(ByteReaderError) -> Double {
        guard buffer.count - offset >= 8 else { throw fail("unexpected end") }
        var bits: UInt64 = 0
        for i in 0..<8 { bits |= UInt64(buffer[offset + i]) << UInt64(i * 8) }
        offset += 8
        return Double(bitPattern: bits)
    }

    mutating func string() throws(ByteReaderError) -> String {
        let n = try count()
        defer { offset += n }
        return String(decoding: UnsafeRawBufferPointer(rebasing: buffer[offset..<offset + n]), as: UTF8.self)
    }

    mutating func bytes() throws(ByteReaderError) -> [UInt8] {
        let n = try count()
        defer { offset += n }
        return Array(buffer[offset..<offset + n])
    }

    mutating func optional<T>(_ read: (inout ByteReader) throws(ByteReaderError) -> T) throws(ByteReaderError) -> T? {
        try bool() ? try read(&self) : nil
    }

    mutating func array<T>(_ read: (inout ByteReader) throws(ByteReaderError) -> T) throws(ByteReaderError) -> [T] {
        let n = try count()
        var out: [T] = []
        out.reserveCapacity(n)
        for _ in 0..<n { out.append(try read(&self)) }
        return out
    }

    /// A case of a `String`-backed enum, by its position in `allCases`.
    /// An enum stored by its raw text, so adding or reordering cases never misreads an old snapshot.
    mutating func raw<E: RawRepresentable>(_ type: E.Type) throws(ByteReaderError) -> E where E.RawValue == String {
        let text = try string()
        guard let value = E(rawValue: text) else { throw fail("\(text.debugDescription) is not a \(E.self)") }
        return value
    }

    /// An enum stored by its raw number.
    mutating func raw<E: RawRepresentable>(_ type: E.Type) throws(ByteReaderError) -> E where E.RawValue == Int {
        let n = try int()
        guard let value = E(rawValue: n) else { throw fail("\(n) is not a \(E.self)") }
        return value
    }
}

extension ByteWriter {
    mutating func raw<E: RawRepresentable>(_ value: E) where E.RawValue == String { string(value.rawValue) }

    mutating func raw<E: RawRepresentable>(_ value: E) where E.RawValue == Int { int(value.rawValue) }
}
