import VigilCore

/// The selected incident: where, what, flags, units and their status, linked calls, and the narrative, newest last.
enum IncidentDetail {
    static func render(_ c: RenderContext, in area: Rect, into buf: inout Buffer) {
        let ref = c.current
        let inner = Block(ref.map { "Incident \($0)" } ?? "Incident").render(
            in: area, into: &buf, theme: c.theme)
        guard inner.height > 0, let ref, let i = c.state.incidents[ref] else {
            if inner.height > 0 { buf.put("Select an incident.", x: inner.x, y: inner.y, c.theme[.dim]) }
            return
        }
        let t = c.theme
        var lines: [(String, Style)] = []
        lines.append(
            (
                "Grade \(i.grade.rawValue) \(i.grade.name) · \(i.opening) · \(c.state.force.areaName(i.area))\(i.rural ? " (rural)" : "")",
                t.grade(i.grade.rawValue)
            ))
        // A location found from the address says how exactly, so a street is never taken for a door.
        let accuracy: String? =
            switch i.accuracy {
            case .street: "located to the street, not the door"
            case .place: "located to the named place"
            case .address: "located to the address"
            case nil: nil
            }
        lines.append((i.address + (accuracy.map { " (\($0))" } ?? ""), t[.text]))
        if let booked = i.bookedFor, i.firstOnSceneAt == nil {
            let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
            let local = booked.ukLocal
            lines.append(
                ("Appointment: \(days[local.date.weekday]) \(local.date) \(local.shortTimeText)", t[.warning]))
        }
        for f in i.flags { lines.append(("⚑ \(f.kind.tag): \(f.note)", t[.warning].adding(.bold))) }
        let units = i.units.compactMap { c.state.units[$0] }.map { "\($0.callsign) \($0.status.code)" }
        lines.append(
            (
                "Units: " + (units.isEmpty ? "none assigned" : units.joined(separator: ", "))
                    + " · calls: \(i.contacts.map(\.description).joined(separator: " "))", t[.text]
            ))
        let room = max(0, inner.height - lines.count)
        for n in i.narrative.suffix(room) {
            lines.append(("\(n.at.ukLocal.shortTimeText) \(n.author) \(n.text)", t[.dim]))
        }
        for (row, (text, style)) in lines.prefix(inner.height).enumerated() {
            buf.put(text.truncated(to: inner.width), x: inner.x, y: inner.y + row, style)
        }
    }
}
