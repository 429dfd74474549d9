/// Where a waiting contact stands in the queue: 999 before 101 before online, then the longest waiting, then the lower
/// number. The one statement of the rule that the queue panel and the simulated call handlers both follow.
public struct QueueOrder: Comparable, Sendable {
    let priority: Int
    let receivedAt: Instant
    let id: ContactID

    /// The place of a contact in the queue.
    public init(_ c: Contact) { self.init(channel: c.channel, receivedAt: c.receivedAt, id: c.id) }

    /// The place of a contact known by its parts, read in place without copying the contact.
    public init(channel: Channel, receivedAt: Instant, id: ContactID) {
        priority = channel.priority
        self.receivedAt = receivedAt
        self.id = id
    }

    public static func < (a: QueueOrder, b: QueueOrder) -> Bool {
        (a.priority, a.receivedAt, a.id) < (b.priority, b.receivedAt, b.id)
    }
}

/// Where an open incident stands in the list of work: most urgent grade first, then the oldest, then the lower
/// reference. The one statement of the rule that the incident list and the auto-dispatcher both follow; it is a
/// small key so that sorting hundreds of incidents every frame copies none of them.
public struct IncidentOrder: Comparable, Sendable {
    public let grade: Grade
    public let createdAt: Instant
    /// The incident the key is for.
    public let ref: IncidentRef

    /// The place of an incident in the list.
    public init(_ i: Incident) { self.init(grade: i.grade, createdAt: i.createdAt, ref: i.ref) }

    /// The place of an incident known by its parts, read in place without copying the incident.
    public init(grade: Grade, createdAt: Instant, ref: IncidentRef) {
        self.grade = grade
        self.createdAt = createdAt
        self.ref = ref
    }

    public static func < (a: IncidentOrder, b: IncidentOrder) -> Bool {
        (a.grade, a.createdAt, a.ref) < (b.grade, b.createdAt, b.ref)
    }
}
