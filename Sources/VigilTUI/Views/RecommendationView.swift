import VigilCore

/// For the incident in hand: the ranked free units with their reasons; `a` takes the top one, digits another.
enum RecommendationView {
    static func render(_ c: RenderContext, in area: Rect, into buf: inout Buffer, focused: Bool) {
        let ref = c.current
        let inner = Block(
            "Recommended" + (ref.map { " for \($0.short)" } ?? ""), focused: focused
        )
        .render(in: area, into: &buf, theme: c.theme)
        guard inner.height > 0 else { return }
        let t = c.theme
        guard ref != nil, let offered = c.offer else {
            buf.put("No incident selected.", x: inner.x, y: inner.y, t[.dim]); return
        }
        if offered.candidates.isEmpty {
            buf.put((offered.note ?? "No free unit.").truncated(to: inner.width), x: inner.x, y: inner.y, t[.warning])
            return
        }
        for (n, cand) in offered.candidates.prefix(inner.height).enumerated() {
            let y = inner.y + n
            let status = c.state.units[cand.callsign]?.status ?? .available
            let why =
                n == 0
                ? cand.reason.split(separator: ";").dropFirst(2).joined(separator: ";").trimmingSpaces
                : (cand.lostBecause ?? "")
            let text =
                "\(n + 1) \(cand.callsign.fitted(to: 6)) \(cand.type.glyph) "
                + "\(Int(cand.eta.minutes.rounded())) min".rightAligned(to: 6)
                + " \(status.code) " + why
            buf.put(text.truncated(to: inner.width), x: inner.x, y: y, n == 0 ? t[.text].adding(.bold) : t[.text])
            buf.put(status.code, x: inner.x + 18, y: y, c.style(status))
        }
    }
}
