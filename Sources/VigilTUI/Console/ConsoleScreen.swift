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
        FooterView.render(c, in: bottom, into: &buf)
        let focus = c.model.focus
        switch c.model.view {
        case .dispatcher:
            let cols = body.columns(width >= 120 ? [11, 9] : [11, 9])
            let left = cols[0].rows([11, 9])
            IncidentList.render(c, in: left[0], into: &buf, focused: focus == .incidents)
            IncidentDetail.render(c, in: left[1], into: &buf)
            let recHeight = min(10, max(5, body.height / 4))
            let (rec, below) = cols[1].cutTop(recHeight)
            let lower = below.rows(height >= 40 ? [2, 3] : [4, 5])
            RecommendationView.render(c, in: rec, into: &buf, focused: focus == .recommendation)
            UnitBoard.render(c, in: lower[0], into: &buf, focused: focus == .board)
            MapPanel.render(c, in: lower[1], into: &buf, focused: focus == .map)
        case .callHandler:
            let cols = body.columns([2, 3])
            CallQueue.render(c, in: cols[0], into: &buf, focused: focus == .queue)
            let right = cols[1].rows([3, 2])
            CallFormView.render(c, in: right[0], into: &buf, focused: focus == .callForm)
            IncidentList.render(c, in: right[1], into: &buf, focused: focus == .incidents)
        }
        if c.model.helpOpen { HelpOverlay.render(c, in: body, into: &buf) }
        return buf
    }

    static func tooSmall(_ c: RenderContext, _ buf: inout Buffer) {
        let lines = ["The window is \(buf.width)×\(buf.height).",
                     "Vigil needs at least \(minimum.width)×\(minimum.height):",
                     "make it larger or the font smaller.", "\(c.banner.rawValue) · q quits"]
        for (k, line) in lines.enumerated() {
            let y = max(0, buf.height / 2 - 2) + k
            buf.put(line.truncated(to: buf.width), x: max(0, (buf.width - displayWidth(line)) / 2), y: y, k == 3 ? c.theme[.banner] : c.theme[.text])
        }
    }
}
