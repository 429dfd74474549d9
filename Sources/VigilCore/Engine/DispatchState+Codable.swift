// Snapshots store the folded state; the spatial index is derived, so it is rebuilt on decode rather than stored.
extension DispatchState: Codable {
    /// Bumped whenever the encoded shape changes; snapshots of another version are ignored and the log replayed.
    public static let snapshotVersion = 1

    enum CodingKeys: String, CodingKey {
        case force, operators, signedOn, units, contacts, incidents, flags, openSlots, waitingSlots, inHandSlots
        case dayCounters, nextContact, nextFlag, eventCount, lastEventAt
    }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        force = try c.decode(Force.self, forKey: .force)
        operators = try c.decode(type(of: operators), forKey: .operators)
        signedOn = try c.decode([OperatorID: ConsoleID].self, forKey: .signedOn)
        units = try c.decode(Registry<Callsign, PoliceUnit>.self, forKey: .units)
        contacts = try c.decode(Registry<ContactID, Contact>.self, forKey: .contacts)
        incidents = try c.decode(Registry<IncidentRef, Incident>.self, forKey: .incidents)
        flags = try c.decode(type(of: flags), forKey: .flags)
        openSlots = try c.decode(type(of: openSlots), forKey: .openSlots)
        waitingSlots = try c.decode(type(of: waitingSlots), forKey: .waitingSlots)
        inHandSlots = try c.decode(type(of: inHandSlots), forKey: .inHandSlots)
        dayCounters = try c.decode([Int: Int].self, forKey: .dayCounters)
        nextContact = try c.decode(Int.self, forKey: .nextContact)
        nextFlag = try c.decode(Int.self, forKey: .nextFlag)
        eventCount = try c.decode(Int.self, forKey: .eventCount)
        lastEventAt = try c.decodeIfPresent(Instant.self, forKey: .lastEventAt)
        index = UnitIndex(force: force)
        for (slot, unit) in units.values.enumerated() { index.insert(unit, slot: slot) }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(force, forKey: .force)
        try c.encode(operators, forKey: .operators)
        try c.encode(signedOn, forKey: .signedOn)
        try c.encode(units, forKey: .units)
        try c.encode(contacts, forKey: .contacts)
        try c.encode(incidents, forKey: .incidents)
        try c.encode(flags, forKey: .flags)
        try c.encode(openSlots, forKey: .openSlots)
        try c.encode(waitingSlots, forKey: .waitingSlots)
        try c.encode(inHandSlots, forKey: .inHandSlots)
        try c.encode(dayCounters, forKey: .dayCounters)
        try c.encode(nextContact, forKey: .nextContact)
        try c.encode(nextFlag, forKey: .nextFlag)
        try c.encode(eventCount, forKey: .eventCount)
        try c.encodeIfPresent(lastEventAt, forKey: .lastEventAt)
    }
}

extension Registry: Codable where Key: Codable, Value: Codable {
    enum CodingKeys: String, CodingKey { case keys, values }

    public init(from decoder: Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        let keys = try c.decode([Key].self, forKey: .keys)
        let values = try c.decode([Value].self, forKey: .values)
        guard keys.count == values.count else {
            throw DecodingError.dataCorruptedError(forKey: .values, in: c, debugDescription: "\(keys.count) keys but \(values.count) values")
        }
        self.init()
        reserveCapacity(keys.count)
        for (k, v) in zip(keys, values) { upsert(v, forKey: k) }
        guard count == keys.count else {
            throw DecodingError.dataCorruptedError(forKey: .keys, in: c, debugDescription: "duplicate keys")
        }
    }

    public func encode(to encoder: Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(keys, forKey: .keys)
        try c.encode(values, forKey: .values)
    }
}
