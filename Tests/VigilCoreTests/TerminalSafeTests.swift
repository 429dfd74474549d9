import Testing
@testable import VigilCore

@Suite("text printed to a terminal")
struct TerminalSafeTests {
    /// Found by the sixth attacker: a console named with a line separator (U+2028) or a zero-width space was stored
    /// and printed raw. Both are controls now, and the ranges the server's SQL is built from hold the same set.
    @Test func separatorsAndZeroWidthSpacesAreControlsAndTheRangesAgree() {
        #expect("a\u{2028}b\u{2029}c\u{200B}d".terminalSafe == "a\\u{2028}b\\u{2029}c\\u{200B}d")
        // Found by the eighth attacker: a zero-width no-break space and the tag characters hid text in a note.
        #expect("a\u{FEFF}b\u{E0041}".terminalSafe == "a\\u{FEFF}b\\u{E0041}")
        for v in UInt32(0)...0x10FFFF {
            guard let u = Unicode.Scalar(v) else { continue }
            let inRanges = Unicode.Scalar.terminalControlRanges.contains { $0.contains(v) }
            if u.isTerminalControl != inRanges { Issue.record("U+\(String(v, radix: 16)) differs") }
        }
    }

    @Test func controlsAreEscapedVisibly() {
        #expect("14 Broad Street".terminalSafe == "14 Broad Street")
        #expect("Café 🚓".terminalSafe == "Café 🚓")
        #expect("\u{1B}]0;owned\u{07}x".terminalSafe == "\\e]0;owned\\x07x", "an OSC title sequence")
        #expect("\u{1B}[2Jgone".terminalSafe == "\\e[2Jgone")
        #expect("abc\u{202E}fed".terminalSafe == "abc\\u{202E}fed", "a bidi override")
        #expect("\u{2066}x\u{2069}".terminalSafe == "\\u{2066}x\\u{2069}")
        #expect("a\u{9B}31m".terminalSafe == "a\\x9B31m", "a C1 control sequence introducer")
        #expect("a\u{7F}b\u{0}c".terminalSafe == "a\\x7Fb\\x00c")
        #expect("line one\nforged line\r".terminalSafe == "line one\\nforged line\\r")
        #expect("keep\nlines\u{1B}".terminalSafeLines == "keep\nlines\\e")
        for s in ["\u{1B}", "\u{9B}", "\u{202E}", "x\u{7}"] {
            #expect(!s.terminalSafe.unicodeScalars.contains { $0.isTerminalControl })
        }
    }
}
