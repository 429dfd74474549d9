import VigilCore

/// One line of the audit trail: who did what, when, and at which console.
public struct AuditLine: Hashable, Sendable {
    public var seq: Int64
    public var at: Instant
    public var operatorID: OperatorID
    public var console: ConsoleID
    public var summary: String
    public var incidents: [IncidentRef]

    public init(
        seq: Int64, at: Instant, operatorID: OperatorID, console: ConsoleID, summary: String, incidents: [IncidentRef]
    ) {
        self.seq = seq; self.at = at; self.operatorID = operatorID; self.console = console; self.summary = summary;
        self.incidents = incidents
    }
}

/// The audit view (F6): the log's latest events, newest at the bottom; `f` narrows it to the selected incident.
enum AuditView {
    static func render(_ c: RenderContext, in area: Rect, into buf: inout Buffer, focused: Bool) {
        let t = c.theme
        let only = c.model.auditIncidentOnly ? c.current : nil
        let lines = c.audit.filter { line in only.map { line.incidents.contains($0) } ?? true }
        let title =
            "Audit: who did what" + (only.map { " on \($0)" } ?? ", newest at the bottom") + " · f: this incident only"
        let inner = Block(title, focused: focused).render(in: area, into: &buf, theme: t)
        guard inner.height > 0 else { return }
        buf.put(
            "seq     time      operator  console   event".truncated(to: inner.width), x: inner.x, y: inner.y, t[.dim])
        if lines.isEmpty { buf.put("Nothing yet.", x: inner.x, y: inner.y + 1, t[.dim]) }
        for (k, l) in lines.suffix(inner.height - 1).enumerated() {
            let text =
                String(l.seq).fitted(to: 7) + " " + l.at.ukLocal.timeText + "  " + l.operatorID.fitted(to: 9) + " "
                + l.console.fitted(to: 9) + " " + l.summary
            buf.put(
                text.truncated(to: inner.width), x: inner.x, y: inner.y + 1 + k,
                l.operatorID.hasPrefix("SIM-") ? t[.dim] : t[.text])
        }
    }
}
