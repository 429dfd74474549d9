/// A major incident: many incidents and calls under one command, with its own log.
public struct MajorIncident: Hashable, Codable, Sendable {
    public var number: Int
    public var name: String
    public var declaredAt: Instant
    public var declaredBy: OperatorID
    public var incidents: [IncidentRef]
    public var log: [NarrativeEntry]

    public init(
        number: Int, name: String, declaredAt: Instant, declaredBy: OperatorID, incidents: [IncidentRef],
        log: [NarrativeEntry] = []
    ) {
        self.number = number; self.name = name; self.declaredAt = declaredAt; self.declaredBy = declaredBy
        self.incidents = incidents; self.log = log
    }
}
