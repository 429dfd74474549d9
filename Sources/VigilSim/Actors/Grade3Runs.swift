import VigilCore

/// Units the simulator sent to grade 3 jobs and that are not there yet (the ones a grade 1 may take), filed by a
/// coarse cell of where they were sent from: a grade 1 looks only at the cells around it, so a diversion costs the
/// same however big the force is, where a scan of every such unit grew with it.
struct Grade3Runs {
    private(set) var jobs: [Callsign: (ref: IncidentRef, cell: Cell)] = [:]
    private var cells: [Cell: [Callsign]] = [:]

    struct Cell: Hashable { var row: Int32, col: Int32 }
    /// About 10 km each way in England: a diversion from further than the next cell would come too late anyway.
    static let cellDegrees = (lat: 0.09, lon: 0.15)

    static func cell(_ p: GeoPoint) -> Cell {
        func index(_ v: Double) -> Int32 {
            Int32(clamping: Int(v.isFinite ? max(-1e9, min(1e9, v.rounded(.down))) : 0))
        }
        return Cell(row: index(p.lat / cellDegrees.lat), col: index(p.lon / cellDegrees.lon))
    }

    var isEmpty: Bool { jobs.isEmpty }

    mutating func insert(_ cs: Callsign, to ref: IncidentRef, from position: GeoPoint) {
        remove(cs)
        let cell = Self.cell(position)
        jobs[cs] = (ref, cell)
        cells[cell, default: []].append(cs)
    }

    mutating func remove(_ cs: Callsign) {
        guard let (_, cell) = jobs.removeValue(forKey: cs), var list = cells[cell] else { return }
        if let i = list.firstIndex(of: cs) { list.swapAt(i, list.count - 1); list.removeLast() }
        cells[cell] = list.isEmpty ? nil : list
    }

    /// The units filed in the 3×3 cells around `p`, each with its job.
    func near(_ p: GeoPoint) -> [(cs: Callsign, ref: IncidentRef)] {
        let c = Self.cell(p)
        var out: [(cs: Callsign, ref: IncidentRef)] = []
        for dr in Int32(-1)...1 {
            for dc in Int32(-1)...1 {
                for cs in cells[Cell(row: c.row &+ dr, col: c.col &+ dc)] ?? [] {
                    if let job = jobs[cs] { out.append((cs, job.ref)) }
                }
            }
        }
        return out
    }
}
