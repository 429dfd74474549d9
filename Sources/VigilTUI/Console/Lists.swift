import VigilCore

/// The lists the panels show, worked out from the state the same way for rendering and for key handling.
public enum Lists {
    /// Open incidents, most urgent grade first, then oldest. Sorted on small keys, not whole incidents: this runs
    /// every frame over hundreds of them.
    public static func incidents(_ s: DispatchState) -> [IncidentRef] {
        s.openIncidents.compactMap { ref in s.incidents[ref].map { (key: ($0.grade.rawValue, $0.createdAt.seconds, $0.ref.day, $0.ref.number), ref: ref) } }
            .sorted { $0.key < $1.key }.map(\.ref)
    }

    /// The first of `incidents(s)`, found without sorting.
    public static func firstIncident(_ s: DispatchState) -> IncidentRef? {
        var best: (key: (Int, Int64, Int, Int), ref: IncidentRef)?
        for ref in s.openIncidents {
            guard let i = s.incidents[ref] else { continue }
            let key = (i.grade.rawValue, i.createdAt.seconds, ref.day, ref.number)
            if best == nil || key < best!.key { best = (key, ref) }
        }
        return best?.ref
    }

    /// Contacts waiting, in the order they will be answered (999, then 101, then online; oldest first).
    public static func queue(_ s: DispatchState) -> [Contact] {
        s.waitingContacts.compactMap { s.contacts[$0] }.sorted { ($0.channel.priority, $0.receivedAt, $0.id.value) < ($1.channel.priority, $1.receivedAt, $1.id.value) }
    }

    /// Units on duty, by area then callsign, narrowed by a filter: words match area, type, status or callsign.
    public static func units(_ s: DispatchState, filter: String) -> [Callsign] {
        let words = filter.lowercased().split(separator: " ").map(String.init)
        var keep: [(area: AreaID, callsign: Callsign)] = []
        keep.reserveCapacity(s.units.count)
        for u in s.units.values {
            guard u.status != .offDuty || words.contains("off") else { continue }
            if !words.isEmpty {
                let hay = [u.callsign.lowercased(), u.area.lowercased(), (s.force.area(u.area)?.name ?? "").lowercased(), u.type.label,
                           u.status.code.lowercased(), u.status.label]
                guard words.allSatisfy({ w in hay.contains { $0.hasPrefix(w) } }) else { continue }
            }
            keep.append((u.area, u.callsign))
        }
        return keep.sorted { ($0.area, $0.callsign) < ($1.area, $1.callsign) }.map(\.callsign)
    }
}
