/// A dispatch desk's identifier, e.g. `black-country`.
public typealias DeskID = String

/// A dispatch desk: a named group of areas that one dispatcher works, as control rooms split a force.
public struct Desk: Hashable, Codable, Sendable, Identifiable {
    public var id: DeskID
    public var name: String
    /// The areas the desk works; an area is on one desk at most.
    public var areas: [AreaID]

    public init(id: DeskID, name: String, areas: [AreaID]) {
        self.id = id; self.name = name; self.areas = areas
    }
}

extension Force {
    /// The desk with this id.
    public func desk(_ id: DeskID) -> Desk? { desks.first { $0.id == id } }

    /// What a desk is called on screen: its name, or its id when the force no longer has it.
    public func deskName(_ id: DeskID) -> String { desk(id)?.name ?? id }

    /// The desk that works `area`, or nil when no desk does (and for places outside the force).
    public func desk(forArea area: AreaID) -> Desk? {
        desks.first { $0.areas.contains(area) }
    }

    /// A box around the named areas, or nil when none is the force's.
    public func bounds(of ids: Set<AreaID>) -> GeoBox? {
        areas.filter { ids.contains($0.id) }.map(\.outline.bounds).reduce(nil) { box, b in box.map { $0.union(b) } ?? b
        }
    }

    /// The desk named by id or name, ignoring case: what a dispatcher types after `desk`.
    public func desk(named text: String) -> Desk? {
        let t = text.lowercased()
        return desks.first { $0.id.lowercased() == t } ?? desks.first { $0.name.lowercased() == t }
    }
}

extension DispatchState {
    /// The desks `op` holds, in the force's order.
    public func desks(heldBy op: OperatorID) -> [Desk] {
        force.desks.filter { deskHolders[$0.id] == op }
    }

    /// Who holds the desk that works `area`: nil when no person does, so the simulator (if any) works it.
    public func holder(ofArea area: AreaID) -> OperatorID? {
        force.desk(forArea: area).flatMap { deskHolders[$0.id] }
    }
}
