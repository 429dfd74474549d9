import Foundation
import OrderedCollections

// A snapshot is the folded state in two parts: a small JSON header (force, operators, units, counters), which is
// cheap and readable, and the day's incidents, contacts and flags in the compact binary form of `ByteWriter`,
// which decodes about ten times faster than JSON. The spatial index is derived, so it is rebuilt rather than stored.
extension DispatchState {
    /// Bumped whenever the snapshot layout changes, or what a state folds from the same events; snapshots of another
    /// version are ignored and the log replayed. 13: a lock-out never shortens a lock nor clears the wrong PINs.
    public static let snapshotVersion = 13

    /// Why a snapshot could not be read.
    public struct SnapshotError: Error, CustomStringConvertible {
        public var description: String
    }

    struct Header: Codable {
        var force: Force
        var operators: [Operator]
        var signedOn: [OperatorID: ConsoleID]
        var units: [PoliceUnit]
        var openSlots: [Int], waitingSlots: [Int], inHandSlots: [Int]
        var dayCounters: [Int: Int]
        var nextContact: Int, nextFlag: Int, eventCount: Int
        var lastEventAt: Instant?
        var archiveDay: Int64
        var shiftClock: ShiftClock?
        var majorIncidents: [MajorIncident]?
        var signOnFailures: [OperatorID: [Instant]]
        var lockedUntil: [OperatorID: Instant]
        var firedInjects: [Int]
        var shiftEnded: Bool
        var simHandlers: Int?
        var deskHolders: [DeskID: OperatorID]
        /// Absent in snapshots written before EIDO import, and when nothing was imported.
        var referrals: [Referral]?
        /// Absent when no operator has a signing key (training logs, older logs).
        var operatorKeys: [OperatorID: OperatorKey]?
    }

    /// The state as snapshot bytes.
    public func snapshotBytes() throws -> [UInt8] {
        let header = Header(
            force: force, operators: Array(operators.values), signedOn: signedOn, units: units.values,
            openSlots: Array(openSlots), waitingSlots: Array(waitingSlots), inHandSlots: Array(inHandSlots),
            dayCounters: dayCounters, nextContact: nextContact, nextFlag: nextFlag, eventCount: eventCount,
            lastEventAt: lastEventAt, archiveDay: archiveDay, shiftClock: shiftClock,
            majorIncidents: majorIncidents.values.sorted { $0.number < $1.number },
            signOnFailures: signOnFailures, lockedUntil: lockedUntil, firedInjects: firedInjects.sorted(),
            shiftEnded: shiftEnded, simHandlers: simHandlers, deskHolders: deskHolders,
            referrals: referrals.isEmpty ? nil : referrals.values.sorted { $0.contact < $1.contact },
            operatorKeys: operatorKeys.isEmpty ? nil : operatorKeys)
        let encoder = JSONEncoder()
        encoder.outputFormatting = .sortedKeys
        var w = ByteWriter()
        w.bytes(Array(try encoder.encode(header)))
        w.array(incidents.values) { $0.incident($1) }
        w.array(contacts.values) { $0.contact($1) }
        w.array(flags.values) { $0.flag($1) }
        return w.bytes
    }

    /// Rebuilds a state from `snapshotBytes()`, checking that the parts agree with each other.
    public init(snapshot bytes: [UInt8]) throws {
        let (headerBytes, incidents, contacts, flags) = try bytes.withUnsafeBytes { buffer throws in
            var r = ByteReader(buffer)
            do {
                let header = try r.bytes()
                let incidents = try r.array { r throws(ByteReaderError) in try r.incident() }
                let contacts = try r.array { r throws(ByteReaderError) in try r.contact() }
                let flags = try r.array { r throws(ByteReaderError) in try r.flag() }
                guard r.isAtEnd else { throw SnapshotError(description: "\(buffer.count - r.offset) bytes left over") }
                return (header, incidents, contacts, flags)
            } catch let e as ByteReaderError {
                throw SnapshotError(description: e.description)
            }
        }
        let h = try JSONDecoder().decode(Header.self, from: Data(headerBytes))
        // Keyed collections are built from checked keys: a repeated one is a damaged snapshot, not a trap.
        guard Set(h.operators.map(\.id)).count == h.operators.count else {
            throw SnapshotError(description: "duplicate operators")
        }
        guard Set(flags.map(\.id)).count == flags.count else { throw SnapshotError(description: "duplicate flags") }
        self.init(force: h.force, units: [], operators: h.operators)
        for unit in h.units { self.units.upsert(unit, forKey: unit.callsign) }
        guard self.units.count == h.units.count else { throw SnapshotError(description: "duplicate callsigns") }
        self.incidents.reserveCapacity(incidents.count)
        for i in incidents { self.incidents.upsert(i, forKey: i.ref) }
        self.contacts.reserveCapacity(contacts.count)
        for c in contacts { self.contacts.upsert(c, forKey: c.id) }
        guard self.incidents.count == incidents.count, self.contacts.count == contacts.count else {
            throw SnapshotError(description: "duplicate incident or contact")
        }
        self.flags = OrderedDictionary(uniqueKeysWithValues: flags.map { ($0.id, $0) })
        self.flagKeys = Self.keys(self.flags)
        for (slots, limit) in [
            (h.openSlots, incidents.count), (h.waitingSlots, contacts.count), (h.inHandSlots, contacts.count),
        ] {
            guard slots.allSatisfy({ $0 >= 0 && $0 < limit }) else {
                throw SnapshotError(description: "a slot is out of range")
            }
        }
        openSlots = SlotSet(h.openSlots)
        waitingSlots = SlotSet(h.waitingSlots)
        rebuildChannelQueues()
        inHandSlots = SlotSet(h.inHandSlots)
        signedOn = h.signedOn
        signOnFailures = h.signOnFailures
        lockedUntil = h.lockedUntil
        operatorKeys = h.operatorKeys ?? [:]
        dayCounters = h.dayCounters
        nextContact = h.nextContact
        nextFlag = h.nextFlag
        eventCount = h.eventCount
        lastEventAt = h.lastEventAt
        archiveDay = h.archiveDay
        shiftClock = h.shiftClock ?? ShiftClock()
        firedInjects = Set(h.firedInjects)
        shiftEnded = h.shiftEnded
        simHandlers = h.simHandlers
        deskHolders = h.deskHolders
        majorIncidents = Dictionary((h.majorIncidents ?? []).map { ($0.number, $0) }, uniquingKeysWith: { a, _ in a })
        for r in h.referrals ?? [] {
            referrals[r.contact] = r
            eidoContacts[r.sent.eido] = r.contact
        }
        index = UnitIndex(force: force)
        for (slot, unit) in self.units.values.enumerated() { index.insert(unit, slot: slot) }
    }
}
