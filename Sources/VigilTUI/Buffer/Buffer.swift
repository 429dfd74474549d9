/// One cell of the screen: a grapheme (empty for the right half of a wide one) and its style.
public struct Cell: Hashable, Sendable {
    public var symbol: String
    public var style: Style
    public init(_ symbol: String = " ", _ style: Style = .plain) { self.symbol = symbol; self.style = style }
    public static let blank = Cell()
}

/// The screen as plain data: rendering fills it, a back end draws it, tests compare it.
public struct Buffer: Hashable, Sendable {
    public let width: Int
    public let height: Int
    public private(set) var cells: [Cell]

    public init(width: Int, height: Int, fill: Cell = .blank) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: fill, count: self.width * self.height)
    }

    public var area: Rect { Rect(x: 0, y: 0, width: width, height: height) }

    public subscript(x: Int, y: Int) -> Cell {
        get { cells[y * width + x] }
        set { if x >= 0, y >= 0, x < width, y < height { cells[y * width + x] = newValue } }
    }

    /// Writes `text` from (x, y) in `style`, clipped to `clip` (default: the whole buffer); returns the columns used.
    @discardableResult
    public mutating func put(_ text: some StringProtocol, x: Int, y: Int, _ style: Style = .plain, clip: Rect? = nil)
        -> Int
    {
        let box = clip ?? area
        guard y >= box.y, y < box.bottom, y >= 0, y < height else { return 0 }
        if isPlainASCII(text) {
            // One byte, one column: no grapheme breaking for the bulk of the screen.
            let right = min(box.right, width)
            var col = x
            for b in text.utf8 {
                if col >= right { break }
                if col >= box.x, col >= 0 { cells[y * self.width + col] = Cell(String(UnicodeScalar(b)), style) }
                col += 1
            }
            return col - x
        }
        var col = x
        for c in text {
            let w = displayWidth(c)
            if w == 0 { continue }
            if col + w > min(box.right, width) { break }
            if col >= box.x, col >= 0 {
                self[col, y] = Cell(visibleSymbol(c), style)
                if w == 2 { self[col + 1, y] = Cell("", style) }
            }
            col += w
        }
        return col - x
    }

    /// Sets the style of every cell in `rect`, keeping the symbols.
    public mutating func setStyle(_ rect: Rect, _ style: Style) {
        for y in max(0, rect.y)..<min(height, rect.bottom) {
            for x in max(0, rect.x)..<min(width, rect.right) { cells[y * width + x].style = style }
        }
    }

    /// Fills `rect` with blanks in `style`.
    public mutating func clear(_ rect: Rect, _ style: Style = .plain) {
        for y in max(0, rect.y)..<min(height, rect.bottom) {
            for x in max(0, rect.x)..<min(width, rect.right) { cells[y * width + x] = Cell(" ", style) }
        }
    }

    /// The rows as text, trailing spaces kept, for golden files and failing tests.
    public var lines: [String] {
        (0..<height).map { y in (0..<width).map { cells[y * width + $0].symbol }.joined() }
    }

    /// Cells that differ from `previous` (all of them when the size changed), row by row.
    public func changes(from previous: Buffer?) -> [(x: Int, y: Int, cell: Cell)] {
        var out: [(Int, Int, Cell)] = []
        let same = previous.map { $0.width == width && $0.height == height } ?? false
        for i in cells.indices where !same || previous!.cells[i] != cells[i] {
            out.append((i % width, i / width, cells[i]))
        }
        return out
    }
}
