/// A uniform grid over the force holding free units (no incident, on duty), so a recommendation looks only at nearby cells.
/// Units are held by their slot in `DispatchState.units`, which never reorders (units are only ever appended).
public struct UnitIndex: Hashable, Sendable {
    /// Grid cell edge in kilometres.
    public let cellKm: Double
    let originLat: Double, originLon: Double
    let kmPerDegLat: Double, kmPerDegLon: Double
    let cols: Int, rows: Int
    var cells: [Int64: Set<Int32>] = [:]
    /// Free, deployable response units per working area, for the coverage rule.
    public private(set) var freeResponse: [AreaID: Int] = [:]
    public private(set) var count = 0

    init(force: Force, cellKm: Double = 2) {
        let box = force.bounds
        self.cellKm = cellKm
        originLat = box.minLat
        originLon = box.minLon
        kmPerDegLat = 110.574
        kmPerDegLon = 111.320 * cosDeg(box.centre.lat)
        cols = max(1, Int(((box.maxLon - box.minLon) * kmPerDegLon / cellKm).rounded(.up)))
        rows = max(1, Int(((box.maxLat - box.minLat) * kmPerDegLat / cellKm).rounded(.up)))
    }

    /// Whether a unit belongs in the index: free of incidents and able to be called on.
    static func holds(_ u: PoliceUnit) -> Bool {
        u.incident == nil && (u.status.isDeployable || u.status == .refreshment)
    }

    /// Planar kilometres from the grid origin.
    func planar(_ p: GeoPoint) -> (x: Double, y: Double) {
        ((p.lon - originLon) * kmPerDegLon, (p.lat - originLat) * kmPerDegLat)
    }

    /// Fast planar distance, accurate to well under 1% across a county.
    public func distanceKm(_ a: GeoPoint, _ b: GeoPoint) -> Double {
        let dx = (a.lon - b.lon) * kmPerDegLon, dy = (a.lat - b.lat) * kmPerDegLat
        return (dx * dx + dy * dy).squareRoot()
    }

    func cell(_ p: GeoPoint) -> (col: Int, row: Int) {
        let (x, y) = planar(p)
        // Units beyond the force's box sit in the edge cells, so the ring search always ends.
        let col = min(max(Int((x / cellKm).rounded(.down)), 0), cols - 1)
        let row = min(max(Int((y / cellKm).rounded(.down)), 0), rows - 1)
        return (col, row)
    }

    static func key(_ col: Int, _ row: Int) -> Int64 { Int64(row) << 32 | Int64(UInt32(bitPattern: Int32(truncatingIfNeeded: col))) }

    mutating func insert(_ u: PoliceUnit, slot: Int) {
        guard Self.holds(u) else { return }
        let c = cell(u.position)
        cells[Self.key(c.col, c.row), default: []].insert(Int32(slot))
        count += 1
        if u.type == .response && u.status.isDeployable { freeResponse[u.area, default: 0] += 1 }
    }

    mutating func remove(_ u: PoliceUnit, slot: Int) {
        guard Self.holds(u) else { return }
        let c = cell(u.position)
        let k = Self.key(c.col, c.row)
        cells[k]?.remove(Int32(slot))
        if cells[k]?.isEmpty == true { cells[k] = nil }
        count -= 1
        if u.type == .response && u.status.isDeployable {
            freeResponse[u.area, default: 0] -= 1
            if freeResponse[u.area] == 0 { freeResponse[u.area] = nil }
        }
    }

    /// Units in the ring of cells exactly `ring` steps from the centre cell.
    func ring(_ ring: Int, around centre: (col: Int, row: Int), _ body: (Int32) -> Void) {
        if ring == 0 {
            cells[Self.key(centre.col, centre.row)]?.forEach(body)
            return
        }
        for dc in -ring...ring {
            cells[Self.key(centre.col + dc, centre.row - ring)]?.forEach(body)
            cells[Self.key(centre.col + dc, centre.row + ring)]?.forEach(body)
        }
        for dr in (-ring + 1)..<ring {
            cells[Self.key(centre.col - ring, centre.row + dr)]?.forEach(body)
            cells[Self.key(centre.col + ring, centre.row + dr)]?.forEach(body)
        }
    }

    /// The ring that reaches every cell from anywhere in the grid.
    var maxRing: Int { max(cols, rows) }
}
