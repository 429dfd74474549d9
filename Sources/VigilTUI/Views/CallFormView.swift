import VigilCore

/// Taking a call: who and where, the critical register and recent incidents at the address straight away, the
/// account, then grade, category and a note; an open incident nearby is offered for linking.
enum CallFormView {
    static func render(_ c: RenderContext, in area: Rect, into buf: inout Buffer, focused: Bool) {
        let t = c.theme
        guard let form = c.model.form, let contact = c.state.contacts[form.contact] else {
            let inner = Block("Call", focused: focused).render(in: area, into: &buf, theme: t)
            if inner.height > 0 {
                buf.put(
                    "No call in hand: n answers the next call, 999 first.".truncated(to: inner.width), x: inner.x,
                    y: inner.y, t[.dim])
            }
            return
        }
        let inner = Block(
            "Call \(contact.id) · \(contact.channel.rawValue) · \(clockText(c.now - contact.receivedAt)) since ringing",
            focused: focused
        ).render(in: area, into: &buf, theme: t)
        guard inner.height > 0 else { return }
        let d = contact.details
        var lines: [(String, Style)] = []
        // Caller and phone are editable (↑ from Where): a corrected one is recorded when the call is raised.
        let name = form.callerName ?? d.callerName, number = form.callerNumber ?? d.callerNumber
        let onCaller = focused && (form.field == .caller || form.field == .phone)
        lines.append(
            (
                "\(onCaller ? "▸" : " ") Caller  \(name)\(focused && form.field == .caller ? "▏" : "")  \(number)"
                    + (focused && form.field == .phone ? "▏" : "")
                    + (form.callerName != nil || form.callerNumber != nil ? "  (corrected)" : ""),
                onCaller ? t[.selection] : t[.text]
            ))
        let place = form.field == .place && focused
        let whereText = form.address ?? d.address
        lines.append(
            (
                "\(place ? "▸" : " ") Where   \(whereText)\(place ? "▏" : "")"
                    + (form.address == nil
                        ? (d.location.map {
                            "  (\(String(format2($0.lat))), \(String(format2($0.lon)))) from "
                                + (c.state.referrals[contact.id] == nil ? "the phone" : "the sender")
                        }
                            ?? "  (no position: found from the address when raised)")
                        : ""),
                place ? t[.selection] : t[.text]
            ))
        if let r = c.state.referrals[contact.id] {
            for (text, style) in Self.referralLines(r, contact: contact, form: form, state: c.state) {
                for part in wrap(text, width: max(10, inner.width - 2)) {
                    lines.append(("  " + part, style == .bold ? t[.warning].adding(.bold) : t[.warning]))
                }
            }
        }
        if place || (form.address != nil || d.location == nil) {
            // What the gazetteer makes of the address as it stands: the pick first, with how exact it is.
            let found = c.state.force.gazetteer.search(whereText, limit: place ? 3 : 1)
            for (k, m) in found.enumerated() {
                let taken = k == 0 && m.score >= Gazetteer.threshold
                lines.append(
                    (
                        "   \(taken ? "→" : " ") \(m.address) · \(m.accuracy.rawValue) · \(Int((m.score * 100).rounded()))%"
                            + (k == 0 && !taken ? " (below \(Int(Gazetteer.threshold * 100))%: not taken)" : ""),
                        taken ? t[.text] : t[.dim]
                    ))
            }
            if found.isEmpty, !c.state.force.gazetteer.isEmpty {
                lines.append(("   nothing in the gazetteer like this address", t[.warning]))
            }
        }
        if let place = d.location {
            let flags = c.state.flags(at: place, address: d.address, now: c.now)
            for f in flags { lines.append(("⚑ \(f.kind.tag) at this address: \(f.note)", t[.warning].adding(.bold))) }
            let near = c.state.openIncidents(near: place)
            if let n = near.first {
                lines.append(
                    (
                        "Open nearby: \(n.ref.short) grade \(n.grade.rawValue) \(n.opening) · \(n.address) (Ctrl-L links)",
                        t[.warning]
                    ))
            }
            for h in c.state.history(at: place, address: d.address).prefix(2)
            where !near.contains(where: { $0.ref == h.ref }) {
                lines.append(("Before: \(h.ref.short) \(h.opening) \(h.createdAt.ukLocal.shortTimeText)", t[.dim]))
            }
        }
        // The whole account, wrapped: a caller's words are never cut off.
        for (k, part) in wrap("\"\(d.account)\"", width: max(10, inner.width - 8)).enumerated() {
            lines.append(((k == 0 ? "Account " : "        ") + part, t[.text]))
        }
        lines.append(("", t[.text]))
        // The form's own lines are kept whatever the height: what is above them gives way first.
        let infoCount = lines.count
        let thriveHint =
            form.thrive.isEmpty ? "(6 × L/M/H: threat harm risk investigation vulnerability engagement)" : form.thrive
        let (grade, suggestion) = form.effectiveGrade(contact)
        let gradeText =
            "\(grade.rawValue) \(grade.name)"
            + (suggestion.map { " (suggested: \($0.reason); 1–4 overrides)" } ?? "  (1–4)")
        let fields: [(CallForm.Field, String)] = [
            (.grade, gradeText), (.category, form.category), (.thrive, thriveHint), (.note, form.note),
        ]
        for (field, value) in fields {
            let mark = field == form.field && focused
            lines.append(
                (
                    "\(mark ? "▸" : " ") \(field.rawValue.fitted(to: 8)) \(value)\(mark && field != .grade ? "▏" : "")",
                    mark ? t[.selection] : (field == .grade && suggestion != nil ? t[.warning] : t[.text])
                ))
        }
        lines.append(("Enter raises · Ctrl-L links · Ctrl-R resolves with the note as advice · Esc leaves", t[.hint]))
        let formCount = lines.count - infoCount
        if lines.count > inner.height {
            let keep = max(0, inner.height - formCount)
            lines = Array(lines.prefix(keep)) + lines.suffix(formCount)
        }
        for (row, (text, style)) in lines.prefix(inner.height).enumerated() {
            buf.put(text.truncated(to: inner.width), x: inner.x, y: inner.y + row, style)
        }
    }

