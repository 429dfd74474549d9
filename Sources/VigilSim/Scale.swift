import VigilCore
import VigilForce

/// Makes a bigger world for scale benchmarks: `copies` copies of a force laid side by side (each with its own areas,
/// stations, beats and units), and a scenario with demand, call handlers and shifts multiplied to match.
public enum Scale {
    /// The force `copies` times over, in a grid of copies that never overlap.
    public static func force(_ f: LoadedForce, copies: Int) -> LoadedForce {
        guard copies > 1 else { return f }
        let box = f.force.bounds
        let dLat = (box.maxLat - box.minLat) + 0.05, dLon = (box.maxLon - box.minLon) + 0.05
        let perRow = Int(Double(copies).squareRoot().rounded(.up))
        var out = f
        // Built aside and assigned once: each assignment re-indexes the force.
        var areas: [Area] = [], stations: [Station] = [], beats: [Beat] = [], units: [PoliceUnit] = []
        for c in 0..<copies {
            let shiftLat = Double(c / perRow) * dLat, shiftLon = Double(c % perRow) * dLon
            func p(_ g: GeoPoint) -> GeoPoint { GeoPoint(lat: g.lat + shiftLat, lon: g.lon + shiftLon) }
            func poly(_ g: GeoPolygon) -> GeoPolygon { GeoPolygon(g.points.map(p)) }
            func id(_ s: String) -> String { c == 0 ? s : "\(s)~\(c)" }
            for var a in f.force.areas {
                a.id = id(a.id); a.centre = p(a.centre); a.outline = poly(a.outline);
                a.ruralZones = a.ruralZones.map(poly)
                if c > 0 { a.name += " \(c + 1)" }
                areas.append(a)
            }
            for var s in f.force.stations {
                s.id = id(s.id); s.area = id(s.area); s.location = p(s.location); stations.append(s)
            }
            for var b in f.force.beats {
                b.id = id(b.id); b.area = id(b.area); b.station = id(b.station); b.centre = p(b.centre); beats.append(b)
            }
            for var u in f.units {
                u.callsign = c == 0 ? u.callsign : "\(u.callsign)-\(c)"
                u.homeArea = id(u.homeArea); u.area = id(u.area); u.homeStation = id(u.homeStation);
                u.homeBeat = u.homeBeat.map(id)
                u.position = p(u.position)
                units.append(u)
            }
        }
        out.force = Force(
            code: f.force.code, name: f.force.name, roadFactor: f.force.roadFactor, areas: areas, stations: stations,
            beats: beats)
        out.units = units
        out.flags = []
        return out
    }

    /// The scenario with `copies` times the demand, call handlers and units on each shift.
    public static func scenario(_ s: Scenario, copies: Int) -> Scenario {
        var out = s
        let k = Double(copies)
        out.incidentsPerDay *= k
        out.selfGeneratedPerDay *= k
        out.contactsPerDay = s.contactsPerDay.map { $0 * k }
        out.callHandlers *= copies
        out.shifts = s.shifts.map {
            var shift = $0; shift.response *= copies; shift.neighbourhood *= copies; return shift
        }
        return out
    }
}
