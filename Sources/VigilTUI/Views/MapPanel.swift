import Foundation
import VigilCore

/// The force drawn in the panel: area outlines in braille (or ASCII), units as status letters, incidents as grade
/// digits. It follows the selected incident unless the operator pans; `+`/`-` zoom.
enum MapPanel {
    static func render(_ c: RenderContext, in area: Rect, into buf: inout Buffer, focused: Bool) {
        let m = c.model.map
        let showsFree = m.zoom > 1 || (area.width - 2) * (area.height - 2) >= 2_000
        let inner = Block(
            "Map ×\(m.zoom)" + (m.follow ? " following" : "") + (showsFree ? "" : " · busy units (+ shows free)"),
            focused: focused, ascii: m.ascii
        )
        .render(in: area, into: &buf, theme: c.theme)
        guard inner.width >= 4, inner.height >= 2 else { return }
        let t = c.theme
        let force = c.state.force
        // A dispatcher at a desk sees the desk's areas at the widest zoom; `d` widens it to the whole force.
        let box = c.model.scope(c.state).flatMap { force.bounds(of: $0) } ?? force.bounds
        // Cells are about twice as tall as wide; a degree of longitude is cos(lat) of a degree of latitude.
        let cosLat = cos(box.centre.lat * .pi / 180)
        let spanLon = (box.maxLon - box.minLon) * 1.1 / Double(m.zoom)
        let spanLat = (box.maxLat - box.minLat) * 1.1 / Double(m.zoom)
        let kmPerCol = max(spanLon * cosLat / Double(inner.width), spanLat / Double(inner.height) / 2)
        let degLonPerCol = kmPerCol / cosLat, degLatPerRow = kmPerCol * 2
        var centre = m.zoom == 1 ? box.centre : (m.centre ?? box.centre)
        if m.follow, let ref = c.current, let i = c.state.incidents[ref], m.zoom > 1 { centre = i.location }
        let left = centre.lon - degLonPerCol * Double(inner.width) / 2
        let top = centre.lat + degLatPerRow * Double(inner.height) / 2
        func cell(_ p: GeoPoint) -> (x: Double, y: Double) {
            ((p.lon - left) / degLonPerCol, (top - p.lat) / degLatPerRow)
        }

        var canvas = BrailleCanvas(width: inner.width, height: inner.height)
        for a in force.areas {
            let pts = a.outline.points.map(cell)
            for (k, p) in pts.enumerated() {
                let q = pts[(k + 1) % pts.count]
                canvas.line(Int(p.x * 2), Int(p.y * 4), Int(q.x * 2), Int(q.y * 4))
            }
        }
        for y in 0..<inner.height {
            for x in 0..<inner.width where canvas.isSet(cell: x, y) {
                buf.put(m.ascii ? "." : String(canvas.character(x, y)!), x: inner.x + x, y: inner.y + y, t[.mapOutline])
            }
        }
        // Units on duty, then incidents on top: they matter most. Free units crowd a small map out, so until it is
        // zoomed in or large they are left off and the title says so.
        let showFree = m.zoom > 1 || inner.width * inner.height >= 2_000
        for u in c.state.units.values where u.status != .offDuty && (showFree || !u.status.isDeployable) {
            guard let pos = c.state.estimatedPosition(of: u.callsign, at: c.now) else { continue }
            put(String(glyph(u.status)), at: cell(pos), inner, &buf, c.style(u.status))
        }
        let selected = c.current
        var markers = Set<Int>()
        for ref in c.state.openIncidents {
            guard let i = c.state.incidents[ref] else { continue }
            // A small map keeps to what needs a decision: grades 1 and 2, work still waiting for a unit, the selection.
            guard showFree || i.grade <= .priority || i.units.isEmpty || ref == selected else { continue }
            let style = ref == selected ? t[.incidentMarker].adding(.reverse) : t.grade(i.grade.rawValue).adding(.bold)
            let p = cell(i.location)
            guard Self.onCanvas(p) else { continue }
            put(String(i.grade.rawValue), at: p, inner, &buf, style)
            markers.insert(Int(p.y.rounded(.down)) * 10_000 + Int(p.x.rounded(.down)))
        }
        // Area names last, each where it hides no incident and no other name: a label written over a marker read as
        // BIRM32GHAM. With no clear place near its centre, a name is left off rather than hide an incident.
        guard inner.width >= 20 else { return }
        var taken = markers
        for a in force.areas {
            let centre = cell(a.centre)
            let label = String(a.name.prefix(m.zoom > 1 ? 16 : 3)).uppercased()
            let width = label.count
            let spots = [(0.0, 1.0), (0, -1), (0, 2), (0, -2), (0, 0), (-4, 1), (4, 1), (-4, -1), (4, -1)]
            for (dx, dy) in spots {
                let x = Int((centre.x - Double(width) / 2 + dx).rounded(.down)), y = Int((centre.y + dy).rounded(.down))
                guard x >= 0, y >= 0, x + width <= inner.width, y < inner.height else { continue }
                let cells = (x..<(x + width)).map { y * 10_000 + $0 }
                guard cells.allSatisfy({ !taken.contains($0) }) else { continue }
                buf.put(label, x: inner.x + x, y: inner.y + y, t[.mapLabel], clip: inner)
                taken.formUnion(cells)
                break
            }
        }
    }

    /// One letter per status, so the map reads without colour: A free, S station, G assigned, E en route,
    /// @ at scene, T with prisoner, R refreshment, W writing up, U unavailable.
    static func glyph(_ s: UnitStatus) -> Character {
        switch s {
        case .available: "A";
        case .atStation: "S";
        case .assigned: "G";
        case .enRoute: "E";
        case .atScene: "@"
        case .transporting: "T";
        case .refreshment: "R";
        case .offDuty: "·";
        case .unavailable: "U"
        case .writeUp: "W"
        }
    }

    /// Whether a cell can be counted in at all: a place off the map by far (a hand-made event) is left off, never
    /// a trap.
    static func onCanvas(_ p: (x: Double, y: Double)) -> Bool {
        p.x.isFinite && p.y.isFinite && abs(p.x) < 1e6 && abs(p.y) < 1e6
    }

    static func put(_ text: String, at p: (x: Double, y: Double), _ inner: Rect, _ buf: inout Buffer, _ style: Style) {
        guard onCanvas(p) else { return }
        let x = Int(p.x.rounded(.down)), y = Int(p.y.rounded(.down))
        guard x >= 0, y >= 0, x < inner.width, y < inner.height else { return }
        buf.put(text, x: inner.x + x, y: inner.y + y, style, clip: inner)
    }
}
