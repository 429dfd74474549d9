import VigilCore

/// Contacts waiting, 999 first, with their wait ticking; the longest wait is marked.
enum CallQueue {
    static func render(_ c: RenderContext, in area: Rect, into buf: inout Buffer, focused: Bool) {
        let queue = Lists.queue(c.state)
        let mine = c.model.callsInHand(c.state).compactMap { c.state.contacts[$0] }
        let box = Block(
            "Calls waiting \(queue.count)" + (mine.isEmpty ? "" : " · \(mine.count) in hand"), focused: focused
        ).render(in: area, into: &buf, theme: c.theme)
        guard box.height > 0 else { return }
        let t = c.theme
        // Calls in this operator's hand stay on screen above the queue, so none is out of sight.
        var area = box
        for q in mine where area.height > 1 {
            let text =
                "\(q.channel.rawValue.fitted(to: 6)) \(q.id.description.fitted(to: 6)) IN HAND "
                + Self.mark(q, c.state) + q.details.address
            buf.put(text.fitted(to: area.width), x: area.x, y: area.y, t[.warning].adding(.bold))
            area = Rect(x: area.x, y: area.y + 1, width: area.width, height: area.height - 1)
        }
        let inner = area
        let longest = queue.max { ($0.receivedAt, $1.id.value) > ($1.receivedAt, $0.id.value) }?.id
        let selected = c.model.selectedContact ?? queue.first?.id
        let at = selected.flatMap { s in queue.firstIndex { $0.id == s } } ?? 0
        let first = Scroll.first(at: at, rows: inner.height, count: queue.count)
        for (row, q) in queue.dropFirst(first).prefix(inner.height).enumerated() {
            let y = inner.y + row
            let wait = clockText(c.now - q.receivedAt)
            let style: Style =
                q.channel == .emergency ? t[.queue999] : q.channel == .nonEmergency ? t[.queue101] : t[.queueOnline]
            let text =
                "\(q.channel.rawValue.fitted(to: 6)) \(q.id.description.fitted(to: 6)) " + wait.rightAligned(to: 6)
                + (q.id == longest ? " LONGEST " : " ") + Self.mark(q, c.state) + q.details.address
            buf.put(
                text.fitted(to: inner.width), x: inner.x, y: y, q.id == selected && focused ? t[.selection] : t[.text])
            if !(q.id == selected && focused) {
                buf.put(q.channel.rawValue, x: inner.x, y: y, style)
                if q.id == longest { buf.put("LONGEST", x: inner.x + 21, y: y, t[.warning].adding(.bold)) }
            }
        }
        if queue.isEmpty {
            buf.put(
                "No calls waiting. n answers the next when one rings.".truncated(to: inner.width), x: inner.x,
                y: inner.y, t[.dim])
        }
    }

    /// Marks a contact another agency sent as an EIDO, before its address; the form and the incident name them.
    static func mark(_ contact: Contact, _ state: DispatchState) -> String {
        state.referrals[contact.id] == nil ? "" : "EIDO "
    }
}
