#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif
import CNCurses

/// Set by the signal handler; the console loop sees it within one input timeout and shuts down cleanly.
nonisolated(unsafe) var pendingSignal: Int32 = 0

/// The real terminal, through wide-character ncurses. Only this type touches ncurses.
public final class NCursesTerminal: Terminal {
    private var last: Buffer?
    private var pairs: [Int: Int16] = [:]
    private var colours: Bool
    private var open = true

    /// Takes over the terminal; `end()` (or a signal) gives it back.
    public init(mouse: Bool = true) {
        setlocale(LC_ALL, "")
        initscr()
        cbreak()
        noecho()
        nonl()
        keypad(vigil_stdscr(), true)
        set_escdelay(25)
        curs_set(0)
        colours = has_colors()
        if colours {
            start_color()
            use_default_colors()
        }
        if mouse { mousemask(vigil_all_mouse_events(), nil) }
        for s in [SIGINT, SIGTERM, SIGHUP] { signal(s) { pendingSignal = $0 } }
    }

    deinit { end() }

    /// A signal asked the program to stop (SIGINT, SIGTERM or SIGHUP), or nil.
    public var stopSignal: Int32? { pendingSignal == 0 ? nil : pendingSignal }

    /// Restores the terminal. Safe to call twice.
    public func end() {
        guard open else { return }
        open = false
        endwin()
    }

    public var size: (width: Int, height: Int) { (Int(vigil_cols()), Int(vigil_lines())) }

    public func bell() { _ = beep() }

    @discardableResult
    public func draw(_ frame: Buffer) -> Int {
        if let last, last.width != frame.width || last.height != frame.height { erase() }
        let changes = frame.changes(from: last)
        for (x, y, cell) in changes where !cell.symbol.isEmpty {
            var wide = Array(cell.symbol.unicodeScalars.map { wchar_t(bitPattern: $0.value) }) + [0]
            _ = vigil_put(Int32(y), Int32(x), &wide, attributes(cell.style.modifiers), pair(cell.style))
        }
        refresh()
        last = frame
        return changes.count
    }

    public func readKey(timeoutMilliseconds: Int) -> Key? {
        timeout(Int32(timeoutMilliseconds))
        var value: wint_t = 0
        let kind = vigil_get(&value)
        if kind == vigil_err() { return nil }
        if kind == KEY_CODE_YES { return functionKey(Int32(value)) }
        switch value {
        case 10, 13: return .enter
        case 27: return .escape
        case 9: return .tab
        case 8, 127: return .backspace
        case 1...26: return .ctrl(Character(UnicodeScalar(UInt8(value) + 96)))
        default:
            guard let scalar = UnicodeScalar(UInt32(value)) else { return nil }
            return .char(Character(scalar))
        }
    }

    func functionKey(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_HOME: return .home
        case KEY_END: return .end
        case KEY_NPAGE: return .pageDown
        case KEY_PPAGE: return .pageUp
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_BTAB: return .backTab
        case KEY_ENTER: return .enter
        case vigil_key_resize(): return .resize
        case vigil_key_mouse():
            var event = MEVENT()
            guard getmouse(&event) == OK else { return nil }
            if event.bstate & vigil_button4_pressed() != 0 {
                return .mouse(x: Int(event.x), y: Int(event.y), button: 4)
            }
            if event.bstate & vigil_button5_pressed() != 0 {
                return .mouse(x: Int(event.x), y: Int(event.y), button: 5)
            }
            if event.bstate & vigil_button1_clicked() != 0 {
                return .mouse(x: Int(event.x), y: Int(event.y), button: 1)
            }
            return nil
        case KEY_F0 + 1...KEY_F0 + 24: return .function(Int(code - KEY_F0))
        default: return nil
        }
    }

    func attributes(_ m: Modifiers) -> attr_t {
        var a = vigil_a_normal()
        if m.contains(.bold) { a |= vigil_a_bold() }
        if m.contains(.dim) { a |= vigil_a_dim() }
        if m.contains(.underline) { a |= vigil_a_underline() }
        if m.contains(.reverse) { a |= vigil_a_reverse() }
        if m.contains(.italic) { a |= vigil_a_italic() }
        if m.contains(.blink) { a |= vigil_a_blink() }
        return a
    }

    /// A colour pair for the style's colours, made on first use (pair 0 is the terminal's default).
    func pair(_ s: Style) -> Int16 {
        guard colours, s.fg != .default || s.bg != .default else { return 0 }
        let limit = Int(vigil_colors())
        let fg = s.fg.index < limit ? s.fg.index : -1, bg = s.bg.index < limit ? s.bg.index : -1
        let key = (fg + 1) * 1024 + (bg + 1)
        if let p = pairs[key] { return p }
        let next = Int16(pairs.count + 1)
        guard Int(next) < Int(vigil_color_pairs()), next < Int16.max else { return 0 }
        init_pair(next, Int16(fg), Int16(bg))
        pairs[key] = next
        return next
    }
}
