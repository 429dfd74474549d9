/// A bordered box with a title; returns the area inside the border.
public struct Block: Sendable {
    public var title: String
    public var focused: Bool
    public var ascii: Bool

    public init(_ title: String, focused: Bool = false, ascii: Bool = false) {
        self.title = title; self.focused = focused; self.ascii = ascii
    }

    @discardableResult
    public func render(in area: Rect, into buf: inout Buffer, theme: Theme) -> Rect {
        guard area.width >= 2, area.height >= 2 else { return Rect(x: area.x, y: area.y, width: 0, height: 0) }
        let style = theme[focused ? .borderFocused : .border]
        let (h, v, tl, tr, bl, br) =
            ascii
            ? ("-", "|", "+", "+", "+", "+")
            : ("─", "│", focused ? "┏" : "┌", focused ? "┓" : "┐", focused ? "┗" : "└", focused ? "┛" : "┘")
        let hh = ascii ? h : (focused ? "━" : h), vv = ascii ? v : (focused ? "┃" : v)
        buf.put(tl + String(repeating: hh, count: area.width - 2) + tr, x: area.x, y: area.y, style)
        for y in (area.y + 1)..<(area.bottom - 1) {
            buf.put(vv, x: area.x, y: y, style)
            buf.put(vv, x: area.right - 1, y: y, style)
        }
        buf.put(bl + String(repeating: hh, count: area.width - 2) + br, x: area.x, y: area.bottom - 1, style)
        if !title.isEmpty, area.width > 4 {
            // A focused panel also says so in its title, so focus never rests on colour alone.
            let text = " " + (focused ? "▸ " : "") + title + " "
            buf.put(text.truncated(to: area.width - 2), x: area.x + 1, y: area.y, theme[.title])
        }
        return area.inset(1)
    }
}
