import VigilCore

/// Reads force files: TOML text in, checked domain values out, or one error naming file, line and field.
public enum ForceLoader {
    /// Loads a force file from disk.
    public static func load(path: String) throws(TOMLFileError) -> LoadedForce { try read(path: path).force }

    /// Loads a force file and keeps its text, which a new log stores as its genesis.
    public static func read(path: String) throws(TOMLFileError) -> (force: LoadedForce, text: String) {
        let text = try TOMLSource.readText(path: path)
        return (try parse(text, file: path), text)
    }

    /// Parses force-file text; `file` names it in errors.
    public static func parse(_ text: String, file: String) throws(TOMLFileError) -> LoadedForce {
        let source = TOMLSource(text: text, file: file)
        let raw = try source.decode(ForceFile.self, from: text, what: "a force file")
        var checker = Checker(file: file, locator: source.locator)
        return try checker.build(raw)
    }

    static func decodingError(_ e: DecodingError, file: String, locator: TOMLLocator) -> TOMLFileError {
        func steps(_ path: [CodingKey]) -> [PathStep] {
            path.map { k in k.intValue.map { .index($0) } ?? .key(k.stringValue) }
        }
        switch e {
        case .keyNotFound(let key, let ctx):
            let path = steps(ctx.codingPath)
            let full = path.last == .key(key.stringValue) ? path : path + [.key(key.stringValue)]
            return TOMLFileError(
                file: file, line: locator.line(for: full), field: fieldName(full),
                message: "this required field is missing; add it")
        case .typeMismatch(let type, let ctx), .valueNotFound(let type, let ctx):
            let path = steps(ctx.codingPath)
            return TOMLFileError(
                file: file, line: locator.line(for: path), field: fieldName(path),
                message: "expected \(typeWord(type)); check the value")
        case .dataCorrupted(let ctx):
            let path = steps(ctx.codingPath)
            // Our own value types word their refusals fully ("expected a finite number, found inf").
            let message =
                ctx.debugDescription.hasPrefix("expected ")
                ? ctx.debugDescription : "the value is not valid: \(ctx.debugDescription)"
            return TOMLFileError(
                file: file, line: locator.line(for: path), field: path.isEmpty ? nil : fieldName(path), message: message
            )
        @unknown default:
            return TOMLFileError(file: file, line: nil, field: nil, message: "cannot be read as a force file")
        }
    }

    static func typeWord(_ type: Any.Type) -> String {
        switch type {
        case is String.Type: "text in quotes"
        case is Int.Type: "a whole number"
        case is Double.Type: "a number"
        case is Bool.Type: "true or false"
        default: "a different kind of value (\(type))"
        }
    }
}

/// Checks references and values field by field, so each error can name its line.
struct Checker {
    let file: String
    let locator: TOMLLocator

    func fail(_ path: [PathStep], _ message: String) -> TOMLFileError {
        TOMLFileError(file: file, line: locator.line(for: path), field: fieldName(path), message: message)
    }

    func point(_ n: [Number], _ path: [PathStep]) throws(TOMLFileError) -> GeoPoint {
        let v = n.map(\.value)
        guard v.count == 2, (-90...90).contains(v[0]), (-180...180).contains(v[1]) else {
            throw fail(path, "expected [latitude, longitude] in degrees, e.g. [52.48, -1.90]")
        }
        return GeoPoint(lat: v[0], lon: v[1])
    }

    func polygon(_ v: [[Number]], _ path: [PathStep]) throws(TOMLFileError) -> GeoPolygon {
        guard v.count >= 3 else { throw fail(path, "an outline needs at least 3 points") }
        var points: [GeoPoint] = []
        for p in v { points.append(try point(p, path)) }
        return GeoPolygon(points)
    }

