/// A set of slots (non-negative integers) kept as bits, for the state's open incidents and waiting and in-hand contacts.
/// Members arrive in rising order and leave from anywhere, so unlike `BitSet` it never shrinks its storage and it knows
/// the word holding its lowest member: the first waiting call is found without scanning a day's worth of slots.
public struct SlotSet: Sendable, Sequence, ExpressibleByArrayLiteral {
    private var words: [UInt64] = []
    public private(set) var count = 0
    /// When not empty, `words[low]` is the first word with a member.
    private var low = 0

    public init() {}

    public init<S: Sequence>(_ slots: S) where S.Element == Int {
        for s in slots { insert(s) }
    }

    public init(arrayLiteral slots: Int...) { self.init(slots) }

    public var isEmpty: Bool { count == 0 }

    public func contains(_ slot: Int) -> Bool {
        let w = slot >> 6
        return slot >= 0 && w < words.count && words[w] & (1 << UInt64(slot & 63)) != 0
    }

    @discardableResult
    public mutating func insert(_ slot: Int) -> Bool {
        precondition(slot >= 0, "slots are never negative")
        let w = slot >> 6, bit: UInt64 = 1 << UInt64(slot & 63)
        if w >= words.count { words.append(contentsOf: repeatElement(0, count: w + 1 - words.count)) }
        guard words[w] & bit == 0 else { return false }
        words[w] |= bit
        if count == 0 || w < low { low = w }
        count += 1
        return true
    }

    @discardableResult
    public mutating func remove(_ slot: Int) -> Bool {
        guard contains(slot) else { return false }
        let w = slot >> 6
        words[w] &= ~(1 << UInt64(slot & 63))
        count -= 1
        if count == 0 {
            low = 0
        } else if w == low {
            // Members leave roughly in the order they came, so this walk is short on average.
            while words[low] == 0 { low += 1 }
        }
        return true
    }

    /// The lowest member.
    public var first: Int? {
        guard count > 0 else { return nil }
        return low << 6 + words[low].trailingZeroBitCount
    }

    public struct Iterator: IteratorProtocol {
        let words: [UInt64]
        var word: Int
        var bits: UInt64

        public mutating func next() -> Int? {
            while bits == 0 {
                word += 1
                guard word < words.count else { return nil }
                bits = words[word]
            }
            let b = bits.trailingZeroBitCount
            bits &= bits - 1
            return word << 6 + b
        }
    }

    /// Members in rising order.
    public func makeIterator() -> Iterator {
        count == 0 ? Iterator(words: [], word: 0, bits: 0) : Iterator(words: words, word: low, bits: words[low])
    }

    public var underestimatedCount: Int { count }
}

// Equal when the members are equal, however much storage each has grown.
extension SlotSet: Hashable {
    public static func == (a: SlotSet, b: SlotSet) -> Bool { a.count == b.count && a.elementsEqual(b) }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(count)
        for s in self { hasher.combine(s) }
    }
}
