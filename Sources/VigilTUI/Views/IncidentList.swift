import VigilCore

/// Open incidents, most urgent first, with time to target counting down and breaches flagged.
enum IncidentList {
    static func render(_ c: RenderContext, in area: Rect, into buf: inout Buffer, focused: Bool) {
        let list = c.incidentOrder
        let desks = c.model.scope(c.state) == nil ? [] : c.state.desks(heldBy: c.model.operatorID)
        let unresourced =
            desks.isEmpty
            ? c.state.unresourcedCount
            : list.reduce(0) { n, ref in
                n + (c.state.incidents[ref]?.isWaiting(at: c.now) == true ? 1 : 0)
            }
        let title =
            (desks.isEmpty ? "Incidents " : "Desk \(desks.map(\.name).joined(separator: " + ")): ")
            + "\(list.count) open · \(unresourced) unresourced" + (c.model.sort == .grade ? " · by grade" : "")
            + (c.model.incidentFilter.isEmpty && !c.model.editingIncidentFilter
                ? "" : " · /\(c.model.incidentFilter)\(c.model.editingIncidentFilter ? "▏" : "")")
        let inner = Block(title, focused: focused).render(
            in: area, into: &buf, theme: c.theme)
        guard inner.height > 0 else { return }
        let t = c.theme
        let wide = inner.width >= 60
        // From about 160 columns the list uses its width: a wider category, and the address after the units.
        let roomy = inner.width >= 100
        let areaWidth = roomy ? 12 : 10
        // With the address, the category takes a little over half what is left; without it, what the units (about
        // 16 columns) leave.
        let catWidth =
            roomy
            ? min(40, max(34, (inner.width - 52) * 6 / 10)) : min(40, max(25, inner.width - 23 - areaWidth - 18))
        let unitsWidth = 14
        let header =
            "G  Inc   Age    Target "
            + (wide
                ? "Category".fitted(to: catWidth) + " " + "Area".fitted(to: areaWidth) + " "
                    + (roomy ? "Units".fitted(to: unitsWidth) + " Address" : "Units")
                : "Category")
        buf.put(header.fitted(to: inner.width), x: inner.x, y: inner.y, t[.dim])
        let rows = inner.height - 1
        let selected = c.current
        let at = selected.flatMap { s in list.firstIndex(of: s) } ?? 0
        let first = Scroll.first(at: at, rows: rows, count: list.count)
        for (row, ref) in list.dropFirst(first).prefix(rows).enumerated() {
            guard let i = c.state.incidents[ref] else { continue }
            let y = inner.y + 1 + row
            let clock = i.clock(at: c.now)
            let target: String
            if clock.breached {
                target = "BREACH"
            } else if let booked = i.bookedFor, i.firstOnSceneAt == nil, c.now < booked {
                // A booked job shows its appointment, not a countdown.
                target = "@" + booked.ukLocal.shortTimeText
            } else if let r = clock.remaining {
                target = clockText(r)
            } else {
                target = "–"
            }
            let units = i.units.isEmpty ? "none" : i.units.joined(separator: " ")
            var text =
                "\(i.grade.rawValue)  \(i.ref.short)  " + clockText(clock.age).rightAligned(to: 5) + "  "
                + target.rightAligned(to: 6) + " "
            text +=
                wide
                ? i.opening.description.fitted(to: catWidth) + " "
                    + (i.area.isEmpty ? "outside" : c.state.force.areaName(i.area)).fitted(to: areaWidth) + " "
                    + (roomy ? units.fitted(to: unitsWidth) + " " + i.address : units)
                : i.opening.description
            let isSelected = i.ref == selected
            buf.put(text.fitted(to: inner.width), x: inner.x, y: y, isSelected ? t[.selection] : t[.text])
            buf.put(String(i.grade.rawValue), x: inner.x, y: y, isSelected ? t[.selection] : t.grade(i.grade.rawValue))
            if clock.breached { buf.put("BREACH", x: inner.x + 16, y: y, t[.breach]) }
            if i.isWaiting(at: c.now) && !isSelected {
                buf.put(i.ref.short, x: inner.x + 3, y: y, t[.warning].adding(.bold))
            }
        }
        if list.isEmpty { buf.put("No open incidents.", x: inner.x, y: inner.y + 1, t[.dim]) }
    }
}
