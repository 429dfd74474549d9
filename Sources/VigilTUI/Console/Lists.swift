import VigilCore

/// The lists the panels show, worked out from the state the same way for rendering and for key handling.
public enum Lists {
    /// Open incidents, most urgent grade first, then oldest.
    public static func incidents(_ s: DispatchState) -> [Incident] {
        s.openIncidents.compactMap { s.incidents[$0] }.sorted { ($0.grade, $0.createdAt, $0.ref) < ($1.grade, $1.createdAt, $1.ref) }
    }

    /// Contacts waiting, in the order they will be answered (999, then 101, then online; oldest first).
    public static func queue(_ s: DispatchState) -> [Contact] {
        s.waitingContacts.compactMap { s.contacts[$0] }.sorted { ($0.channel.priority, $0.receivedAt, $0.id.value) < ($1.channel.priority, $1.receivedAt, $1.id.value) }
    }

    /// Units on duty, by area then callsign, narrowed by a filter: words match area, type, status or callsign.
    public static func units(_ s: DispatchState, filter: String) -> [PoliceUnit] {
        let words = filter.lowercased().split(separator: " ").map(String.init)
        return s.units.values.filter { u in
            guard u.status != .offDuty || words.contains("off") else { return false }
            let hay = [u.callsign.lowercased(), u.area.lowercased(), (s.force.area(u.area)?.name ?? "").lowercased(), u.type.label,
                       u.status.code.lowercased(), u.status.label]
            return words.allSatisfy { w in hay.contains { $0.hasPrefix(w) || $0 == w } }
        }.sorted { ($0.area, $0.callsign) < ($1.area, $1.callsign) }
    }
}
