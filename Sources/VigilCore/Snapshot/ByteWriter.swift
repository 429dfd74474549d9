/// Appends a compact binary form: variable-length integers, length-prefixed UTF-8, doubles by bit pattern.
/// Snapshots use it because decoding a day's incidents through `Codable` JSON is ten times slower.
public struct ByteWriter: Sendable {
    public private(set) var bytes: [UInt8] = []

    public init() { bytes.reserveCapacity(1 << 16) }

    mutating func byte(_ b: UInt8) { bytes.append(b) }

    mutating func uint(_ value: UInt64) {
        var v = value
        while v >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: v) | 0x80)
            v >>= 7
        }
        bytes.append(UInt8(v))
    }

    /// Zig-zag, so small negative numbers stay short.
    mutating func int(_ value: Int64) { uint(UInt64(bitPattern: (value << 1) ^ (value >> 63))) }
    mutating func int(_ value: Int) { int(Int64(value)) }
    mutating func bool(_ value: Bool) { byte(value ? 1 : 0) }
    mutating func double(_ value: Double) {
        let bits = value.bitPattern
        for shift in stride(from: 0, to: 64, by: 8) { bytes.append(UInt8(truncatingIfNeeded: bits >> UInt64(shift))) }
    }

    mutating func string(_ value: String) {
        var s = value
        s.withUTF8 { utf8 in
            uint(UInt64(utf8.count))
            bytes.append(contentsOf: utf8)
        }
    }

    mutating func bytes(_ value: [UInt8]) {
        uint(UInt64(value.count))
        bytes.append(contentsOf: value)
    }

    /// Writes a presence byte, then the value when there is one.
    mutating func optional<T>(_ value: T?, _ write: (inout ByteWriter, T) -> Void) {
        guard let value else { return byte(0) }
        byte(1)
        write(&self, value)
    }

    mutating func array<T>(_ values: some Collection<T>, _ write: (inout ByteWriter, T) -> Void) {
        uint(UInt64(values.count))
        for v in values { write(&self, v) }
    }
}
