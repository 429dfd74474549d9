import VigilCore

/// The trainer's screen: the shift clock and its speed, the scenario's injects (Enter fires the selected one now),
/// each trainee's running score, and the debrief.
enum TrainerView {
    static func clock(_ c: RenderContext, in area: Rect, into buf: inout Buffer, focused: Bool) {
        let t = c.theme
        let inner = Block("Training shift", focused: false).render(
            in: area, into: &buf, theme: t)
        guard inner.height > 0, let info = c.training else {
            if inner.height > 0 { buf.put("No simulated shift runs at this console.", x: inner.x, y: inner.y, t[.dim]) }
            return
        }
        let clock = c.state.shiftClock
        let done = Double((c.now - info.start).seconds) / Double(max(1, (info.end - info.start).seconds))
        let barWidth = max(0, inner.width - 30)
        let filled = Int(min(1, max(0, done)) * Double(barWidth))
        var lines: [(String, Style)] = [
            (
                "\(info.scenario) · \(c.now.ukLocal.date) \(c.now.ukLocal.timeText) · speed \(clock.text)",
                clock.paused ? t[.warning].adding(.bold) : t[.title]
            ),
            (
                "[" + String(repeating: "#", count: filled) + String(repeating: ".", count: barWidth - filled)
                    + "] \(Int(done * 100))% to \(info.end.ukLocal.shortTimeText)", t[.text]
            ),
            ("Space pauses or resumes · < > slower or faster · Enter fires the selected inject · r debrief", t[.hint]),
        ]
        for g in [Grade.emergency, .priority] {
            let r = info.response[g] ?? (0, 0)
            let share = r.attended > 0 ? "\(Int((Double(r.within) / Double(r.attended) * 100).rounded()))%" : "–"
            lines.append(("Grade \(g.rawValue) within target: \(share) of \(r.attended) attended", t.grade(g.rawValue)))
        }
        for (row, (text, style)) in lines.prefix(inner.height).enumerated() {
            buf.put(text.truncated(to: inner.width), x: inner.x, y: inner.y + row, style)
        }
    }

    static func injects(_ c: RenderContext, in area: Rect, into buf: inout Buffer, focused: Bool) {
        let t = c.theme
        let list = c.training?.injects ?? []
        let inner = Block(
            "Injects \(list.filter(\.fired).count)/\(list.count) fired", focused: focused
        )
        .render(in: area, into: &buf, theme: t)
        guard inner.height > 0 else { return }
        if list.isEmpty { buf.put("This scenario has no injects.", x: inner.x, y: inner.y, t[.dim]) }
        for (k, inject) in list.prefix(inner.height).enumerated() {
            let text = "\(k + 1) \(inject.at.ukLocal.shortTimeText) \(inject.fired ? "FIRED" : "     ") \(inject.label)"
            let selected = focused && c.model.selectedInject == k
            buf.put(
                text.fitted(to: inner.width), x: inner.x, y: inner.y + k,
                selected ? t[.selection] : (inject.fired ? t[.dim] : t[.text]))
        }
    }

    static func scores(_ c: RenderContext, in area: Rect, into buf: inout Buffer) {
        let t = c.theme
        let scores = c.training?.scores ?? []
        let inner = Block("Trainees: choices against the recommendation").render(
            in: area, into: &buf, theme: t)
        guard inner.height > 0 else { return }
        buf.put(
            "Operator   Assigned  Top choice  ETA lost  Rules broken".truncated(to: inner.width), x: inner.x,
            y: inner.y, t[.dim])
        if scores.isEmpty { buf.put("No trainee has assigned a unit yet.", x: inner.x, y: inner.y + 1, t[.dim]) }
        for (k, s) in scores.prefix(inner.height - 1).enumerated() {
            let top =
                s.assignments > 0 ? "\(Int((Double(s.topChoices) / Double(s.assignments) * 100).rounded()))%" : "–"
            let text =
                s.operatorID.fitted(to: 10) + String(s.assignments).rightAligned(to: 9) + top.rightAligned(to: 12)
                + "\(Int(s.etaLostMinutes.rounded())) min".rightAligned(to: 10)
                + String(s.rulesBroken).rightAligned(to: 14)
            buf.put(
                text.truncated(to: inner.width), x: inner.x, y: inner.y + 1 + k,
                s.rulesBroken > 0 ? t[.warning] : t[.text])
        }
    }

    static func debrief(_ c: RenderContext, in area: Rect, into buf: inout Buffer) {
        let t = c.theme
        let lines = c.training?.debrief ?? []
        let inner = Block("Debrief · r closes", focused: true).render(
            in: area, into: &buf, theme: t)
        guard inner.height > 0 else { return }
        let screen = MarkdownLines.render(lines)
        for (k, line) in screen.dropFirst(c.model.debriefScroll).prefix(inner.height).enumerated() {
            buf.put(line.text.truncated(to: inner.width), x: inner.x, y: inner.y + k, t[line.role])
        }
    }
}