    /// Who sent a contact that came as an EIDO, their number for it, and how they placed it; then what their latest
    /// version added (bold: it may be why the call is urgent now), the address as they sent it when the handler has
    /// changed it, and a warning when their point is far from their address. Their grade and type are in the fields.
    static func referralLines(_ r: Referral, contact: Contact, form: CallForm, state: DispatchState) -> [(
        String, Modifiers?
    )] {
        let sent = r.sent
        var text = "EIDO from \(sent.agency)" + (sent.senderIncident.map { ", their \($0)" } ?? "")
        let method = sent.locationSource.map {
            $0.lowercased() == "manual" ? "place entered by hand" : "placed by \($0)"
        }
        let how = [method ?? (sent.accuracy == nil ? nil : "placed"), sent.accuracy.map { "±\(Int($0.rounded())) m" }]
        if how.contains(where: { $0 != nil }) { text += " · " + how.compactMap { $0 }.joined(separator: " ") }
        var out: [(String, Modifiers?)] = [(text, nil)]
        if let latest = r.latest, !latest.isEmpty { out.append(("Update: " + latest.joined(separator: " "), .bold)) }
        let address = contact.details.address
        if let typed = form.address, typed != address, !address.isEmpty { out.append(("Sent as: " + address, nil)) }
        if let point = contact.details.location, !address.isEmpty,
            let match = state.force.gazetteer.search(address, limit: 1).first, match.score >= Gazetteer.threshold
        {
            let km = point.distanceKm(to: match.location)
            if km > 1 {
                out.append(
                    (
                        "Their point is \(String(format1(km))) km from \(match.address): check where before raising.",
                        .bold
                    ))
            }
        }
        return out
    }

    static func format1(_ x: Double) -> String {
        guard x.isFinite, abs(x) < 1e12 else { return "?" }
        let n = Int((x * 10).rounded())
        return "\(n / 10).\(n % 10)"
    }

    static func format2(_ x: Double) -> String {
        guard x.isFinite, abs(x) < 1e12 else { return "?" }
        let n = Int((x * 10_000).rounded())
        let sign = n < 0 ? "-" : ""
        return sign + "\(abs(n) / 10_000).\(String(abs(n) % 10_000).leftZeros(4))"
    }
}

extension String {
    func leftZeros(_ n: Int) -> String { String(repeating: "0", count: max(0, n - count)) + self }
}
