import VigilCore

/// The lists the panels show, worked out from the state the same way for rendering and for key handling.
public enum Lists {
    /// Open incidents in the order chosen: by need of action (the default) or by grade. Only those in `areas` when
    /// given (a dispatcher's desks), and those matching `filter` (`/` on the list).
    public static func incidents(
        _ s: DispatchState, in areas: Set<AreaID>? = nil, now: Instant, order: IncidentSort = .needsAction,
        filter: String = ""
    ) -> [IncidentRef] {
        var keys: [(ActionOrder, IncidentRef)] = []
        keys.reserveCapacity(s.openIncidents.count)
        eachIncident(s, in: areas, now: now, order: order, filter: filter) { keys.append(($0, $1)) }
        return keys.sorted { $0.0 < $1.0 }.map(\.1)
    }

    /// The first of `incidents(s, in:now:order:filter:)`, found without sorting.
    public static func firstIncident(
        _ s: DispatchState, in areas: Set<AreaID>? = nil, now: Instant, order: IncidentSort = .needsAction,
        filter: String = ""
    ) -> IncidentRef? {
        var best: (ActionOrder, IncidentRef)?
        eachIncident(s, in: areas, now: now, order: order, filter: filter) { key, ref in
            if best.map({ key < $0.0 }) ?? true { best = (key, ref) }
        }
        return best?.1
    }

    /// Every open incident the list shows, with its place in the order.
    static func eachIncident(
        _ s: DispatchState, in areas: Set<AreaID>?, now: Instant, order: IncidentSort, filter: String,
        _ body: (ActionOrder, IncidentRef) -> Void
    ) {
        let words = filterWords(filter)
        for ref in s.openIncidents {
            guard let i = s.incidents[ref], areas.map({ $0.contains(i.area) }) ?? true else { continue }
            if !words.isEmpty, !matches(i, words, s) { continue }
            body(order == .grade ? ActionOrder(byGrade: i) : ActionOrder(i, s, now: now), ref)
        }
    }

    /// The words of a `/` filter, lower case.
    static func filterWords(_ filter: String) -> [String] { filter.lowercased().split(separator: " ").map(String.init) }

    /// Whether every word is found in the incident's number, category, address, area or units (`/` on the list).
    static func matches(_ i: Incident, _ words: [String], _ s: DispatchState) -> Bool {
        let hay =
            [
                i.ref.short, i.ref.description.lowercased(), i.opening.description, i.address.lowercased(),
                i.area, (s.force.area(i.area)?.name ?? "").lowercased(), "g\(i.grade.rawValue)",
            ] + i.units.map { $0.lowercased() }
        return words.allSatisfy { w in hay.contains { $0.contains(w) } }
    }

    /// Contacts waiting, in the order they will be answered (`QueueOrder`: 999, then 101, then online; oldest first).
    public static func queue(_ s: DispatchState) -> [Contact] {
        s.waitingContacts.compactMap { s.contacts[$0] }.sorted { QueueOrder($0) < QueueOrder($1) }
    }

    /// Units on duty, by area then callsign, narrowed by a filter: words match area, type, status or callsign.
    public static func units(_ s: DispatchState, filter: String) -> [Callsign] {
        let words = filterWords(filter)
        var keep: [(area: AreaID, callsign: Callsign)] = []
        keep.reserveCapacity(s.units.count)
        for u in s.units.values {
            guard u.status != .offDuty || words.contains("off") else { continue }
            if !words.isEmpty {
                let hay = [
                    u.callsign.lowercased(), u.area.lowercased(), (s.force.area(u.area)?.name ?? "").lowercased(),
                    u.type.label,
                    u.status.code.lowercased(), u.status.label,
                ]
                guard words.allSatisfy({ w in hay.contains { $0.hasPrefix(w) } }) else { continue }
            }
            keep.append((u.area, u.callsign))
        }
        return keep.sorted { ($0.area, $0.callsign) < ($1.area, $1.callsign) }.map(\.callsign)
    }
}
