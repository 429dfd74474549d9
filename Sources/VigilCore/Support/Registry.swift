/// Values kept in arrival order and found by key: an array plus a dictionary of slots.
/// Entries are added or changed in place; they leave only in a bulk `removeAll`, which renumbers the slots and
/// returns the renumbering so that `DispatchState` can carry its open-incident and queue sets (kept as slots) across.
public struct Registry<Key: Hashable & Sendable, Value: Sendable>: Sendable {
    public private(set) var keys: [Key] = []
    /// The values in arrival order; changed in place by the state's `apply` only.
    public internal(set) var values: [Value] = []
    var slots: [Key: Int] = [:]

    public init() {}

    /// The value for `key`, if present.
    public subscript(key: Key) -> Value? {
        guard let i = slots[key] else { return nil }
        return values[i]
    }

    /// The slot of `key`, if present.
    public func index(forKey key: Key) -> Int? { slots[key] }

    public var count: Int { values.count }
    public var isEmpty: Bool { values.isEmpty }

    /// Adds a new entry, or replaces an existing one in its slot; returns the slot.
    @discardableResult
    mutating func upsert(_ value: Value, forKey key: Key) -> Int {
        if let i = slots[key] {
            values[i] = value
            return i
        }
        slots[key] = values.count
        keys.append(key)
        values.append(value)
        return values.count - 1
    }

    /// Removes the entries `isGone` picks, keeping order; returns each old slot's new slot (nil if removed),
    /// or nil when nothing was removed.
    mutating func removeAll(where isGone: (Value) -> Bool) -> [Int?]? {
        // Compacted in place by swapping, so the entries kept are moved, not copied and retained field by field.
        var map = [Int?](repeating: nil, count: values.count)
        var kept = 0
        for slot in values.indices where !isGone(values[slot]) {
            map[slot] = kept
            if kept != slot {
                values.swapAt(kept, slot)
                keys.swapAt(kept, slot)
            }
            kept += 1
        }
        guard kept < values.count else { return nil }
        values.removeLast(values.count - kept)
        keys.removeLast(keys.count - kept)
        slots = Dictionary(uniqueKeysWithValues: keys.enumerated().map { ($1, $0) })
        return map
    }

    mutating func reserveCapacity(_ n: Int) {
        keys.reserveCapacity(n)
        values.reserveCapacity(n)
        slots.reserveCapacity(n)
    }
}

// The slot dictionary is derived from `keys`, so equality and hashing look at keys and values only.
extension Registry: Equatable where Value: Equatable {
    public static func == (a: Registry, b: Registry) -> Bool { a.keys == b.keys && a.values == b.values }
}

extension Registry: Hashable where Value: Hashable {
    public func hash(into hasher: inout Hasher) {
        hasher.combine(keys)
        hasher.combine(values)
    }
}
