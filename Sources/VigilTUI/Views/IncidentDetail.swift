import VigilCore

/// The selected incident: what and where, who called and what they said, THRIVE, flags, units with their status, and
/// the narrative, wrapped and newest last. Tab to the panel, then ↑↓ and PgUp/PgDn scroll it.
enum IncidentDetail {
    static func render(_ c: RenderContext, in area: Rect, into buf: inout Buffer, focused: Bool = false) {
        let ref = c.current
        let t = c.theme
        guard let ref, let i = c.state.incidents[ref] else {
            let inner = Block("Incident", focused: focused).render(in: area, into: &buf, theme: t)
            if inner.height > 0 { buf.put("Select an incident.", x: inner.x, y: inner.y, t[.dim]) }
            return
        }
        let width = max(10, area.width - 2)
        var lines: [(String, Style)] = []
        func add(_ text: String, _ style: Style, indent: String = "") {
            for (k, part) in wrap(text, width: width - indent.count).enumerated() {
                lines.append(((k == 0 ? "" : indent) + part, style))
            }
        }
        add(
            "Grade \(i.grade.rawValue) \(i.grade.name) · \(i.opening) · \(c.state.force.areaName(i.area))"
                + (i.rural ? " (rural)" : ""), t.grade(i.grade.rawValue))
        // A location found from the address says how exactly, so a street is never taken for a door.
        let accuracy: String? =
            switch i.accuracy {
            case .street: "located to the street, not the door"
            case .place: "located to the named place"
            case .address: "located to the address"
            case nil: nil
            }
        add(i.address + (accuracy.map { " (\($0))" } ?? ""), t[.text])
        if let booked = i.bookedFor, i.firstOnSceneAt == nil {
            let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
            let local = booked.ukLocal
            add("Appointment: \(days[local.date.weekday]) \(local.date) \(local.shortTimeText)", t[.warning])
        }
        for f in i.flags { add("⚑ \(f.kind.tag): \(f.note)", t[.warning].adding(.bold)) }
        if let thrive = i.thrive {
            add("THRIVE \(thrive.summary)" + (thrive.text.isEmpty ? "" : " · \(thrive.text)"), t[.text])
        }
        let units = i.units.compactMap { c.state.units[$0] }.map {
            "\($0.callsign) \($0.status.label) \(clockText($0.timeInStatus(at: c.now)))"
        }
        add("Units: " + (units.isEmpty ? "none assigned" : units.joined(separator: " · ")), t[.text])
        // Every call on it: who, their number, and their words in full.
        for id in i.contacts {
            guard let contact = c.state.contacts[id] else { continue }
            let d = contact.details
            add(
                "\(id) \(contact.channel.rawValue) · \(d.callerName.isEmpty ? "caller unnamed" : d.callerName)"
                    + (d.callerNumber.isEmpty ? "" : " · \(d.callerNumber)")
                    + (c.state.referrals[id].map { " · from \($0.sent.agency)" } ?? ""),
                t[.title])
            if !d.account.isEmpty { add("\"\(d.account)\"", t[.text], indent: " ") }
        }
        let facts = lines.count
        for n in i.narrative {
            add("\(n.at.ukLocal.shortTimeText) \(n.author) \(n.text)", t[.dim], indent: "      ")
        }
        // The facts stay at the top; the narrative below scrolls, newest last, back by `detailScroll` lines.
        let overflow = lines.count > area.height - 2
        let name = area.width < 60 ? ref.short : ref.description
        let title =
            "Incident \(name)"
            + (overflow && focused ? " · ↑↓ PgUp PgDn scroll" : overflow ? " · Tab here to scroll" : "")
        let inner = Block(title, focused: focused).render(in: area, into: &buf, theme: t)
        guard inner.height > 0 else { return }
        var shown = lines
        if lines.count > inner.height {
            // The first facts stay put; below them the rest (the calls, then the narrative) is one list that scrolls
            // back from the newest line.
            let keepFacts = min(facts, max(2, inner.height / 2))
            let room = max(0, inner.height - keepFacts)
            let back = min(max(0, c.model.detailScroll), max(0, lines.count - keepFacts - room))
            let end = lines.count - back
            let start = max(keepFacts, end - room)
            shown = Array(lines.prefix(keepFacts)) + Array(lines[start..<end])
            if back > 0, let last = shown.indices.last {
                shown[last] = ("… \(back) newer line\(back == 1 ? "" : "s") below", t[.hint])
            }
            // Lines hidden between the facts and the window are said, so a long account never reads as whole.
            if start > keepFacts, room > 2 {
                let hidden = start - keepFacts + 1
                shown[keepFacts] = ("… \(hidden) earlier line\(hidden == 1 ? "" : "s") above (↑ scrolls)", t[.hint])
            }
        }
        for (row, (text, style)) in shown.prefix(inner.height).enumerated() {
            buf.put(text.truncated(to: inner.width), x: inner.x, y: inner.y + row, style)
        }
    }
}
