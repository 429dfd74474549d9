/// The TOML layout of a force file, decoded as written; `ForceLoader` checks it and builds the domain values.
struct ForceFile: Decodable {
    struct Header: Decodable {
        var code: String
        var name: String
        var road_factor: Number?
    }
    struct AreaEntry: Decodable {
        var id: String
        var name: String
        var population: Int?
        var km2: Number?
        var centre: [Number]
        var setting: String?
        var speed_kmh: Number?
        var outline: [[Number]]
        var rural_zones: [[[Number]]]?
    }
    struct StationEntry: Decodable {
        var id: String
        var name: String
        var area: String
        var at: [Number]
    }
    struct BeatEntry: Decodable {
        var id: String
        var name: String
        var area: String
        var station: String
        var centre: [Number]
        var rural: Bool?
    }
    struct UnitEntry: Decodable {
        var callsign: String
        var type: String
        var station: String
        var beat: String?
        var skills: [String]?
        var crew: Int?
        var status: String?
    }
    struct FlagEntry: Decodable {
        var kind: String
        var address: String
        var at: [Number]
        var note: String?
        var expires: String?
    }
    struct OperatorEntry: Decodable {
        var id: String
        var name: String
        var role: String
    }

    var force: Header
    var areas: [AreaEntry]
    var stations: [StationEntry]
    var beats: [BeatEntry]?
    var units: [UnitEntry]
    var flags: [FlagEntry]?
    var operators: [OperatorEntry]?
}

/// A TOML number written as an integer or a float (`40` or `40.0`).
/// A TOML number written either as an integer or with a decimal point.
public struct Number: Decodable, Hashable, Sendable {
    public var value: Double
    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let d = try? c.decode(Double.self) { value = d } else { value = Double(try c.decode(Int.self)) }
    }
}
