import VigilCore

/// Units on duty by area: status code and time in status, overdue flags, skills; `/` filters.
enum UnitBoard {
    static let columnWidth = 38

    /// Skills in two letters each (TS taser, AD advanced driver, FA firearms, PO public order, 1A first aid), so a board column can carry them.
    static func skills(_ u: PoliceUnit) -> String {
        u.skills.sorted().map { s -> String in
            switch s {
            case .taser: "TS";
            case .advancedDriver: "AD";
            case .firearms: "FA";
            case .publicOrder: "PO";
            case .firstAid: "1A"
            }
        }.joined(separator: " ")
    }

    static func render(_ c: RenderContext, in area: Rect, into buf: inout Buffer, focused: Bool) {
        let units = Lists.units(c.state, filter: c.model.unitFilter)
        let free = units.reduce(0) { $0 + (c.state.units[$1]?.status.isDeployable == true ? 1 : 0) }
        var title = "Units \(free)/\(units.count) free"
        if !c.model.unitFilter.isEmpty || c.model.editingFilter {
            title += " · /\(c.model.unitFilter)\(c.model.editingFilter ? "▏" : "")"
        }
        let inner = Block(title, focused: focused).render(
            in: area, into: &buf, theme: c.theme)
        guard inner.height > 0 else { return }
        let t = c.theme
        let columns = max(1, inner.width / columnWidth)
        let perColumn = inner.height
        let selected = c.model.selectedUnit
        let at = selected.flatMap { s in units.firstIndex(of: s) } ?? 0
        let page = perColumn * columns
        let first = (at / max(1, page)) * page
        for (k, cs) in units.dropFirst(first).prefix(page).enumerated() {
            guard let u = c.state.units[cs] else { continue }
            let x = inner.x + (k / perColumn) * columnWidth, y = inner.y + k % perColumn
            let inStatus = c.now - u.statusSince
            let overdue = u.status.limit.map { inStatus > $0.duration } ?? false
            let job = (u.incident.map { " " + $0.short } ?? "     ") + " " + skills(u)
            let text =
                "\(u.callsign.fitted(to: 6)) \(u.type.glyph) \(u.status.code) "
                + clockText(inStatus).rightAligned(to: 5) + (overdue ? "!" : " ") + job
            let w = min(columnWidth - 1, inner.right - x)
            buf.put(text.fitted(to: w), x: x, y: y, u.callsign == selected ? t[.selection] : t[.text])
            if u.callsign != selected { buf.put(u.status.code, x: x + 9, y: y, c.style(u.status)) }
            if overdue { buf.put("!", x: x + 18, y: y, t[.warning].adding(.bold)) }
        }
        if units.isEmpty { buf.put("No units match.", x: inner.x, y: inner.y, t[.dim]) }
    }
}
