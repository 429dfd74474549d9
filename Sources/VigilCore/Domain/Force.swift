/// A police force: its local policing areas, stations and beats, and the travel model it works with.
public struct Force: Hashable, Codable, Sendable {
    /// Short code used in incident references, e.g. `WM`.
    public var code: String
    public var name: String
    /// Road distance over straight-line distance; 1.3 is typical for a British conurbation.
    public var roadFactor: Double
    public var areas: [Area] { didSet { reindex() } }
    public var stations: [Station] { didSet { reindex() } }
    public var beats: [Beat] { didSet { reindex() } }
    /// Dispatch desks, each a group of areas; a force may have none, and then every area is one room's.
    public var desks: [Desk]
    /// Neighbouring forces' units that may be lent under mutual aid.
    public var aid: [AidPool]
    /// Streets, named places and held addresses, for finding a location from what a caller says. Not written into
    /// snapshots (it is the force file's, and large): a state restored from one takes it from the log's force text.
    public var gazetteer = Gazetteer()
    // Derived from the lists above, so lookups stay cheap however big the force: every raise and every simulated call
    // asks for an area, a station or a beat.
    private var lookup = Lookup()

    struct Lookup: Hashable, Sendable {
        var areas: [AreaID: Int] = [:]
        var stations: [StationID: Int] = [:]
        var beats: [BeatID: Int] = [:]
        var beatsByArea: [AreaID: [Int]] = [:]
        var areaBoxes: [GeoBox] = []
        /// A coarse grid over the force: each cell lists, in order, the areas whose boxes touch it, so finding the area
        /// that holds a point tests a few outlines however many areas there are.
        var grid = AreaGrid()
    }

    struct AreaGrid: Hashable, Sendable {
        var box = GeoBox(minLat: 0, maxLat: 0, minLon: 0, maxLon: 0)
        var cols = 0, rows = 0
        var cells: [[Int32]] = []

        init() {}

        init(boxes: [GeoBox]) {
            guard let first = boxes.first else { return }
            box = boxes.dropFirst().reduce(first) { $0.union($1) }
            let side = max(1, Int(Double(boxes.count).squareRoot().rounded(.up)) * 2)
            cols = side; rows = side
            cells = Array(repeating: [], count: side * side)
            for (i, b) in boxes.enumerated() {
                let (c0, r0) = cell(lat: b.minLat, lon: b.minLon), (c1, r1) = cell(lat: b.maxLat, lon: b.maxLon)
                for r in r0...r1 { for c in c0...c1 { cells[r * cols + c].append(Int32(i)) } }
            }
        }

        func cell(lat: Double, lon: Double) -> (Int, Int) {
            let h = box.maxLat - box.minLat, w = box.maxLon - box.minLon
            let c = w > 0 ? clampedIndex((lon - box.minLon) / w * Double(cols), cols) : 0
            let r = h > 0 ? clampedIndex((lat - box.minLat) / h * Double(rows), rows) : 0
            return (c, r)
        }

        /// The areas that may hold `p`, in list order; none outside the force's box.
        func candidates(_ p: GeoPoint) -> [Int32] {
            guard cols > 0, box.minLat <= p.lat, p.lat <= box.maxLat, box.minLon <= p.lon, p.lon <= box.maxLon else {
                return []
            }
            let (c, r) = cell(lat: p.lat, lon: p.lon)
            return cells[r * cols + c]
        }
    }

    public init(
        code: String, name: String, roadFactor: Double = 1.3, areas: [Area], stations: [Station], beats: [Beat],
        desks: [Desk] = [], aid: [AidPool] = []
    ) {
        self.code = code; self.name = name; self.roadFactor = roadFactor
        self.areas = areas; self.stations = stations; self.beats = beats; self.desks = desks
        self.aid = aid
        reindex()
    }

