import OrderedCollections

/// Everything the control room knows, folded from the event log.
public struct DispatchState: Hashable, Sendable {
    public var force: Force
    public var operators: OrderedDictionary<OperatorID, Operator>
    /// Signed-on operators and the console each is at.
    public var signedOn: [OperatorID: ConsoleID]
    public internal(set) var units: Registry<Callsign, PoliceUnit>
    public internal(set) var contacts: Registry<ContactID, Contact>
    public internal(set) var incidents: Registry<IncidentRef, Incident>
    public internal(set) var flags: OrderedDictionary<Int, AddressFlag>
    /// Derived: each flag's address normalised once, since every raise checks the whole register.
    var flagKeys: [Int: String] = [:]
    // Positions in `incidents` and `contacts` (append-only), so adding and removing are O(1) and listing keeps creation order.
    var openSlots: SlotSet
    var waitingSlots: SlotSet
    /// Derived: the waiting slots of each channel, by queue priority, so the next call is found without a scan.
    var waitingByChannel: [SlotSet] = DispatchState.noQueues
    static let noQueues = [SlotSet](repeating: [], count: Channel.allCases.count)
    var inHandSlots: SlotSet
    /// The last incident number issued on each local day (yyyymmdd).
    public var dayCounters: [Int: Int]
    public var nextContact: Int
    public var nextFlag: Int
    public var eventCount: Int
    /// The day (of event time, counted from the epoch, starting 04:00 UTC) when finished work was last archived out of memory.
    public var archiveDay: Int64
    public var lastEventAt: Instant?
    /// The simulated shift's clock as the trainer last set it.
    public var shiftClock = ShiftClock()
    /// Major incidents declared, by number.
    public var majorIncidents: [Int: MajorIncident] = [:]
    /// The scenario injects fired so far, by number (from 1).
    public internal(set) var firedInjects: Set<Int> = []
    /// Whether the training shift has reached its scenario's end.
    public internal(set) var shiftEnded = false
    /// How many simulated call handlers the trainer wants answering beside people; nil until set.
    public internal(set) var simHandlers: Int?
    /// Who holds each dispatch desk; a desk nobody holds is the simulator's to work, when one runs.
    public internal(set) var deskHolders: [DeskID: OperatorID] = [:]
    /// Contacts that came from other agencies' EIDOs, and what the senders said of them.
    public internal(set) var referrals: [ContactID: Referral] = [:]
    /// The contact each imported EIDO `$id` became, kept after the contact is archived so none is imported twice.
    public internal(set) var eidoContacts: [String: ContactID] = [:]
    /// Wrong PINs per operator within the lock-out window, oldest first.
    public internal(set) var signOnFailures: [OperatorID: [Instant]] = [:]
    /// Operators locked out after too many wrong PINs, and until when.
    public internal(set) var lockedUntil: [OperatorID: Instant] = [:]
    /// Each operator's signing key, as the chain holds it: whose signatures verify is decided here and nowhere else.
    public internal(set) var operatorKeys: [OperatorID: OperatorKey] = [:]
    /// Whether keys in the chain count: not on a log that signs nothing (a server's, a training log), where a key
    /// written by hand would otherwise make someone's PIN one-time for ever.
    public var keysCount: Bool { reading.keysCount }
    var reading = HowRead()

    /// Passes over signing keys from here on, and forgets any taken in: for a log that signs nothing.
    public mutating func ignoreSigningKeys() {
        reading.keysCount = false
        operatorKeys = [:]
    }
    /// Derived: where the free units are, for fast recommendations.
    public internal(set) var index: UnitIndex

