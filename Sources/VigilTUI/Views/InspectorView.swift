import VigilCore

/// The duty inspector's picture of the force: load per area with a heat strip and the last hours as a sparkline,
/// and the grade 1 and 2 incidents breaching now or about to on current resourcing.
enum InspectorView {
    static let spark: [Character] = ["▁", "▂", "▃", "▄", "▅", "▆", "▇", "█"]
    static let heat: [Character] = [" ", "░", "▒", "▓", "█"]

    /// What ends a row of the force-load table: the last hours' sparkline, or a desk's holder.
    enum RowTail {
        case history([Int]?)
        case holder(OperatorID?)
    }

    static func areas(_ c: RenderContext, in area: Rect, into buf: inout Buffer, focused: Bool) {
        let t = c.theme
        let load = c.state.load(at: c.now)
        let history = c.state.raisedHistory(at: c.now, buckets: 12, width: .minutes(30))
        let queues = load.queues.map {
            "\($0.channel.rawValue) \($0.waiting)" + ($0.longestWait.map { " (\(clockText($0)))" } ?? "")
        }
        let inner = Block(
            "Force load · calls waiting: " + queues.joined(separator: ", "), focused: focused
        )
        .render(in: area, into: &buf, theme: t)
        guard inner.height > 0 else { return }
        let wide = inner.width >= 100
        // Names get room on a wide screen: "Black Country" and "Coventry & Solihull" in full.
        let nameWidth = inner.width >= 120 ? 22 : 14
        var header = "Area".fitted(to: nameWidth) + "  G1  G2  G3  G4  Unres oldest  Free Busy Away  Load "
        if wide { header += "  Raised, last 6 h" }
        buf.put(header.truncated(to: inner.width), x: inner.x, y: inner.y, t[.dim])
        // Desks follow the areas when there is room; when there is not, the desks (the unit of dispatch work) stand in
        // for the areas, and a line says how to see both. A desk row ends with its holder, the others with a sparkline.
        let totalHistory = history.values.reduce([Int](repeating: 0, count: 12)) { zip($0, $1).map { $0 + $1 } }
        let areaRows = load.areas.map { (load: $0, tail: RowTail.history(history[$0.area])) }
        let deskRows = load.desks.map { d in
            var l = d.load
            l.name = "◆ " + d.load.name
            return (load: l, tail: RowTail.holder(d.holder))
        }
        let allFit = areaRows.count + deskRows.count + 2 <= inner.height
        let rows =
            (deskRows.isEmpty || allFit ? areaRows : []) + deskRows + [(load.total, RowTail.history(totalHistory))]
        if !deskRows.isEmpty, !allFit, rows.count + 1 < inner.height {
            buf.put(
                "Areas show in a taller window.".truncated(to: inner.width), x: inner.x, y: inner.bottom - 1, t[.dim])
        }
        for (k, (a, tail)) in rows.enumerated() where k + 1 < inner.height {
            let y = inner.y + 1 + k
            let free = a.unitsFree, busy = a.unitsCommitted
            // Away: on duty but neither free nor on a job (unavailable, refreshment, writing up). Off duty is not
            // counted here: the column once read "Off" and was taken for it.
            let off =
                (a.unitsByStatus[.unavailable] ?? 0) + (a.unitsByStatus[.refreshment] ?? 0)
                + (a.unitsByStatus[.writeUp] ?? 0)
            let share = free + busy > 0 ? Double(busy) / Double(free + busy) : 0
            let strip = String(repeating: heat[min(4, Int(share * 4.999))], count: 5)
            var text = a.name.fitted(to: nameWidth) + a.openByGrade.map { String($0).rightAligned(to: 4) }.joined()
            text +=
                String(a.unresourced).rightAligned(to: 7) + " "
                + (a.oldestUnresourced.map(clockText) ?? "–").rightAligned(to: 6)
            text +=
                String(free).rightAligned(to: 6) + String(busy).rightAligned(to: 5) + String(off).rightAligned(to: 5)
                + "  " + strip
            text += " " + "\(Int((share * 100).rounded()))%".rightAligned(to: 4)
            switch tail {
            case .holder(let holder):
                text += "  " + (holder.map { "held by \($0)" } ?? "not held")
            case .history(let h?) where wide:
                let peak = max(1, h.max() ?? 1)
                text += "  " + String(h.map { spark[min(7, $0 * 7 / peak)] })
            case .history:
                break
            }
            let isTotal = k == rows.count - 1
            buf.put(text.fitted(to: inner.width), x: inner.x, y: y, isTotal ? t[.title] : t[.text])
            if a.openByGrade[0] > 0 {
                buf.put(String(a.openByGrade[0]).rightAligned(to: 4), x: inner.x + 14, y: y, t[.grade1])
            }
            if a.unresourced > 0 {
                buf.put(String(a.unresourced).rightAligned(to: 7), x: inner.x + 30, y: y, t[.warning].adding(.bold))
            }
            buf.put(
                strip, x: inner.x + 62, y: y, share >= 0.8 ? t[.breach] : share >= 0.6 ? t[.warning] : t[.available])
        }
        // Major incidents under way, under the table when there is a line for them.
        let majors = c.state.majorIncidents.values.sorted { $0.number < $1.number }
        if !majors.isEmpty, rows.count + 1 < inner.height {
            let text =
                "Major: "
                + majors.map { m in
                    let open = m.incidents.filter { c.state.incidents[$0]?.isOpen == true }.count
                    return
                        "\(m.number) \(m.name) (\(open)/\(m.incidents.count) open, \(m.log.last.map { $0.at.ukLocal.shortTimeText } ?? ""))"
                }.joined(separator: " · ")
            buf.put(text.truncated(to: inner.width), x: inner.x, y: inner.y + 1 + rows.count, t[.warning].adding(.bold))
        }
    }

    static func breaches(_ c: RenderContext, in area: Rect, into buf: inout Buffer, focused: Bool) {
        let t = c.theme
        let (now, next) = c.state.breachForecast(at: c.now)
        let halves = area.columns([1, 1])
        for (k, (title, list)) in [("Breached now \(now.count)", now), ("Will breach in 15 min \(next.count)", next)]
            .enumerated()
        {
            let inner = Block(title, focused: focused && k == 0).render(
                in: halves[k], into: &buf, theme: t)
            guard inner.height > 0 else { continue }
            if list.isEmpty {
                buf.put(k == 0 ? "None." : "None on current resourcing.", x: inner.x, y: inner.y, t[.dim])
            }
            for (row, r) in list.prefix(inner.height).enumerated() {
                let place = c.state.force.areaName(r.area)
                let when =
                    r.remaining.seconds < 0
                    ? "+" + clockText(.seconds(-r.remaining.seconds)) : clockText(r.remaining) + " left"
                let text =
                    "\(r.grade.rawValue) \(r.incident.short) " + when.rightAligned(to: 10)
                    + " \(place.fitted(to: inner.width >= 80 ? 14 : 10)) \(r.reason)"
                buf.put(text.truncated(to: inner.width), x: inner.x, y: inner.y + row, t[.text])
                buf.put(String(r.grade.rawValue), x: inner.x, y: inner.y + row, t.grade(r.grade.rawValue))
                if k == 0 { buf.put(when.rightAligned(to: 10), x: inner.x + 7, y: inner.y + row, t[.breach]) }
            }
        }
    }
}
