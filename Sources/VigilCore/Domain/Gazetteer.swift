/// How exactly a looked-up location is known: the screen says which, so nobody mistakes a street for a door.
public enum LocationAccuracy: String, Hashable, Codable, Sendable {
    /// A held address (a UPRN where the force has them).
    case address
    /// A point on the street: the house number is not held, or none was given.
    case street
    /// A named place: a station, a hospital, a shopping centre.
    case place
}

/// One thing the gazetteer can find: a street (a line), a named place (a point) or a held address (a point).
public struct GazetteerEntry: Hashable, Codable, Sendable {
    public enum Kind: String, Hashable, Codable, Sendable { case street, place, address }

    public var kind: Kind
    /// The street or place name, e.g. "Colmore Row" or "Birmingham New Street station".
    public var name: String
    /// The district it is in, e.g. "City Centre" or "Brownhills"; it helps a search but is not required.
    public var locality: String
    public var area: AreaID
    /// A street's line from one end to the other; one point for a place or an address.
    public var points: [GeoPoint]
    /// A held address's house number or name, e.g. "10" or "10A".
    public var number: String?
    /// The Unique Property Reference Number, where the force has one.
    public var uprn: Int64?
    /// The lowest and highest house numbers along a street, first point to last, when known.
    public var numbers: ClosedRange<Int>?
    /// Other names it is known by, e.g. "New Street station".
    public var aliases: [String]

    public init(
        kind: Kind, name: String, locality: String = "", area: AreaID, points: [GeoPoint], number: String? = nil,
        uprn: Int64? = nil, numbers: ClosedRange<Int>? = nil, aliases: [String] = []
    ) {
        self.kind = kind; self.name = name; self.locality = locality; self.area = area; self.points = points
        self.number = number; self.uprn = uprn; self.numbers = numbers; self.aliases = aliases
    }

    /// How the entry is written in an incident's address, e.g. "Colmore Row, City Centre".
    public var label: String {
        let head = number.map { "\($0) \(name)" } ?? name
        return locality.isEmpty ? head : "\(head), \(locality)"
    }

    /// Where house `n` is along the street: by the numbers when the street has them, otherwise its middle.
    public func point(forNumber n: Int?) -> GeoPoint {
        guard points.count > 1 else { return points.first ?? GeoPoint(lat: 0, lon: 0) }
        var fraction = 0.5
        if let n, let range = numbers, range.upperBound > range.lowerBound {
            fraction = min(1, max(0, Double(n - range.lowerBound) / Double(range.upperBound - range.lowerBound)))
        }
        return GeoPolyline(points).point(atFraction: fraction)
    }
}

/// A line of positions, e.g. a street from one end to the other.
struct GeoPolyline {
    var points: [GeoPoint]
    init(_ points: [GeoPoint]) { self.points = points }

    /// The point `fraction` of the way along, by length.
    func point(atFraction fraction: Double) -> GeoPoint {
        let legs = zip(points, points.dropFirst()).map { $0.distanceKm(to: $1) }
        let total = legs.reduce(0, +)
        guard total > 0 else { return points[0] }
        var left = fraction * total
        for (i, leg) in legs.enumerated() {
            if left <= leg || i == legs.count - 1 {
                let t = leg > 0 ? min(1, left / leg) : 0
                let a = points[i], b = points[i + 1]
                return GeoPoint(lat: a.lat + (b.lat - a.lat) * t, lon: a.lon + (b.lon - a.lon) * t)
            }
            left -= leg
        }
        return points[points.count - 1]
    }
}