    /// The starting state of a force before any event.
    public init(force: Force, units: [PoliceUnit], operators: [Operator] = [], flags: [AddressFlag] = []) {
        self.force = force
        self.operators = OrderedDictionary(uniqueKeysWithValues: operators.map { ($0.id, $0) })
        self.signedOn = [:]
        self.units = Registry()
        for unit in units where self.units[unit.callsign] == nil { self.units.upsert(unit, forKey: unit.callsign) }
        self.contacts = Registry()
        self.incidents = Registry()
        self.flags = OrderedDictionary(flags.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        self.flagKeys = Self.keys(self.flags)
        self.openSlots = []
        self.waitingSlots = []
        self.inHandSlots = []
        self.dayCounters = [:]
        self.nextContact = 1
        self.nextFlag = (flags.map(\.id).max() ?? 0) + 1
        self.eventCount = 0
        self.archiveDay = 0
        self.index = UnitIndex(force: force)
        for (slot, unit) in self.units.values.enumerated() { index.insert(unit, slot: slot) }
    }

    /// Makes room for this many more incidents and contacts, for a caller that knows its volume (a simulated shift):
    /// growing a day's registers step by step copies them over and over.
    public mutating func reserveCapacity(incidents more: Int, contacts moreContacts: Int) {
        incidents.reserveCapacity(incidents.count + more)
        contacts.reserveCapacity(contacts.count + moreContacts)
    }

    /// Open incidents, oldest first.
    public var openIncidents: [IncidentRef] { openSlots.map { incidents.keys[$0] } }
    /// How many incidents are open.
    public var openIncidentCount: Int { openSlots.count }
    /// How many open incidents (grades 1–3) wait for a unit at the last event's time (a booked one from its
    /// appointment); counted in place, for screens that show it every second.
    public var unresourcedCount: Int {
        let now = lastEventAt ?? Instant(seconds: 0)
        return openSlots.reduce(0) { n, slot in n + (incidents.values[slot].isWaiting(at: now) ? 1 : 0) }
    }
    /// Contacts waiting in a queue, oldest first.
    public var waitingContacts: [ContactID] { waitingSlots.map { contacts.keys[$0] } }
    /// Whether any contact is waiting to be answered.
    public var hasWaitingContacts: Bool { !waitingSlots.isEmpty }
    /// How many contacts are waiting to be answered.
    public var waitingCount: Int { waitingSlots.count }
    /// Contacts answered and still being taken (not yet raised, linked or resolved), oldest first.
    public var contactsInHand: [ContactID] { inHandSlots.map { contacts.keys[$0] } }

    /// Looks up an incident by full reference.
    public func incident(_ ref: IncidentRef) -> Incident? { incidents[ref] }

    /// Active critical-register flags at or near a place.
    public func flags(at location: GeoPoint, address: String, now: Instant) -> [AddressFlag] {
        let key = normalizedAddress(address)
        // Tested in place and copied only when they match: every raise checks the whole register.
        var found: [AddressFlag] = []
        let all = flags.values
        for i in all.indices
        where all[i].isActive(at: now) && (all[i].isNear(location) || (!key.isEmpty && key == flagKeys[all[i].id])) {
            found.append(all[i])
        }
        return found
    }

    static func keys(_ flags: OrderedDictionary<Int, AddressFlag>) -> [Int: String] {
        Dictionary(uniqueKeysWithValues: flags.map { ($0.key, normalizedAddress($0.value.address)) })
    }

    /// Open incidents within `radiusKm` of a place, nearest first.
    public func openIncidents(near location: GeoPoint, radiusKm: Double = 0.25) -> [Incident] {
        openSlots.map { incidents.values[$0] }
            .map { ($0, $0.location.distanceKm(to: location)) }
            .filter { $0.1 <= radiusKm }
            .sorted { ($0.1, $0.0.ref) < ($1.1, $1.0.ref) }
            .map(\.0)
    }

    /// Incidents at or near an address still in memory (open, or closed within `retention`), newest first.
    public func history(at location: GeoPoint, address: String) -> [Incident] {
        let key = normalizedAddress(address)
        return incidents.values.filter {
            ($0.location.distanceKm(to: location) <= 0.05 || (!key.isEmpty && normalizedAddress($0.address) == key))
        }.sorted { $0.createdAt > $1.createdAt }
    }

    /// The next contact to answer: 999 before 101 before online, then the longest waiting.
    public var nextContactToAnswer: ContactID? {
        // Slots are in the order contacts reached the log, so each channel's first slot is its longest wait.
        for queue in waitingByChannel { if let slot = queue.first { return contacts.keys[slot] } }
        return nil
    }

    /// Rebuilds the per-channel queues from `waitingSlots` (after a snapshot load or an archive).
    mutating func rebuildChannelQueues() {
        var queues = Self.noQueues
        for slot in waitingSlots { queues[contacts.values[slot].channel.priority].insert(slot) }
        waitingByChannel = queues
    }
}

/// How a state is being folded, not what the world is: two states of the same world are equal whichever store
/// folded them (a file that signs, a server that does not).
struct HowRead: Hashable, Sendable {
    var keysCount = true
    static func == (_: HowRead, _: HowRead) -> Bool { true }
    func hash(into hasher: inout Hasher) {}
}
