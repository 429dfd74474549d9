import VigilCore
import VigilForce

/// Text tables describing a loaded force.
struct ForceSummary {
    let loaded: LoadedForce
    init(_ loaded: LoadedForce) { self.loaded = loaded }

    var lines: [String] {
        let f = loaded.force
        var out = ["\(f.name) (\(f.code)): \(f.areas.count) areas, \(f.stations.count) stations, \(f.beats.count) beats, "
                   + "\(loaded.units.count) units, \(loaded.flags.count) critical-register flags", ""]
        out.append("AREA            POPULATION   KM²  SETTING  STATIONS BEATS  RESP NBHD OTHER")
        for a in f.areas {
            let units = loaded.units.filter { $0.homeArea == a.id }
            let resp = units.filter { $0.type == .response }.count
            let nbhd = units.filter { $0.type == .neighbourhood }.count
            out.append(a.name.padded(15) + " " + "\(a.population)".leftPadded(10) + " " + "\(Int(a.squareKm))".leftPadded(5)
                       + "  " + a.setting.rawValue.padded(8) + " " + "\(f.stations.filter { $0.area == a.id }.count)".leftPadded(8)
                       + " " + "\(f.beats.filter { $0.area == a.id }.count)".leftPadded(5) + " " + "\(resp)".leftPadded(5)
                       + " " + "\(nbhd)".leftPadded(4) + " " + "\(units.count - resp - nbhd)".leftPadded(5))
        }
        let byType = UnitType.allCases.map { t in "\(loaded.units.filter { $0.type == t }.count) \(t.label)" }
        out.append("")
        out.append("Units: " + byType.joined(separator: ", "))
        let byKind = FlagKind.allCases.map { k in "\(loaded.flags.filter { $0.kind == k }.count) \(k.label)" }
        out.append("Critical register: " + byKind.joined(separator: ", "))
        if !loaded.operators.isEmpty {
            out.append("Operators: " + loaded.operators.map { "\($0.id) (\($0.role.label))" }.joined(separator: ", "))
        }
        return out
    }

    var unitLines: [String] {
        ["CALLSIGN TYPE           AREA           STATION                CREW SKILLS"] + loaded.units.map { u in
            u.callsign.padded(8) + " " + u.type.label.padded(14) + " " + u.homeArea.padded(14) + " "
                + u.homeStation.padded(22) + " " + "\(u.crew)".leftPadded(4) + " " + u.skillsText
        }
    }
}