    enum CodingKeys: String, CodingKey { case code, name, roadFactor, areas, stations, beats, desks, aid }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            code: try c.decode(String.self, forKey: .code), name: try c.decode(String.self, forKey: .name),
            roadFactor: try c.decode(Double.self, forKey: .roadFactor),
            areas: try c.decode([Area].self, forKey: .areas),
            stations: try c.decode([Station].self, forKey: .stations), beats: try c.decode([Beat].self, forKey: .beats),
            desks: try c.decodeIfPresent([Desk].self, forKey: .desks) ?? [],
            aid: try c.decodeIfPresent([AidPool].self, forKey: .aid) ?? [])
    }

    /// As synthesised, but a force with no mutual-aid partners writes no `aid` key, so its snapshots keep the bytes
    /// they had before partners existed.
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(code, forKey: .code)
        try c.encode(name, forKey: .name)
        try c.encode(roadFactor, forKey: .roadFactor)
        try c.encode(areas, forKey: .areas)
        try c.encode(stations, forKey: .stations)
        try c.encode(beats, forKey: .beats)
        try c.encode(desks, forKey: .desks)
        if !aid.isEmpty { try c.encode(aid, forKey: .aid) }
    }

    mutating func reindex() {
        var l = Lookup()
        // The first of a repeated id wins, as a linear search would find it.
        for (i, a) in areas.enumerated() where l.areas[a.id] == nil { l.areas[a.id] = i }
        for (i, s) in stations.enumerated() where l.stations[s.id] == nil { l.stations[s.id] = i }
        for (i, b) in beats.enumerated() {
            if l.beats[b.id] == nil { l.beats[b.id] = i }
            l.beatsByArea[b.area, default: []].append(i)
        }
        l.areaBoxes = areas.map(\.outline.bounds)
        l.grid = AreaGrid(boxes: l.areaBoxes)
        lookup = l
    }

    /// What an incident's area is called on screen: its name, or "outside the force area" for a place beyond every
    /// outline (callers near a border and other agencies' incidents are real work, recorded with no area).
    public func areaName(_ id: AreaID) -> String {
        id.isEmpty ? Force.outside : (area(id)?.name ?? id)
    }

    /// The mark for a place outside every area.
    public static let outside = "outside the force area"

    public func area(_ id: AreaID) -> Area? { lookup.areas[id].map { areas[$0] } }
    public func station(_ id: StationID) -> Station? { lookup.stations[id].map { stations[$0] } }
    public func beat(_ id: BeatID) -> Beat? { lookup.beats[id].map { beats[$0] } }

    /// The area whose outline holds `point`, else the one with the nearest centre.
    public func area(containing point: GeoPoint) -> Area? {
        area(inside: point) ?? areas.min { $0.centre.distanceKm(to: point) < $1.centre.distanceKm(to: point) }
    }

    /// The area whose outline holds `point`, or nil when it is outside the force.
    public func area(inside point: GeoPoint) -> Area? {
        for i in lookup.grid.candidates(point) {
            let box = lookup.areaBoxes[Int(i)]
            guard
                box.minLat <= point.lat && point.lat <= box.maxLat && box.minLon <= point.lon && point.lon <= box.maxLon
            else { continue }
            if areas[Int(i)].outline.contains(point) { return areas[Int(i)] }
        }
        return nil
    }

    /// The beat nearest `point` within the area that holds it.
    public func beat(nearest point: GeoPoint) -> Beat? {
        area(containing: point).flatMap { beat(nearest: point, in: $0) }
    }

    /// The beat of `area` nearest `point`.
    public func beat(nearest point: GeoPoint, in area: Area) -> Beat? {
        // Beats of one area are close together, so a flat-earth distance ranks them as the great circle would, without
        // the trigonometry per beat.
        guard let indices = lookup.beatsByArea[area.id] else { return nil }
        let k = cosDeg(point.lat)
        var best: Int?, bestD = Double.infinity
        for i in indices {
            let dLat = beats[i].centre.lat - point.lat, dLon = (beats[i].centre.lon - point.lon) * k
            let d = dLat * dLat + dLon * dLon
            if d < bestD { best = i; bestD = d }
        }
        return best.map { beats[$0] }
    }

    /// True where the grade-1 target is the rural 20 minutes.
    public func isRural(_ point: GeoPoint) -> Bool {
        area(containing: point).map { isRural(point, in: $0) } ?? false
    }

    /// True where `point`, in `area`, is worked to the rural target.
    public func isRural(_ point: GeoPoint, in area: Area) -> Bool {
        area.setting == .rural || area.ruralZones.contains { $0.contains(point) }
    }

    /// A box around every area, for maps and spatial indexes.
    public var bounds: GeoBox {
        areas.map(\.outline.bounds).reduce(areas.first?.outline.bounds ?? GeoBox(covering: [])) { $0.union($1) }
    }
}

public typealias AreaID = String
public typealias StationID = String
public typealias BeatID = String

/// Whether an area is worked to urban or rural targets.
public enum AreaSetting: String, Hashable, Codable, Sendable, CaseIterable {
    case urban, rural, mixed
}

/// A local policing area.
public struct Area: Hashable, Codable, Sendable, Identifiable {
    public var id: AreaID
    public var name: String
    public var population: Int
    public var squareKm: Double
    public var centre: GeoPoint
    public var setting: AreaSetting
    /// Average blue-light road speed used by the travel model.
    public var speedKmh: Double
    public var outline: GeoPolygon
    /// Parts of the area worked to rural targets.
    public var ruralZones: [GeoPolygon]

    public init(
        id: AreaID, name: String, population: Int = 0, squareKm: Double = 0, centre: GeoPoint,
        setting: AreaSetting = .urban, speedKmh: Double = 40, outline: GeoPolygon, ruralZones: [GeoPolygon] = []
    ) {
        self.id = id; self.name = name; self.population = population; self.squareKm = squareKm
        self.centre = centre; self.setting = setting; self.speedKmh = speedKmh
        self.outline = outline; self.ruralZones = ruralZones
    }
}

/// A police station, where units are based.
public struct Station: Hashable, Codable, Sendable, Identifiable {
    public var id: StationID
    public var name: String
    public var area: AreaID
    public var location: GeoPoint
    public init(id: StationID, name: String, area: AreaID, location: GeoPoint) {
        self.id = id; self.name = name; self.area = area; self.location = location
    }
}

/// A neighbourhood beat within an area.
public struct Beat: Hashable, Codable, Sendable, Identifiable {
    public var id: BeatID
    public var name: String
    public var area: AreaID
    public var station: StationID
    public var centre: GeoPoint
    public var rural: Bool
    public init(id: BeatID, name: String, area: AreaID, station: StationID, centre: GeoPoint, rural: Bool = false) {
        self.id = id; self.name = name; self.area = area; self.station = station; self.centre = centre;
        self.rural = rural
    }
}
