/// A uniform grid over the force holding free units (no incident, on duty), so a recommendation looks only at nearby cells.
/// Units are held by their slot in `DispatchState.units`, which never reorders (units are only ever appended).
public struct UnitIndex: Hashable, Sendable {
    /// Grid cell edge in kilometres.
    public let cellKm: Double
    let originLat: Double, originLon: Double
    let kmPerDegLat: Double, kmPerDegLon: Double
    let cols: Int, rows: Int
    var cells: [Set<Int32>]
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
        // The grid is bounded by the force's box, so cells live in a flat array: no hashing to find one.
        cells = Array(repeating: [], count: cols * rows)
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

    /// The flat index of a cell, or nil outside the grid.
    func key(_ col: Int, _ row: Int) -> Int? {
        guard col >= 0, col < cols, row >= 0, row < rows else { return nil }
        return row * cols + col
    }

    func forEach(inCell col: Int, _ row: Int, _ body: (Int32) -> Void) {
        if let k = key(col, row) { cells[k].forEach(body) }
    }

    mutating func insert(_ u: PoliceUnit, slot: Int) {
        insert(slot: slot, position: u.position, status: u.status, free: u.incident == nil, type: u.type, area: u.area)
    }

    // Field-wise forms, so callers holding a unit in place need not copy it.
    mutating func insert(slot: Int, position: GeoPoint, status: UnitStatus, free: Bool, type: UnitType, area: @autoclosure () -> AreaID) {
        guard free && (status.isDeployable || status == .refreshment) else { return }
        let c = cell(position)
        cells[c.row * cols + c.col].insert(Int32(slot))
        count += 1
        if type == .response && status.isDeployable { freeResponse[area(), default: 0] += 1 }
    }

    mutating func remove(slot: Int, position: GeoPoint, status: UnitStatus, free: Bool, type: UnitType, area: @autoclosure () -> AreaID) {
        guard free && (status.isDeployable || status == .refreshment) else { return }
        let u = (position: position, type: type, status: status, area: area())
        let c = cell(u.position)
        cells[c.row * cols + c.col].remove(Int32(slot))
        count -= 1
        if u.type == .response && u.status.isDeployable {
            freeResponse[u.area, default: 0] -= 1
            if freeResponse[u.area] == 0 { freeResponse[u.area] = nil }
        }
    }

    /// Units in the ring of cells exactly `ring` steps from the centre cell.
    func ring(_ ring: Int, around centre: (col: Int, row: Int), _ body: (Int32) -> Void) {
        if ring == 0 {
            forEach(inCell: centre.col, centre.row, body)
            return
        }
        for dc in -ring...ring {
            forEach(inCell: centre.col + dc, centre.row - ring, body)
            forEach(inCell: centre.col + dc, centre.row + ring, body)
        }
        for dr in (-ring + 1)..<ring {
            forEach(inCell: centre.col - ring, centre.row + dr, body)
            forEach(inCell: centre.col + ring, centre.row + dr, body)
        }
    }

    /// The ring that reaches every cell from anywhere in the grid.
    var maxRing: Int { max(cols, rows) }
}
