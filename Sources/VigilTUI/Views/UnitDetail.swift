import VigilCore

/// One unit opened from the board (Enter): what it is, where, doing what since when, and the keys that act on it.
enum UnitDetail {
    static func render(_ c: RenderContext, _ cs: Callsign, in area: Rect, into buf: inout Buffer) {
        let t = c.theme
        let inner = Block("Unit \(cs) · Esc closes").render(in: area, into: &buf, theme: t)
        guard inner.height > 0 else { return }
        guard let u = c.state.units[cs] else {
            buf.put("There is no unit \(cs).", x: inner.x, y: inner.y, t[.dim])
            return
        }
        let force = c.state.force
        var lines: [(String, Style)] = [
            (
                "\(u.callsign) · \(u.type.label) · crew of \(u.crew)" + (u.skills.isEmpty ? "" : " · \(u.skillsText)"),
                t[.text]
            ),
            (
                "\(u.status.label.capitalizedFirst) for \(clockText(u.timeInStatus(at: c.now)))"
                    + (u.overdueFlag(at: c.now).map { " · \($0)" } ?? ""),
                c.style(u.status)
            ),
            (
                "Working \(force.areaName(u.area)) · home \(force.station(u.homeStation)?.name ?? u.homeStation)"
                    + (force.lender(of: u.callsign).map { " · lent by \($0.name)" } ?? ""),
                t[.text]
            ),
        ]
        if let ref = u.incident, let i = c.state.incidents[ref] {
            lines.append(("On \(ref.short): grade \(i.grade.rawValue) \(i.opening) · \(i.address)", t[.text]))
        } else {
            lines.append(("No incident.", t[.dim]))
        }
        lines.append(
            (
                "a puts it on \(c.current?.short ?? "the selected incident") · E en route · S scene · A available · "
                    + "T station · P prisoner · R refreshment · W write-up · U unavailable · O off duty",
                t[.hint]
            ))
        var y = inner.y
        for (text, style) in lines {
            for part in wrap(text, width: inner.width) where y < inner.bottom {
                buf.put(part, x: inner.x, y: y, style, clip: inner)
                y += 1
            }
        }
    }
}

extension String {
    /// The first letter upper case: "en route" → "En route".
    var capitalizedFirst: String { prefix(1).uppercased() + dropFirst() }
}
