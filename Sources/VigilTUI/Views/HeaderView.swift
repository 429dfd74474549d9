import VigilCore

/// The top line: force, date and time, operator and role, the DEMO/TRAINING/LIVE mark, queues and sync state.
enum HeaderView {
    static func render(_ c: RenderContext, in area: Rect, into buf: inout Buffer) {
        guard area.height > 0 else { return }
        let t = c.theme
        buf.clear(area, t[.header])
        let local = c.now.ukLocal
        let days = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"]
        let op = c.state.operators[c.model.operatorID]
        let desks = c.state.deskHolders.isEmpty ? [] : c.state.desks(heldBy: c.model.operatorID)
        let who =
            "\(c.model.operatorID) \(op?.role.label ?? "")"
            + (desks.isEmpty ? "" : " · desk \(desks.map(\.name).joined(separator: " + "))")
        let when = "\(days[local.date.weekday]) \(local.date) \(local.timeText)"
        var x = area.x
        x += buf.put(" VIGIL ", x: x, y: area.y, t[.header].adding(.bold))
        let mark = " \(c.banner.rawValue) "
        if c.banner != .live {
            x += buf.put(mark, x: x, y: area.y, t[.banner])
            // Everyone on a paused shift sees it, not only the trainer who paused it.
            if c.state.shiftEnded {
                x += buf.put(" SHIFT OVER ", x: x, y: area.y, t[.banner].adding(.bold))
            } else if c.state.shiftClock.paused {
                x += buf.put(" PAUSED ", x: x, y: area.y, t[.banner].adding(.bold))
            }
        } else {
            x += buf.put(mark, x: x, y: area.y, t[.header].adding(.bold))
        }
        x += buf.put(" " + when + " ", x: x, y: area.y, t[.header].adding(.bold))
        let queues = Channel.allCases.map { ch in
            "\(ch.rawValue):\(c.state.waitingContacts.filter { c.state.contacts[$0]?.channel == ch }.count)"
        }
        let rest = [who, c.state.force.name, queues.joined(separator: " "), c.sync]
        var line = ""
        for part in rest where displayWidth(line) + displayWidth(part) + 3 <= area.right - x - 1 {
            line += (line.isEmpty ? "" : " · ") + part
        }
        buf.put(line, x: x + 1, y: area.y, t[.header])
    }
}
