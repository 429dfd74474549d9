/// A uniform grid over the force holding free units (no incident, on duty), so a recommendation looks only at nearby cells.
/// Units are held by their slot in `DispatchState.units`, which never reorders (units are only ever appended).
public struct UnitIndex: Sendable {
    /// Grid cell edge in kilometres.
    public let cellKm: Double
    let originLat: Double, originLon: Double
    let kmPerDegLat: Double, kmPerDegLon: Double
    let cols: Int, rows: Int
    /// Each cell's units with where they are, in no particular order (removal swaps the last one in). The position is
    /// kept here so a search can rule out a unit too far away without reading the unit itself.
    var cells: [[Spot]]
    /// Per slot: the flat key of its cell and its place there, or -1 when the unit is not held.
    var cellOf: [Int32] = []
    var placeInCell: [Int32] = []
    /// Units per block of `blockSide`² cells, so a search far from any free unit skips empty ground a block at a time.
    var blockCounts: [Int32]
    let blockCols: Int
    static let blockSide = 8

    /// A held unit: its slot in `DispatchState.units` and its position.
    struct Spot: Sendable {
        var slot: Int32
        var position: GeoPoint
    }
    /// Free, deployable response units per working area, for the coverage rule.
    public private(set) var freeResponse: [AreaID: Int] = [:]
    public private(set) var count = 0

    init(force: Force, cellKm: Double = 2) {
        let box = force.bounds
        originLat = box.minLat
        originLon = box.minLon
        kmPerDegLat = 110.574
        kmPerDegLon = 111.320 * cosDeg(box.centre.lat)
        let widthKm = (box.maxLon - box.minLon) * kmPerDegLon, heightKm = (box.maxLat - box.minLat) * kmPerDegLat
        // At most about four million cells, however wide the force: a snapshot or force file cannot make the grid
        // allocate without bound.
        let area = widthKm * heightKm
        self.cellKm = area.isFinite && area > 0 ? max(cellKm, (area / Double(1 << 22)).squareRoot()) : cellKm
        cols = max(1, clampedIndex((widthKm / self.cellKm).rounded(.up), 1 << 22))
        rows = max(1, clampedIndex((heightKm / self.cellKm).rounded(.up), 1 << 22))
        // The grid is bounded by the force's box, so cells live in a flat array: no hashing to find one.
        cells = Array(repeating: [], count: cols * rows)
        blockCols = (cols + Self.blockSide - 1) / Self.blockSide
        blockCounts = Array(repeating: 0, count: blockCols * ((rows + Self.blockSide - 1) / Self.blockSide))
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
        let col = clampedIndex((x / cellKm).rounded(.down), cols)
        let row = clampedIndex((y / cellKm).rounded(.down), rows)
        return (col, row)
    }

    func block(_ key: Int) -> Int {
        (key / cols) / Self.blockSide * blockCols + (key % cols) / Self.blockSide
    }

    mutating func insert(_ u: PoliceUnit, slot: Int) {
        insert(slot: slot, position: u.position, status: u.status, free: u.incident == nil, type: u.type, area: u.area)
    }

    // Field-wise forms, so callers holding a unit in place need not copy it.
    mutating func insert(
        slot: Int, position: GeoPoint, status: UnitStatus, free: Bool, type: UnitType, area: @autoclosure () -> AreaID
    ) {
        guard free && (status.isDeployable || status == .refreshment) else { return }
        let c = cell(position)
        let key = c.row * cols + c.col
        if slot >= cellOf.count {
            cellOf.append(contentsOf: repeatElement(-1, count: slot + 1 - cellOf.count))
            placeInCell.append(contentsOf: repeatElement(-1, count: slot + 1 - placeInCell.count))
        }
        guard cellOf[slot] < 0 else { return }
        cellOf[slot] = Int32(key)
        placeInCell[slot] = Int32(cells[key].count)
        cells[key].append(Spot(slot: Int32(slot), position: position))
        blockCounts[block(key)] += 1
        count += 1
        if type == .response && status.isDeployable { freeResponse[area(), default: 0] += 1 }
    }

