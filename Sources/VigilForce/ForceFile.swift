/// The TOML layout of a force file, decoded as written; `ForceLoader` checks it and builds the domain values.
struct ForceFile: Decodable {
    struct Header: Decodable {
        var code: String
        var name: String
        var roadFactor: Number?

        enum CodingKeys: String, CodingKey { case code, name, roadFactor = "road_factor" }
    }
    struct AreaEntry: Decodable {
        var id: String
        var name: String
        var population: Whole?
        var km2: Number?
        var centre: [Number]
        var setting: String?
        var speedKmh: Number?
        var outline: [[Number]]
        var ruralZones: [[[Number]]]?

        enum CodingKeys: String, CodingKey {
            case id, name, population, km2, centre, setting, speedKmh = "speed_kmh", outline, ruralZones = "rural_zones"
        }
    }
    struct DeskEntry: Decodable {
        var id: String
        var name: String
        var areas: [String]
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
        var crew: Whole?
        var status: String?
    }
    struct FlagEntry: Decodable {
        var kind: String
        var address: String
        var at: [Number]
        var note: String?
        var expires: String?
    }
    /// A neighbouring force's units that may be lent under mutual aid.
    struct AidEntry: Decodable {
        var id: String
        var name: String
        var prefix: String
        var units: Whole
        var station: String
    }
    /// A street of the gazetteer: its line from one end to the other.
    struct StreetEntry: Decodable {
        var name: String
        var area: String
        var locality: String?
        var line: [[Number]]
        var numbers: [Whole]?
        var aliases: [String]?
    }
    /// A named place of the gazetteer (a station, a hospital), or a held address when it has a `number`.
    struct PlaceEntry: Decodable {
        var name: String
        var area: String
        var locality: String?
        var at: [Number]
        var aliases: [String]?
        var number: String?
        var uprn: Whole?
    }
    struct OperatorEntry: Decodable {
        var id: String
        var name: String
        var role: String
    }

    var force: Header
    var areas: [AreaEntry]
    var desks: [DeskEntry]?
    var stations: [StationEntry]
    var beats: [BeatEntry]?
    var units: [UnitEntry]
    var flags: [FlagEntry]?
    var operators: [OperatorEntry]?
    var mutualAid: [AidEntry]?
    var streets: [StreetEntry]?
    var places: [PlaceEntry]?
    var addresses: [PlaceEntry]?

    enum CodingKeys: String, CodingKey {
        case force, areas, desks, stations, beats, units, flags, operators, mutualAid = "mutual_aid", streets, places,
            addresses
    }
}

/// A finite TOML number written either as an integer or with a decimal point; `inf` and `nan` are refused here, so
/// no checker downstream ever sees one.
public struct Number: Decodable, Hashable, Sendable {
    public var value: Double
    public init(_ value: Double) { self.value = value }
    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let d = try? c.decode(Double.self) {
            guard d.isFinite else {
                throw DecodingError.dataCorrupted(
                    .init(codingPath: decoder.codingPath, debugDescription: "expected a finite number, found \(d)"))
            }
            value = d
        } else if let i = try? c.decode(Int.self) {
            value = Double(i)
        } else {
            let found =
                (try? c.decode(String.self)).map { _ in "text" }
                ?? ((try? c.decode(Bool.self)).map { _ in "true or false" } ?? "something else")
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "expected a number, found \(found)"))
        }
    }
}

/// A TOML whole number; anything else is refused by name ("expected a whole number, found text"), where the
/// decoder would otherwise call the field missing.
public struct Whole: Decodable, Hashable, Sendable {
    public var value: Int
    public init(_ value: Int) { self.value = value }
    public init(from decoder: Decoder) throws {
        let c = try decoder.singleValueContainer()
        if let i = try? c.decode(Int.self) { value = i; return }
        let found: String
        if let d = try? c.decode(Double.self) {
            found = d.isFinite ? "\(d.plain), with a fraction" : "\(d)"
        } else if (try? c.decode(String.self)) != nil {
            found = "text"
        } else if (try? c.decode(Bool.self)) != nil {
            found = "true or false"
        } else {
            found = "something else"
        }
        throw DecodingError.dataCorrupted(
            .init(codingPath: decoder.codingPath, debugDescription: "expected a whole number, found \(found)"))
    }
}

extension Double {
    /// The number as a person would write it: `40`, not `40.0`; `1e+308` stays as Swift prints it.
    public var plain: String {
        if isFinite, self == rounded(), abs(self) < 1e15 { return String(Int64(self)) }
        return description
    }
}
