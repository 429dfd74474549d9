/// The help overlay, drawn from the key map itself so it cannot drift from what the keys do.
enum HelpOverlay {
    static func lines(offered: (KeyAction) -> Bool = { _ in true }) -> [(keys: String, help: String, isGroup: Bool)] {
        var out: [(String, String, Bool)] = []
        var group = ""
        for b in KeyMap.bindings where offered(b.action) {
            if b.group != group { group = b.group; out.append((group, "", true)) }
            let keys = b.action == .assignChoice ? "1–8" : b.keys.map(\.label).joined(separator: " ")
            out.append((keys, b.help, false))
        }
        if offered(.assignTop) {
            out.append(("On the unit board", "", true))
            for (k, h) in KeyMap.boardHelp { out.append((k, h, false)) }
        }
        out.append(("Taking a call", "", true))
        for (k, h) in KeyMap.formHelp { out.append((k, h, false)) }
        out.append(("Codes", "", true))
        out.append(("AVL STN", "free: available, at station", false))
        out.append(("ASG ENR SCN", "assigned, en route, at scene", false))
        out.append(("TRN REF UNV", "with prisoner, refreshment, unavailable", false))
        out.append(("WRT", "writing up: grade 1 only", false))
        out.append(("!", "in that status longer than its limit", false))
        out.append(("TS AD FA", "taser, advanced driver, firearms", false))
        out.append(("PO 1A", "public order, first aid", false))
        out.append(("A S G E @", "map: free, station, assigned, en route, at scene", false))
        out.append(("1 2 3 4", "map: an incident of that grade", false))
        return out
    }

    static func render(_ c: RenderContext, in area: Rect, into buf: inout Buffer) {
        let t = c.theme
        let all = lines(offered: c.offered)
        let keyWidth = all.filter { !$0.isGroup }.map { displayWidth($0.keys) }.max() ?? 6
        let lineWidth = keyWidth + 2 + (all.map { displayWidth($0.help) }.max() ?? 20)
        let columns = all.count + 2 > area.height - 2 ? 2 : 1
        let perColumn = (all.count + columns - 1) / columns
        let width = min(area.width - 2, columns * (lineWidth + 2) + 2)
        let height = min(area.height - 2, perColumn + 3)
        let box = Rect(
            x: area.x + (area.width - width) / 2, y: area.y + (area.height - height) / 2, width: width, height: height)
        buf.clear(box, t[.text])
        // What does not fit scrolls (PgDn, Space, j), rather than being left out.
        let rows = max(1, height - 2)
        let pages = max(1, (perColumn + rows - 1) / rows)
        let scroll = min(max(0, c.model.helpScroll), max(0, perColumn - rows))
        let title =
            pages > 1
            ? "Keys · \(scroll + rows >= perColumn ? "PgUp/k back" : "PgDn/Space/j more") · other keys close"
            : "Keys · any key closes"
        let inner = Block(title, focused: true).render(in: box, into: &buf, theme: t)
        let colWidth = max(10, inner.width / columns)
        for (k, line) in all.enumerated() {
            let col = k / perColumn, row = k % perColumn - scroll
            guard row >= 0, row < inner.height else { continue }
            let x = inner.x + col * colWidth
            if line.isGroup {
                buf.put(line.keys.truncated(to: colWidth - 1), x: x, y: inner.y + row, t[.title])
            } else {
                buf.put(line.keys.fitted(to: keyWidth), x: x + 1, y: inner.y + row, t[.text].adding(.bold), clip: inner)
                buf.put(
                    line.help.truncated(to: max(0, colWidth - keyWidth - 3)), x: x + keyWidth + 2, y: inner.y + row,
                    t[.text], clip: inner)
            }
        }
    }
}
