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
        let counts = Channel.allCases.map { ch in
            (ch, c.state.waitingContacts.filter { c.state.contacts[$0]?.channel == ch }.count)
        }
        let queues = counts.map { "\($0.0.rawValue):\($0.1)" }.joined(separator: " ")
        let shortQueues = counts.map { "\($0.0 == .online ? "web" : $0.0.rawValue):\($0.1)" }.joined(separator: " ")
        let shortWhen = "\(days[local.date.weekday]) \(local.timeText)"
        // The richest line that fits; the queue counts are the last thing to go, after the date, the force's name
        // and the role.
        let choices: [(when: String, rest: [String])] = [
            (when, [who, c.state.force.name, queues, c.sync]),
            (when, [who, queues, c.sync]),
            (shortWhen, [who, queues, c.sync]),
            (shortWhen, [who, shortQueues, c.sync]),
            (shortWhen, [c.model.operatorID, shortQueues]),
            (shortWhen, [shortQueues]),
        ]
        // The log's trouble comes before anything else the line can drop.
        if let alert = c.alert {
            x += buf.put(" \(alert) ", x: x, y: area.y, t[.breach].adding(.reverse).adding(.bold))
        }
        // A new grade 1 flashes (every other second) until the flash is over.
        if let flash = c.model.flash, c.now < flash.until {
            let style = c.now.seconds % 2 == 0 ? t[.breach].adding(.reverse) : t[.breach]
            x += buf.put(" \(flash.text) ", x: x, y: area.y, style.adding(.bold))
        }
        let room = area.right - x
        let pick =
            choices.first { displayWidth(" \($0.when) ") + 1 + displayWidth($0.rest.joined(separator: " · ")) <= room }
            ?? choices[choices.count - 1]
        x += buf.put(" " + pick.when + " ", x: x, y: area.y, t[.header].adding(.bold))
        buf.put(pick.rest.joined(separator: " · "), x: x + 1, y: area.y, t[.header], clip: area)
    }
}
