import VigilCore
import VigilForce

/// Text tables describing a loaded force.
struct ForceSummary {
    let loaded: LoadedForce
    init(_ loaded: LoadedForce) { self.loaded = loaded }

    var lines: [String] {
        let f = loaded.force
        var out = [
            "\(f.name) (\(f.code)): \(f.areas.count) areas, \(f.stations.count) stations, \(f.beats.count) beats,",
            "\(loaded.units.count) units, \(loaded.flags.count) critical-register flags", "",
        ]
        out.append("AREA            POPULATION   KM²  SETTING  STATIONS BEATS  RESP NBHD OTHER")
        for a in f.areas {
            let units = loaded.units.filter { $0.homeArea == a.id }
            let resp = units.filter { $0.type == .response }.count
            let nbhd = units.filter { $0.type == .neighbourhood }.count
            out.append(
                a.name.padded(15) + " " + "\(a.population)".leftPadded(10) + " " + "\(Int(a.squareKm))".leftPadded(5)
                    + "  " + a.setting.rawValue.padded(8) + " "
                    + "\(f.stations.filter { $0.area == a.id }.count)".leftPadded(8)
                    + " " + "\(f.beats.filter { $0.area == a.id }.count)".leftPadded(5) + " " + "\(resp)".leftPadded(5)
                    + " " + "\(nbhd)".leftPadded(4) + " " + "\(units.count - resp - nbhd)".leftPadded(5))
        }
        let byType = UnitType.allCases.map { t in "\(loaded.units.filter { $0.type == t }.count) \(t.label)" }
        out.append("")
        out += wrapped("Units: " + byType.joined(separator: ", "))
        let byKind = FlagKind.allCases.map { k in "\(loaded.flags.filter { $0.kind == k }.count) \(k.label)" }
        out += wrapped("Critical register: " + byKind.joined(separator: ", "))
        if !loaded.operators.isEmpty {
            out += wrapped(
                "Operators: " + loaded.operators.map { "\($0.id) (\($0.role.label))" }.joined(separator: ", "))
        }
        return out
    }

    /// Splits a line at spaces so it fits 80 columns, indenting the continuation.
    func wrapped(_ line: String, width: Int = 80) -> [String] {
        var lines: [String] = []
        var current = ""
        for word in line.split(separator: " ") {
            if !current.isEmpty, current.count + 1 + word.count > width {
                lines.append(current)
                current = "  " + word
            } else {
                current += current.isEmpty ? String(word) : " " + word
            }
        }
        if !current.isEmpty { lines.append(current) }
        return lines
    }

    var unitLines: [String] {
        ["CALLSIGN TYPE           AREA           STATION                CREW SKILLS"]
            + loaded.units.map { u in
                u.callsign.padded(8) + " " + u.type.label.padded(14) + " " + u.homeArea.padded(14) + " "
                    + u.homeStation.padded(22) + " " + "\(u.crew)".leftPadded(4) + " " + u.skillsText
            }
    }
}
