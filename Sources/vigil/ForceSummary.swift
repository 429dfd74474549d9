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
            out.append(a.name.padding(15) + " " + "\(a.population)".leftPadding(10) + " " + "\(Int(a.squareKm))".leftPadding(5)
                       + "  " + a.setting.rawValue.padding(8) + " " + "\(f.stations.filter { $0.area == a.id }.count)".leftPadding(8)
                       + " " + "\(f.beats.filter { $0.area == a.id }.count)".leftPadding(5) + " " + "\(resp)".leftPadding(5)
                       + " " + "\(nbhd)".leftPadding(4) + " " + "\(units.count - resp - nbhd)".leftPadding(5))
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
            u.callsign.padding(8) + " " + u.type.label.padding(14) + " " + u.homeArea.padding(14) + " "
                + u.homeStation.padding(22) + " " + "\(u.crew)".leftPadding(4) + " " + u.skillsText
        }
    }
}

extension String {
    func padding(_ n: Int) -> String { count >= n ? self : self + String(repeating: " ", count: n - count) }
    func leftPadding(_ n: Int) -> String { count >= n ? self : String(repeating: " ", count: n - count) + self }
}
