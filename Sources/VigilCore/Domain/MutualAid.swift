/// A neighbouring force's identifier in the force file, e.g. `staffordshire`.
public typealias AidPoolID = String

/// Response units a neighbouring force will lend under mutual aid: how many, their callsign prefix, and the station
/// they report to. Lent units join the board when they book on and leave it when they are stood down.
public struct AidPool: Hashable, Codable, Sendable, Identifiable {
    public var id: AidPoolID
    /// The lending force, e.g. "Staffordshire Police".
    public var name: String
    /// Upper-case letters that start each lent unit's callsign, e.g. `SF` for SF01, SF02.
    public var prefix: String
    /// The most units the neighbour can lend at once.
    public var units: Int
    /// Where lent units report, and so the area they work first.
    public var station: StationID

    public init(id: AidPoolID, name: String, prefix: String, units: Int, station: StationID) {
        self.id = id; self.name = name; self.prefix = prefix.uppercased(); self.units = units; self.station = station
    }

    /// The callsign of this pool's `n`th unit (from 1): the prefix and two digits, e.g. SF07.
    public func callsign(_ n: Int) -> Callsign { prefix + (n < 10 ? "0\(n)" : "\(n)") }

    /// Which of this pool's units a callsign is (from 1), or nil when it is not one of them.
    public func number(of cs: Callsign) -> Int? {
        guard cs.hasPrefix(prefix), let n = Int(cs.dropFirst(prefix.count)), (1...units).contains(n),
            callsign(n) == cs
        else { return nil }
        return n
    }
}

extension Force {
    /// The pool named by id or name, ignoring case: what an inspector types after `aid`.
    public func aidPool(named text: String) -> AidPool? {
        let t = text.lowercased()
        return aid.first { $0.id.lowercased() == t } ?? aid.first { $0.name.lowercased() == t }
    }

    /// The neighbouring force that lent this unit, or nil for the force's own.
    public func lender(of cs: Callsign) -> AidPool? { aid.first { $0.number(of: cs) != nil } }
}

extension DispatchState {
    /// A pool's units on the board now (lent and not stood down), in callsign order.
    public func lentUnits(of pool: AidPool) -> [PoliceUnit] {
        stride(from: 1, through: pool.units, by: 1).compactMap { units[pool.callsign($0)] }.filter {
            $0.status != .offDuty
        }
    }
}
