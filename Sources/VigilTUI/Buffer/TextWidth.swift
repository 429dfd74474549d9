import VigilCore

/// Columns a character takes on a terminal: 2 for East Asian wide and emoji, 0 for combining marks, else 1.
/// Worked out here rather than by `wcwidth`, which depends on the process locale and would make tests vary.
public func displayWidth(_ c: Character) -> Int {
    guard let first = c.unicodeScalars.first else { return 0 }
    let v = first.value
    // Controls are drawn as a visible stand-in (see `visibleSymbol`), one column each.
    if first.isTerminalControl { return 1 }
    if v < 0x300 { return 1 }
    if (0x300...0x36F).contains(v) || (0x200B...0x200F).contains(v) || (0xFE00...0xFE0F).contains(v) { return 0 }
    if c.unicodeScalars.contains(where: { $0.value == 0xFE0F }) { return 2 }
    switch v {
    case 0x1100...0x115F, 0x2E80...0x303E, 0x3041...0x33FF, 0x3400...0x4DBF, 0x4E00...0x9FFF, 0xA000...0xA4CF,
        0xAC00...0xD7A3, 0xF900...0xFAFF, 0xFE30...0xFE4F, 0xFF00...0xFF60, 0xFFE0...0xFFE6,
        0x1F300...0x1F64F, 0x1F680...0x1F6FF, 0x1F900...0x1F9FF, 0x1FA70...0x1FAFF, 0x20000...0x3FFFD:
        return 2
    default:
        return 1
    }
}

/// Columns a string takes. Most screen text is ASCII, counted on bytes without breaking it into graphemes.
public func displayWidth(_ s: some StringProtocol) -> Int {
    var ascii = 0
    for b in s.utf8 {
        guard b < 0x80 else { return s.reduce(0) { $0 + displayWidth($1) } }
        ascii += 1
    }
    return ascii
}

/// What a cell shows for a character: itself, or for a control character (C0, DEL, C1, bidi) a visible stand-in, so
/// stored text can never send a sequence to the terminal or reorder a line: ␛ for ESC, ␀–␟ for C0, ␡ for DEL, and
/// � for C1 and bidi controls.
func visibleSymbol(_ c: Character) -> String {
    guard let first = c.unicodeScalars.first, first.isTerminalControl else { return String(c) }
    switch first.value {
    case 0x00..<0x20: return String(UnicodeScalar(0x2400 + first.value)!)
    case 0x7F: return "\u{2421}"
    default: return "\u{FFFD}"
    }
}

/// Whether every byte is printable ASCII, so one byte is one column.
func isPlainASCII(_ s: some StringProtocol) -> Bool { s.utf8.allSatisfy { $0 >= 0x20 && $0 < 0x7F } }

extension String {
    /// Cut to at most `width` columns, ending in `…` when something was cut.
    public func truncated(to width: Int) -> String {
        guard width > 0 else { return "" }
        if isPlainASCII(self) { return utf8.count <= width ? self : String(utf8.prefix(width - 1))! + "…" }
        if displayWidth(self) <= width { return self }
        var out = "", used = 0
        for c in self {
            let w = displayWidth(c)
            if used + w > width - 1 { break }
            out.append(c)
            used += w
        }
        return out + "…"
    }

    /// Padded with spaces (or cut) to exactly `width` columns.
    public func fitted(to width: Int) -> String {
        let t = truncated(to: width)
        return t + String(repeating: " ", count: max(0, width - displayWidth(t)))
    }

    /// Right-aligned in `width` columns.
    public func rightAligned(to width: Int) -> String {
        let t = truncated(to: width)
        return String(repeating: " ", count: max(0, width - displayWidth(t))) + t
    }
}
