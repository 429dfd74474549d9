import Testing
import VigilCore
@testable import VigilTUI

@Suite("the buffer and widgets at edge sizes")
struct WidgetTests {
    @Test func emptyAndTinyBuffersNeverTrap() throws {
        var zero = Buffer(width: 0, height: 0)
        zero.put("hello", x: 0, y: 0)
        #expect(zero.lines.isEmpty)
        var one = Buffer(width: 1, height: 1)
        one.put("hello", x: 0, y: 0)
        #expect(one.lines == ["h"])
        #expect(Block("T").render(in: one.area, into: &one, theme: try ThemeLoader.load("default")).isEmpty)
        var canvas = BrailleCanvas(width: 0, height: 0)
        canvas.line(-5, -5, 10, 10)
    }

    @Test func wideCharactersTakeTwoColumnsAndNeverSplit() {
        var b = Buffer(width: 5, height: 1)
        let used = b.put("a🚓b", x: 0, y: 0)
        #expect(used == 4)
        #expect(b.lines == ["a🚓b "])
        var c = Buffer(width: 2, height: 1)
        c.put("a🚓", x: 0, y: 0)
        #expect(c.lines == ["a "], "a wide character that does not fit is left out, not cut in half")
        #expect("Birmingham".truncated(to: 5) == "Birm…")
        #expect("ab".fitted(to: 4) == "ab  ")
    }

    @Test func controlCharactersAreShownNeverSent() {
        var b = Buffer(width: 16, height: 1)
        let used = b.put("a\u{1B}[2J\u{202E}b\u{9B}\u{7F}\u{7}c", x: 0, y: 0)
        #expect(b.lines == ["a␛[2J�b�␡␇c     "])
        #expect(used == 11)
        #expect(displayWidth("a\u{1B}\u{202E}") == 3, "layout counts the stand-ins")
        #expect(b.cells.allSatisfy { !$0.symbol.unicodeScalars.contains { $0.isTerminalControl } })
    }

    @Test func blockDrawsItsBorderAndTitleAt80x24() throws {
        var b = Buffer(width: 80, height: 24)
        let inner = Block("Units", focused: true).render(in: b.area, into: &b, theme: try ThemeLoader.load("default"))
        #expect(inner == Rect(x: 1, y: 1, width: 78, height: 22))
        #expect(b.lines[0].hasPrefix("┏ ▸ Units ━"))
        #expect(b.lines[23].hasPrefix("┗━"))
        var ascii = Buffer(width: 10, height: 3)
        Block("X", ascii: true).render(in: ascii.area, into: &ascii, theme: try ThemeLoader.load("default"))
        #expect(ascii.lines == ["+ X -----+", "|        |", "+--------+"])
    }

    @Test func brailleLinesSetTheRightDots() {
        var c = BrailleCanvas(width: 2, height: 1)
        c.line(0, 0, 3, 0)
        #expect(c.character(0, 0) == "⠉" && c.character(1, 0) == "⠉")
        c.set(0, 3)
        #expect(c.character(0, 0) == "⡉")
    }

    @Test func onlyChangedCellsAreRedrawn() {
        let term = MemoryTerminal(width: 10, height: 2)
        var a = Buffer(width: 10, height: 2)
        a.put("12:00:00", x: 0, y: 0)
        #expect(term.draw(a) == 20, "the first frame writes everything")
        var b = a
        b.put("12:00:01", x: 0, y: 0)
        #expect(term.draw(b) == 1, "a one-second tick rewrites one cell")
        #expect(term.draw(Buffer(width: 8, height: 2)) == 16, "a resize redraws the whole screen")
    }
}

@Suite("the key map")
struct KeyMapTests {
    @Test func noKeyIsBoundTwice() {
        let keys = KeyMap.bindings.flatMap(\.keys)
        #expect(Set(keys).count == keys.count, "a key bound twice would do one thing and be documented as two")
    }
}