    func word<T: RawRepresentable & CaseIterable>(_ text: String, _ path: [PathStep], _ what: String)
        throws(TOMLFileError) -> T where T.RawValue == String
    {
        guard let v = T(rawValue: text) else {
            throw fail(
                path, "`\(text)` is not \(what); use one of \(T.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        return v
    }

    func unique(_ ids: [String], _ table: String, _ key: String = "id") throws(TOMLFileError) {
        var seen = Set<String>()
        for (i, id) in ids.enumerated() where !seen.insert(id).inserted {
            throw fail([.key(table), .index(i), .key(key)], "`\(id)` is used twice; each \(key) must be unique")
        }
    }

    mutating func build(_ raw: ForceFile) throws(TOMLFileError) -> LoadedForce {
        let code = raw.force.code.uppercased()
        guard !code.isEmpty, code.count <= 4, code.allSatisfy({ $0.isLetter && $0.isASCII }) else {
            throw fail([.key("force"), .key("code")], "the force code must be 1 to 4 letters, e.g. WM")
        }
        let roadFactor = raw.force.roadFactor?.value ?? 1.3
        guard roadFactor >= 1, roadFactor <= 3 else {
            throw fail([.key("force"), .key("road_factor")], "road_factor must be between 1 and 3")
        }
        guard !raw.areas.isEmpty else { throw fail([.key("areas")], "a force needs at least one [[areas]] entry") }

        try unique(raw.areas.map(\.id), "areas")
        var areas: [Area] = []
        for (i, a) in raw.areas.enumerated() {
            let p: [PathStep] = [.key("areas"), .index(i)]
            let speed = a.speedKmh?.value ?? 40
            guard speed > 0, speed <= 130 else {
                throw fail(p + [.key("speed_kmh")], "speed_kmh must be between 1 and 130")
            }
            var zones: [GeoPolygon] = []
            for z in a.ruralZones ?? [] { zones.append(try polygon(z, p + [.key("rural_zones")])) }
            let population = a.population?.value ?? 0
            guard (0...100_000_000).contains(population) else {
                throw fail(p + [.key("population")], "found \(population), but it must be from 0 to 100000000 people")
            }
            let km2 = a.km2?.value ?? 0
            guard (0...1_000_000).contains(km2) else {
                throw fail(p + [.key("km2")], "found \(km2.plain), but it must be from 0 to 1000000 km²")
            }
            areas.append(
                Area(
                    id: a.id, name: a.name, population: population, squareKm: km2,
                    centre: try point(a.centre, p + [.key("centre")]),
                    setting: try word(a.setting ?? "urban", p + [.key("setting")], "an area setting"),
                    speedKmh: speed, outline: try polygon(a.outline, p + [.key("outline")]), ruralZones: zones))
        }
        let areaIDs = Set(areas.map(\.id))
        let desks = try desks(raw.desks ?? [], areaIDs: areaIDs)

        try unique(raw.stations.map(\.id), "stations")
        var stations: [Station] = []
        for (i, s) in raw.stations.enumerated() {
            let p: [PathStep] = [.key("stations"), .index(i)]
            guard areaIDs.contains(s.area) else {
                throw fail(p + [.key("area")], "there is no area `\(s.area)`; use an id from [[areas]]")
            }
            stations.append(Station(id: s.id, name: s.name, area: s.area, location: try point(s.at, p + [.key("at")])))
        }
        let stationByID = Dictionary(stations.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })

        let rawBeats = raw.beats ?? []
        try unique(rawBeats.map(\.id), "beats")
        var beats: [Beat] = []
        for (i, b) in rawBeats.enumerated() {
            let p: [PathStep] = [.key("beats"), .index(i)]
            guard areaIDs.contains(b.area) else {
                throw fail(p + [.key("area")], "there is no area `\(b.area)`; use an id from [[areas]]")
            }
            guard stationByID[b.station] != nil else {
                throw fail(p + [.key("station")], "there is no station `\(b.station)`; use an id from [[stations]]")
            }
            beats.append(
                Beat(
                    id: b.id, name: b.name, area: b.area, station: b.station,
                    centre: try point(b.centre, p + [.key("centre")]), rural: b.rural ?? false))
        }
        let beatByID = Dictionary(beats.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })

        try unique(raw.units.map { $0.callsign.uppercased() }, "units", "callsign")
        var units: [PoliceUnit] = []
        for (i, u) in raw.units.enumerated() {
            let p: [PathStep] = [.key("units"), .index(i)]
            let cs = u.callsign.uppercased()
            guard !cs.isEmpty, cs.count <= 8, cs.allSatisfy({ ($0.isLetter || $0.isNumber) && $0.isASCII }) else {
                throw fail(p + [.key("callsign")], "a callsign is 1 to 8 letters and digits, e.g. BW11")
            }
            guard let station = stationByID[u.station] else {
                throw fail(p + [.key("station")], "there is no station `\(u.station)`; use an id from [[stations]]")
            }
            var beat: Beat?
            if let b = u.beat {
                guard let found = beatByID[b] else {
                    throw fail(p + [.key("beat")], "there is no beat `\(b)`; use an id from [[beats]]")
                }
                beat = found
            }
            var skills = Set<Skill>()
            for s in u.skills ?? [] { skills.insert(try word(s, p + [.key("skills")], "a skill")) }
            let crew = u.crew?.value ?? 2
            guard (1...8).contains(crew) else { throw fail(p + [.key("crew")], "crew must be between 1 and 8") }
            let status: UnitStatus = try word(u.status ?? "available", p + [.key("status")], "a unit status")
            guard !status.isCommitted else {
                throw fail(p + [.key("status")], "a unit cannot start \(status.label); it has no incident yet")
            }
            let base = status == .atStation ? station.location : (beat?.centre ?? station.location)
            units.append(
                PoliceUnit(
                    callsign: cs, type: try word(u.type, p + [.key("type")], "a unit type"), skills: skills, crew: crew,
                    homeArea: station.area, homeStation: station.id, homeBeat: beat?.id, status: status,
                    position: status == .atStation ? base : jitter(base, seed: cs)))
        }

        var flags: [AddressFlag] = []
        for (i, f) in (raw.flags ?? []).enumerated() {
            let p: [PathStep] = [.key("flags"), .index(i)]
            var expires: Instant?
            if let e = f.expires {
                guard let d = CivilDate(parsing: e) else {
                    throw fail(p + [.key("expires")], "`\(e)` is not a date; write YYYY-MM-DD")
                }
                expires = Instant(year: d.year, month: d.month, day: d.day)
            }
            flags.append(
                AddressFlag(
                    id: i + 1, kind: try word(f.kind, p + [.key("kind")], "a flag kind"), address: f.address,
                    location: try point(f.at, p + [.key("at")]), note: f.note ?? "", expires: expires))
        }

        let rawOps = raw.operators ?? []
        try unique(rawOps.map(\.id), "operators")
        var operators: [Operator] = []
        for (i, o) in rawOps.enumerated() {
            operators.append(
                Operator(
                    id: o.id, name: o.name,
                    role: try word(o.role, [.key("operators"), .index(i), .key("role")], "a role")))
        }

        let aid = try aid(raw.mutualAid ?? [], stations: stationByID, units: units)
        var force = Force(
            code: code, name: raw.force.name, roadFactor: roadFactor, areas: areas, stations: stations, beats: beats,
            desks: desks, aid: aid)
        force.gazetteer = try gazetteer(raw, areas: areas)
        return LoadedForce(force: force, units: units, flags: flags, operators: operators)
    }
}

