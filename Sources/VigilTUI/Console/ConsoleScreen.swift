import VigilCore

/// The whole screen as a pure function of (state, view state, size, time, theme): the only thing a back end draws.
public enum ConsoleScreen {
    /// The smallest window the console lays out in; below it the screen says so.
    public static let minimum = (width: 60, height: 16)

    public static func render(_ c: RenderContext, width: Int, height: Int) -> Buffer {
        var buf = Buffer(width: width, height: height, fill: Cell(" ", c.theme[.text]))
        guard width >= minimum.width, height >= minimum.height else {
            tooSmall(c, &buf)
            return buf
        }
        let (top, rest) = buf.area.cutTop(1)
        let (body, bottom) = rest.cutBottom(1)
        HeaderView.render(c, in: top, into: &buf)
        // Locked: nothing under the header is drawn, so no caller's details reach the screen.
        if c.model.locked != nil {
            LockView.render(c, in: Rect(x: 0, y: 1, width: width, height: height - 1), into: &buf)
            return buf
        }
        FooterView.render(c, in: bottom, into: &buf)
        let focus = c.model.focus
        var l = layout(c.model.view, width: width, height: height)
        if c.model.view == .trainer, c.model.debriefOpen {
            l = [(.debrief, Rect(x: 0, y: 1, width: width, height: height - 2))]
        }
        for (panel, rect) in l {
            switch panel {
            case .incidents: IncidentList.render(c, in: rect, into: &buf, focused: focus == .incidents)
            case .detail:
                if let cs = c.model.openedUnit {
                    UnitDetail.render(c, cs, in: rect, into: &buf)
                } else {
                    IncidentDetail.render(c, in: rect, into: &buf, focused: focus == .detail)
                }
            case .recommendation: RecommendationView.render(c, in: rect, into: &buf, focused: focus == .recommendation)
            case .board: UnitBoard.render(c, in: rect, into: &buf, focused: focus == .board)
            case .map: MapPanel.render(c, in: rect, into: &buf, focused: focus == .map)
            case .queue: CallQueue.render(c, in: rect, into: &buf, focused: focus == .queue)
            case .callForm: CallFormView.render(c, in: rect, into: &buf, focused: focus == .callForm)
            case .areas: InspectorView.areas(c, in: rect, into: &buf, focused: focus == .areas)
            case .breaches: InspectorView.breaches(c, in: rect, into: &buf, focused: focus == .breaches)
            case .shiftClock: TrainerView.clock(c, in: rect, into: &buf, focused: false)
            case .injects: TrainerView.injects(c, in: rect, into: &buf, focused: focus == .injects)
            case .scores: TrainerView.scores(c, in: rect, into: &buf)
            case .debrief: TrainerView.debrief(c, in: rect, into: &buf)
            case .auditTrail: AuditView.render(c, in: rect, into: &buf, focused: focus == .auditTrail)
            }
        }
        if c.model.helpOpen { HelpOverlay.render(c, in: body, into: &buf) }
        return buf
    }

    /// Where each panel goes for a view and size; rendering and mouse clicks both use it.
    public static func layout(_ view: ConsoleView, width: Int, height: Int) -> [(Panel, Rect)] {
        guard width >= minimum.width, height >= minimum.height else { return [] }
        let body = Rect(x: 0, y: 1, width: width, height: height - 2)
        switch view {
        case .dispatcher:
            let cols = body.columns([11, 9])
            let left = cols[0].rows([11, 9])
            let recHeight = min(10, max(5, body.height / 4))
            let (rec, below) = cols[1].cutTop(recHeight)
            let lower = below.rows(height >= 40 ? [2, 3] : [4, 5])
            return [
                (.incidents, left[0]), (.detail, left[1]), (.recommendation, rec), (.board, lower[0]), (.map, lower[1]),
            ]
        case .callHandler:
            let cols = body.columns([2, 3])
            let right = cols[1].rows([3, 2])
            return [(.queue, cols[0]), (.callForm, right[0]), (.incidents, right[1])]
        case .inspector:
            // Room for the demo's seven areas, three desks, the force and a line of major incidents.
            let (table, rest) = body.cutTop(min(body.height / 2, 16))
            let parts = rest.rows([1, 1])
            return [(.areas, table), (.breaches, parts[0]), (.incidents, parts[1])]
        case .trainer:
            let (top, rest) = body.cutTop(min(10, body.height / 3))
            let topCols = top.columns([1, 1])
            let parts = rest.rows([2, 3])
            return [(.shiftClock, topCols[0]), (.injects, topCols[1]), (.scores, parts[0]), (.incidents, parts[1])]
        case .audit:
            let parts = body.rows([3, 1])
            return [(.auditTrail, parts[0]), (.incidents, parts[1])]
        }
    }

    static func tooSmall(_ c: RenderContext, _ buf: inout Buffer) {
        let lines = [
            "The window is \(buf.width)×\(buf.height).",
            "Vigil needs at least \(minimum.width)×\(minimum.height):",
            "make it larger or the font smaller.", "\(c.banner.rawValue) · q quits",
        ]
        for (k, line) in lines.enumerated() {
            let y = max(0, buf.height / 2 - 2) + k
            buf.put(
                line.truncated(to: buf.width), x: max(0, (buf.width - displayWidth(line)) / 2), y: y,
                k == 3 ? c.theme[.banner] : c.theme[.text])
        }
    }
}
