import Testing
@testable import VigilCore

@Suite("text printed to a terminal")
struct TerminalSafeTests {
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
