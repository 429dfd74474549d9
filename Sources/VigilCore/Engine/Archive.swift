extension DispatchState {
    /// How long finished work stays in memory at least after it closes. Older work lives only in the event log, which keeps
    /// the working state (and so snapshots and start-up) the size of a day's work rather than of the log's life.
    public static let retention: Duration = .hours(24)

    /// Whether `ref` was issued but has left memory because it closed more than a day ago.
    public func isArchived(_ ref: IncidentRef) -> Bool {
        incidents[ref] == nil && ref.force == force.code && ref.number >= 1 && ref.number <= (dayCounters[ref.day] ?? 0)
    }

    /// Whether contact `id` was received but has left memory with its finished work.
    public func isArchived(_ id: ContactID) -> Bool {
        contacts[id] == nil && id.value >= 1 && id.value < nextContact
    }

    /// Runs from `apply` on the first event after 04:00 UTC each day (a quiet hour), so a replay drops exactly what the
    /// live state dropped. Daily rather than hourly because each pass copies the day's work: work therefore stays
    /// in memory between one and two days after it finishes.
    mutating func archiveIfDue(at now: Instant) {
        let day = (now.seconds - 4 * 3600) / 86_400
        guard day > archiveDay else { return }
        archiveDay = day
        archive(closedBefore: now - Self.retention)
    }

    /// Drops incidents closed before `cutoff`, then finished contacts received before it whose incident is gone.
    mutating func archive(closedBefore cutoff: Instant) {
        let incidentMap = incidents.removeAll { i in i.closedAt.map { $0 < cutoff } ?? false }
        if let incidentMap { openSlots = SlotSet(openSlots.compactMap { incidentMap[$0] }) }
        let kept = incidents
        let contactMap = contacts.removeAll { c in
            guard c.receivedAt < cutoff else { return false }
            switch c.state {
            case .waiting, .answered: return false
            case .resolved: return true
            case .raised(let ref), .linked(let ref): return kept[ref] == nil
            }
        }
        if let contactMap {
            waitingSlots = SlotSet(waitingSlots.compactMap { contactMap[$0] })
            rebuildChannelQueues()
            inHandSlots = SlotSet(inHandSlots.compactMap { contactMap[$0] })
        }
    }
}
