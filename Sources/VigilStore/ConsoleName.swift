import VigilCore

/// Names for consoles, which every event they write and every heartbeat carries.
public enum ConsoleName {
    /// A fresh console's name: 128 random bits, so nobody can claim it before the console opens (a pid can be
    /// guessed, and every id below 32,768 claimed in one statement).
    public static func random() -> ConsoleID {
        var rng = SystemRandomNumberGenerator()
        let bits = (rng.next() as UInt64, rng.next() as UInt64)
        return "tty-" + hex(bits.0) + hex(bits.1)
    }

    static func hex(_ v: UInt64) -> String {
        let s = String(v, radix: 16)
        return String(repeating: "0", count: 16 - s.count) + s
    }
}