    // The index knows the unit's cell, so unlike `insert` it needs no position.
    mutating func remove(slot: Int, status: UnitStatus, free: Bool, type: UnitType, area: @autoclosure () -> AreaID) {
        guard free && (status.isDeployable || status == .refreshment) else { return }
        guard slot < cellOf.count, cellOf[slot] >= 0 else { return }
        let key = Int(cellOf[slot]), place = Int(placeInCell[slot])
        let last = cells[key].removeLast()
        if Int(last.slot) != slot {
            cells[key][place] = last
            placeInCell[Int(last.slot)] = Int32(place)
        }
        cellOf[slot] = -1
        placeInCell[slot] = -1
        blockCounts[block(key)] -= 1
        count -= 1
        if type == .response && status.isDeployable {
            let a = area()
            freeResponse[a, default: 0] -= 1
            if freeResponse[a] == 0 { freeResponse[a] = nil }
        }
    }

    /// Units in the ring of cells exactly `ring` steps from the centre cell; empty blocks are stepped over whole.
    func ring(_ ring: Int, around centre: (col: Int, row: Int), _ body: (Spot) -> Void) {
        if ring == 0 {
            for spot in cells[centre.row * cols + centre.col] { body(spot) }
            return
        }
        // Top and bottom rows, then the left and right columns between them.
        line(centre.row - ring, from: centre.col - ring, to: centre.col + ring, alongRow: true, body)
        line(centre.row + ring, from: centre.col - ring, to: centre.col + ring, alongRow: true, body)
        line(centre.col - ring, from: centre.row - ring + 1, to: centre.row + ring - 1, alongRow: false, body)
        line(centre.col + ring, from: centre.row - ring + 1, to: centre.row + ring - 1, alongRow: false, body)
    }

    /// Walks the cells from `a` to `b` along row `fixed` (or column `fixed`), stepping over empty blocks whole.
    private func line(_ fixed: Int, from a: Int, to b: Int, alongRow: Bool, _ body: (Spot) -> Void) {
        let (fixedLimit, movingLimit) = alongRow ? (rows, cols) : (cols, rows)
        guard fixed >= 0, fixed < fixedLimit else { return }
        var m = max(a, 0)
        let end = min(b, movingLimit - 1)
        let side = Self.blockSide
        while m <= end {
            let key = alongRow ? fixed * cols + m : m * cols + fixed
            if blockCounts[block(key)] == 0 {
                m = (m / side + 1) * side
                continue
            }
            for spot in cells[key] { body(spot) }
            m += 1
        }
    }

    /// The ring that reaches every cell from anywhere in the grid.
    var maxRing: Int { max(cols, rows) }

    /// Each held slot and its cell: what the index holds, whatever order its cells were filled in.
    var held: [(slot: Int, cell: Int32)] {
        cellOf.enumerated().compactMap { $0.element >= 0 ? ($0.offset, $0.element) : nil }
    }
}

// Two indexes are equal when they hold the same units in the same cells: the order within a cell depends on the order
// units came and went, and a state rebuilt from a snapshot must still equal the live one.
extension UnitIndex: Hashable {
    public static func == (a: UnitIndex, b: UnitIndex) -> Bool {
        a.cellKm == b.cellKm && a.cols == b.cols && a.rows == b.rows && a.originLat == b.originLat
            && a.originLon == b.originLon
            && a.count == b.count && a.freeResponse == b.freeResponse && a.held.elementsEqual(b.held) { $0 == $1 }
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        hasher.combine(freeResponse)
        for h in held { hasher.combine(h.slot); hasher.combine(h.cell) }
    }
}

/// `v` as an index into `count` places, clamped to 0..<count; NaN and infinities clamp too, where `Int(v)` would trap.
@inline(__always)
func clampedIndex(_ v: Double, _ count: Int) -> Int {
    guard v > 0 else { return 0 }
    guard v < Double(count - 1) else { return max(0, count - 1) }
    return Int(v)
}
