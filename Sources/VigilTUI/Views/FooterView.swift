/// The bottom line: the `:` command line while it is open, else the last outcome, else the keys worth knowing.
enum FooterView {
    static func render(_ c: RenderContext, in area: Rect, into buf: inout Buffer) {
        guard area.height > 0 else { return }
        let t = c.theme
        buf.clear(area, t[.text])
        if let editor = c.model.lineEditor {
            let x = area.x + buf.put(":", x: area.x, y: area.y, t[.title])
            // The part of the line around the cursor that fits, with the cursor's cell in reverse.
            let chars = Array(editor.text)
            let room = max(1, area.width - 3)
            let start = max(0, editor.cursor - room + 1)
            let shown = String(chars[start..<min(chars.count, start + room)])
            buf.put(shown, x: x, y: area.y, t[.text])
            let under = editor.cursor < chars.count ? String(chars[editor.cursor]) : " "
            let cx = x + displayWidth(String(chars[start..<editor.cursor]))
            if cx < area.right { buf.put(under, x: cx, y: area.y, t[.text].adding(.reverse)) }
            if let m = c.model.message, c.model.messageIsError {
                // The parser's error stays on the line, after the text being fixed.
                let room = area.right - (x + displayWidth(shown) + 3)
                if room > 10 { buf.put(m.truncated(to: room), x: x + displayWidth(shown) + 3, y: area.y, t[.error]) }
            }
            return
        }
        if let m = c.model.message {
            buf.put(m.truncated(to: area.width), x: area.x, y: area.y, c.model.messageIsError ? t[.error] : t[.text])
            return
        }
        let hints: String
        switch c.model.view {
        case .dispatcher:
            // Only the keys this role may use: a call handler looking at the dispatch view cannot assign.
            hints =
                "? help  : command  Tab panel  ↑↓ select  "
                + (c.offered(.assignTop) ? "a assign top  1-8 pick  " : "") + "/ filter  F2 calls  q quit"
        case .callHandler:
            hints =
                "? help  : command  " + (c.offered(.answerNext) ? "n answer next  Enter answer  " : "")
                + "Tab panel  F3 dispatch  q quit"
        case .inspector:
            hints = "? help  : command (grade, move)  Tab panel  ↑↓ select  F3 dispatch  F5 trainer  q quit"
        case .audit: hints = "? help  f this incident only  ↑↓ select incident  F3 dispatch  F4 inspector  q quit"
        case .trainer:
            hints = "? help  Space pause/resume  < > speed  ↑↓ Enter fire inject  r debrief  F3 dispatch  q quit"
        }
        buf.put(hints.truncated(to: area.width), x: area.x, y: area.y, t[.hint])
    }
}
