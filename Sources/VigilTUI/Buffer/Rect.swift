/// A rectangle of cells, from its top-left corner.
public struct Rect: Hashable, Sendable {
    public var x: Int, y: Int, width: Int, height: Int

    public init(x: Int, y: Int, width: Int, height: Int) {
        self.x = x; self.y = y; self.width = max(0, width); self.height = max(0, height)
    }

    public var isEmpty: Bool { width == 0 || height == 0 }
    public var right: Int { x + width }
    public var bottom: Int { y + height }

    /// The rectangle shrunk by `n` cells on every side.
    public func inset(_ n: Int) -> Rect { Rect(x: x + n, y: y + n, width: width - 2 * n, height: height - 2 * n) }

    /// The top `n` rows and the rest.
    public func cutTop(_ n: Int) -> (Rect, Rect) {
        let h = min(max(0, n), height)
        return (Rect(x: x, y: y, width: width, height: h), Rect(x: x, y: y + h, width: width, height: height - h))
    }

    /// The bottom `n` rows and the rest (rest first).
    public func cutBottom(_ n: Int) -> (Rect, Rect) {
        let h = min(max(0, n), height)
        return (Rect(x: x, y: y, width: width, height: height - h), Rect(x: x, y: bottom - h, width: width, height: h))
    }

    /// The left `n` columns and the rest.
    public func cutLeft(_ n: Int) -> (Rect, Rect) {
        let w = min(max(0, n), width)
        return (Rect(x: x, y: y, width: w, height: height), Rect(x: x + w, y: y, width: width - w, height: height))
    }

    /// Splits the width by shares (e.g. [2, 1]), giving any remainder to the last part.
    public func columns(_ shares: [Int]) -> [Rect] {
        let total = max(1, shares.reduce(0, +))
        var out: [Rect] = [], used = 0
        for (i, s) in shares.enumerated() {
            let w = i == shares.count - 1 ? width - used : width * s / total
            out.append(Rect(x: x + used, y: y, width: w, height: height))
            used += w
        }
        return out
    }

    /// Splits the height by shares, giving any remainder to the last part.
    public func rows(_ shares: [Int]) -> [Rect] {
        let total = max(1, shares.reduce(0, +))
        var out: [Rect] = [], used = 0
        for (i, s) in shares.enumerated() {
            let h = i == shares.count - 1 ? height - used : height * s / total
            out.append(Rect(x: x, y: y + used, width: width, height: h))
            used += h
        }
        return out
    }

    public func contains(x px: Int, y py: Int) -> Bool { px >= x && px < right && py >= y && py < bottom }
}
