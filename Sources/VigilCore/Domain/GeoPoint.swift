#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// A WGS84 position in decimal degrees.
public struct GeoPoint: Hashable, Codable, Sendable, CustomStringConvertible {
    public var lat: Double
    public var lon: Double
    public init(lat: Double, lon: Double) { self.lat = lat; self.lon = lon }

    /// Whether this is a place on Earth: latitude within ±90°, longitude within ±180°, neither NaN nor infinite.
    public var isOnEarth: Bool { (-90...90).contains(lat) && (-180...180).contains(lon) }

    /// Great-circle distance in kilometres (haversine; exact enough for a county).
    public func distanceKm(to other: GeoPoint) -> Double {
        let r = 6371.0088
        let dLat = (other.lat - lat) * .pi / 180
        let dLon = (other.lon - lon) * .pi / 180
        let a = sinHalfSquared(dLat) + cosDeg(lat) * cosDeg(other.lat) * sinHalfSquared(dLon)
        return 2 * r * asinApprox(min(1, a.squareRoot()))
    }

    public var description: String { "\(round5(lat)),\(round5(lon))" }
}

/// A closed polygon of positions, used for area outlines and rural zones.
public struct GeoPolygon: Hashable, Codable, Sendable {
    public var points: [GeoPoint]
    public init(_ points: [GeoPoint]) { self.points = points }

    /// Even-odd rule point-in-polygon test in degree space (fine at county scale).
    public func contains(_ p: GeoPoint) -> Bool {
        guard points.count >= 3 else { return false }
        var inside = false
        var j = points.count - 1
        for i in points.indices {
            let a = points[i], b = points[j]
            if (a.lat > p.lat) != (b.lat > p.lat) {
                let x = (b.lon - a.lon) * (p.lat - a.lat) / (b.lat - a.lat) + a.lon
                if p.lon < x { inside.toggle() }
            }
            j = i
        }
        return inside
    }

    /// The smallest box around the polygon.
    public var bounds: GeoBox { GeoBox(covering: points) }
}

/// A latitude/longitude rectangle.
public struct GeoBox: Hashable, Codable, Sendable {
    public var minLat: Double, maxLat: Double, minLon: Double, maxLon: Double
    public init(minLat: Double, maxLat: Double, minLon: Double, maxLon: Double) {
        (self.minLat, self.maxLat, self.minLon, self.maxLon) = (minLat, maxLat, minLon, maxLon)
    }
    public init(covering points: [GeoPoint]) {
        self.init(
            minLat: points.map(\.lat).min() ?? 0, maxLat: points.map(\.lat).max() ?? 0,
            minLon: points.map(\.lon).min() ?? 0, maxLon: points.map(\.lon).max() ?? 0)
    }
    public func union(_ o: GeoBox) -> GeoBox {
        GeoBox(
            minLat: min(minLat, o.minLat), maxLat: max(maxLat, o.maxLat),
            minLon: min(minLon, o.minLon), maxLon: max(maxLon, o.maxLon))
    }
    public var centre: GeoPoint { GeoPoint(lat: (minLat + maxLat) / 2, lon: (minLon + maxLon) / 2) }
}

func cosDeg(_ deg: Double) -> Double { cos(deg * .pi / 180) }

func sinHalfSquared(_ x: Double) -> Double { let s = sin(x / 2); return s * s }

func asinApprox(_ x: Double) -> Double { asin(x) }

func round5(_ x: Double) -> Double { (x * 100_000).rounded() / 100_000 }
