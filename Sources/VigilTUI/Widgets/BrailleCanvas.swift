/// A dot canvas drawn with Unicode braille: each cell holds 2×4 dots, so lines are four times finer than letters.
public struct BrailleCanvas: Sendable {
    public let width: Int
    public let height: Int
    private var dots: [UInt8]

    /// A canvas of `width` × `height` cells.
    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        dots = Array(repeating: 0, count: self.width * self.height)
    }

    /// Dots across and down.
    public var dotWidth: Int { width * 2 }
    public var dotHeight: Int { height * 4 }

    /// Sets the dot at (x, y) in dot coordinates; outside is ignored.
    public mutating func set(_ x: Int, _ y: Int) {
        guard x >= 0, y >= 0, x < dotWidth, y < dotHeight else { return }
        let bits: [[UInt8]] = [[0x01, 0x08], [0x02, 0x10], [0x04, 0x20], [0x40, 0x80]]
        dots[(y / 4) * width + x / 2] |= bits[y % 4][x % 2]
    }

    /// A straight line between two dots (Bresenham).
    public mutating func line(_ x0: Int, _ y0: Int, _ x1: Int, _ y1: Int) {
        var x = x0, y = y0
        let dx = abs(x1 - x0), dy = -abs(y1 - y0), sx = x0 < x1 ? 1 : -1, sy = y0 < y1 ? 1 : -1
        var err = dx + dy
        var steps = 0
        while steps < 100_000 {
            set(x, y)
            if x == x1 && y == y1 { break }
            let e2 = 2 * err
            if e2 >= dy { err += dy; x += sx }
            if e2 <= dx { err += dx; y += sy }
            steps += 1
        }
    }

    /// Whether any dot is set in cell (cx, cy).
    public func isSet(cell cx: Int, _ cy: Int) -> Bool { dots[cy * width + cx] != 0 }

    /// The cell's braille character, or nil when empty.
    public func character(_ cx: Int, _ cy: Int) -> Character? {
        let d = dots[cy * width + cx]
        guard d != 0, let scalar = UnicodeScalar(0x2800 + UInt32(d)) else { return nil }
        return Character(scalar)
    }
}
