extension String {
    /// The text with every control character (C0, DEL, C1) and bidi control written as a visible escape such as `\e`,
    /// `\n` or `\u{202E}`, so stored text printed to a terminal can neither move the cursor, retitle the window nor
    /// reorder the line. One line in, one line out.
    public var terminalSafe: String { escapedForTerminal(keepingNewlines: false) }

    /// As `terminalSafe`, keeping line breaks: for multi-line text this program laid out itself (reports, help).
    public var terminalSafeLines: String { escapedForTerminal(keepingNewlines: true) }

    func escapedForTerminal(keepingNewlines: Bool) -> String {
        guard unicodeScalars.contains(where: { $0.isTerminalControl && !(keepingNewlines && $0 == "\n") }) else {
            return self
        }
        var out = ""
        out.reserveCapacity(utf8.count + 8)
        for u in unicodeScalars {
            guard u.isTerminalControl, !(keepingNewlines && u == "\n") else { out.unicodeScalars.append(u); continue }
            switch u {
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            case "\u{1B}": out += "\\e"
            default:
                let hex = String(u.value, radix: 16, uppercase: true)
                out += u.value < 0x100 ? "\\x" + (hex.count < 2 ? "0" : "") + hex : "\\u{\(hex)}"
            }
        }
        return out
    }
}

extension Unicode.Scalar {
    /// C0 controls, DEL, C1 controls, the bidi embedding, override and isolate controls, the Unicode line and
    /// paragraph separators, the zero-width space and no-break space, and the tag characters: characters that change
    /// how a terminal shows what follows (or hide in a name) instead of showing themselves.
    public var isTerminalControl: Bool {
        switch value {
        case 0x00..<0x20, 0x7F...0x9F, 0x202A...0x202E, 0x2066...0x2069, 0x200B, 0x200E, 0x200F, 0x2028, 0x2029,
            0x061C, 0xFEFF, 0xE0000...0xE007F:
            true
        default: false
        }
    }

    /// The same characters as ranges, for rules written elsewhere (the server's SQL): a test holds the two equal.
    public static let terminalControlRanges: [ClosedRange<UInt32>] = [
        0x00...0x1F, 0x7F...0x9F, 0x061C...0x061C, 0x200B...0x200B, 0x200E...0x200F, 0x2028...0x202E,
        0x2066...0x2069, 0xFEFF...0xFEFF, 0xE0000...0xE007F,
    ]
}

extension String {
    /// JSON text with DEL, C1 and bidi controls written as `\uXXXX` escapes (JSON writers escape only C0). Valid for
    /// any JSON text, since such characters can only stand inside its strings; the value read back is unchanged.
    public var jsonTerminalSafe: String {
        guard unicodeScalars.contains(where: { $0.value >= 0x7F && $0.isTerminalControl }) else { return self }
        var out = ""
        for u in unicodeScalars {
            if u.value >= 0x7F, u.isTerminalControl {
                let hex = String(u.value, radix: 16)
                out += "\\u" + String(repeating: "0", count: 4 - hex.count) + hex
            } else {
                out.unicodeScalars.append(u)
            }
        }
        return out
    }
}