extension Checker {
    /// Dispatch desks: each names its areas, and no area is on two desks (a dispatcher must know whose incident it is).
    func desks(_ raw: [ForceFile.DeskEntry], areaIDs: Set<AreaID>) throws(TOMLFileError) -> [Desk] {
        try unique(raw.map(\.id), "desks")
        var deskOf: [AreaID: String] = [:]
        var desks: [Desk] = []
        for (i, d) in raw.enumerated() {
            let p: [PathStep] = [.key("desks"), .index(i)]
            guard !d.id.isEmpty, d.id.count <= 32,
                d.id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") })
            else {
                throw fail(p + [.key("id")], "a desk id is 1 to 32 letters, digits and hyphens, e.g. black-country")
            }
            let name = d.name.trimmingSpaces
            guard !name.isEmpty, name.count <= 40, !name.unicodeScalars.contains(where: \.isTerminalControl) else {
                throw fail(p + [.key("name")], "a desk name is 1 to 40 printable characters, e.g. \"Black Country\"")
            }
            guard !d.areas.isEmpty else { throw fail(p + [.key("areas")], "a desk needs at least one area") }
            for a in d.areas {
                guard areaIDs.contains(a) else {
                    throw fail(p + [.key("areas")], "there is no area `\(a)`; use an id from [[areas]]")
                }
                if let other = deskOf[a] {
                    throw fail(p + [.key("areas")], "area `\(a)` is already on desk `\(other)`; an area is on one desk")
                }
                deskOf[a] = d.id
            }
            desks.append(Desk(id: d.id, name: name, areas: d.areas))
        }
        return desks
    }
}

/// Spreads patrolling units around their beat centre (up to ~700 m), the same way every run.
func jitter(_ p: GeoPoint, seed: String) -> GeoPoint {
    var h: UInt64 = 0xcbf2_9ce4_8422_2325
    for b in seed.utf8 { h = (h ^ UInt64(b)) &* 0x100_0000_01b3 }
    let a = Double(h & 0xffff) / 65535 - 0.5
    let b = Double((h >> 16) & 0xffff) / 65535 - 0.5
    return GeoPoint(lat: p.lat + a * 0.012, lon: p.lon + b * 0.02)
}
