/// A place the gazetteer found for some text, with how sure it is and how exact the point is.
public struct AddressMatch: Hashable, Sendable {
    public var entry: GazetteerEntry
    /// From 0 to 1; a match is taken only at `Gazetteer.threshold` or above.
    public var score: Double
    /// The score before it is capped at 1, which tells apart two places that both read as certain.
    var raw = 0.0
    public var location: GeoPoint
    public var accuracy: LocationAccuracy
    /// The address as an incident records it, e.g. "10 Colmore Row, City Centre, Birmingham".
    public var address: String
}

/// Why some text gave no place: nothing scored high enough, or two places scored alike. Both list the nearest.
public enum AddressNotFound: Error, Hashable, Sendable {
    case noMatch(String, nearest: [AddressMatch])
    case ambiguous(String, [AddressMatch])

    /// One sentence naming the nearest matches.
    public var message: String {
        switch self {
        case .noMatch(let text, let nearest):
            let list = nearest.prefix(3).map(\.address).joined(separator: "; ")
            return nearest.isEmpty
                ? "`\(text)` is not in the gazetteer; give the street and district, or at=LAT,LON."
                : "`\(text)` is not in the gazetteer; nearest: \(list). Give one of them, or at=LAT,LON."
        case .ambiguous(let text, let matches):
            return "`\(text)` could be \(matches.prefix(3).map(\.address).joined(separator: " or ")); add the district."
        }
    }
}

/// The force's address gazetteer: streets, named places and held addresses, searched tolerant of typing slips, word
/// order and abbreviations ("colmre rw", "Rd"), with an optional house number in front.
public struct Gazetteer: Hashable, Sendable {
    public private(set) var entries: [GazetteerEntry]
    /// Derived: each entry's name words (and its aliases'), and the words of its district and area.
    var names: [[[String]]] = []
    var context: [[String]] = []
    var areaNames: [AreaID: String] = [:]
    /// Derived: how many entries' names hold each word, to tell a distinctive word (Colmore) from a common one (Road).
    var nameFrequency: [String: Int] = [:]
    /// Derived: each entry's district words alone (a district named in full is scored apart from the area).
    var districts: [[String]] = []

    /// The lowest score taken as a match.
    public static let threshold = 0.8
    /// How far ahead of the next place (elsewhere) the best must be, or the search asks which was meant.
    public static let margin = 0.04

    public init(_ entries: [GazetteerEntry] = [], areaNames: [AreaID: String] = [:]) {
        self.entries = entries
        self.areaNames = areaNames
        names = entries.map { e in ([e.name] + e.aliases).map { AddressWords.words($0) } }
        context = entries.map { e in AddressWords.words(e.locality + " " + (areaNames[e.area] ?? e.area)) }
        districts = entries.map { AddressWords.words($0.locality) }
        for words in names { for w in Set(words.joined()) { nameFrequency[w, default: 0] += 1 } }
    }

    public static func == (a: Gazetteer, b: Gazetteer) -> Bool { a.entries == b.entries && a.areaNames == b.areaNames }
    public func hash(into h: inout Hasher) { h.combine(entries) }

    public var isEmpty: Bool { entries.isEmpty }

    /// The best matches for `text`, best first (at most `limit`), however low they score.
    public func search(_ text: String, limit: Int = 5) -> [AddressMatch] {
        let query = AddressWords.query(text)
        guard !query.words.isEmpty, limit > 0 else { return [] }
        var scored: [(Int, Double)] = []
        for i in entries.indices {
            var s = score(query.words, entry: i)
            if entries[i].kind == .address {
                // A held address is the answer only for its own number: ahead of its street then, never otherwise.
                s += query.number?.text == entries[i].number?.lowercased() ? 0.02 : -0.3
            }
            if s > 0.3 { scored.append((i, s)) }
        }
        scored.sort { $0.1 != $1.1 ? $0.1 > $1.1 : $0.0 < $1.0 }
        return scored.prefix(limit).map { (i, s) in
            var m = match(entries[i], score: min(1, max(0, s)), number: query.number)
            m.raw = s
            return m
        }
    }

    /// The one place `text` names, or why there is none.
    public func resolve(_ text: String) -> Result<AddressMatch, AddressNotFound> {
        let found = search(text, limit: 6)
        guard let best = found.first, best.score >= Self.threshold else {
            return .failure(.noMatch(text, nearest: nearest(text)))
        }
        let rivals = found.dropFirst().filter {
            best.raw - $0.raw < Self.margin && $0.location.distanceKm(to: best.location) > 0.3
        }
        guard rivals.isEmpty else { return .failure(.ambiguous(text, [best] + rivals)) }
        return .success(best)
    }

    /// The places nearest to text nothing matched: first those whose name holds the query's most distinctive word
    /// ("12 Colmore Road, Birmingham" → Colmore Row before the Birmingham Roads), then by score.
    func nearest(_ text: String) -> [AddressMatch] {
        let words = AddressWords.query(text).words
        guard let rare = words.min(by: { (nameFrequency[$0] ?? 0, $0) < (nameFrequency[$1] ?? 0, $1) }) else {
            return []
        }
        let holds = { (m: AddressMatch) in
            AddressWords.words(m.entry.name).contains { AddressWords.similarity(rare, $0) >= 0.7 }
        }
        let all = search(text, limit: 200)
        return Array((all.filter(holds) + all.filter { !holds($0) }).prefix(3))
    }

    func score(_ q: [String], entry i: Int) -> Double {
        var best = 0.0
        let district = districts[i]
        for name in names[i] where !name.isEmpty {
            // Every word of the name should be typed (coverage); every typed word should mean something (precision).
            // Each word of the name explains only the typed word closest to it, so "Hateley" is not taken for the
            // "Hagley" that "hagley" already matched.
            var coverage = 0.0
            var explains = [Double](repeating: 0, count: q.count)
            for n in name {
                let sims = q.map { AddressWords.similarity($0, n) }
                let top = sims.max() ?? 0
                coverage += top
                // A word explains the name only when close to one of its words (Weoley is not Hagley).
                if top >= 0.7, let k = sims.firstIndex(of: top) { explains[k] = max(explains[k], top) }
            }
            coverage /= Double(name.count)
            var precision = 0.0, unexplained = 0.0
            for (k, w) in q.enumerated() {
                var s = explains[k]
                // A district must be typed nearly right: Bloxwich is not Bromwich, Coseley not Moseley.
                for t in context[i] {
                    let d = AddressWords.similarity(w, t)
                    if d >= 0.87 { s = max(s, d) }
                }
                precision += s
                // A typed word that means nothing here is a strong sign of another street ("Colmore Road,
                // Birmingham" is not Birmingham Road).
                if s < 0.5 { unexplained += 1 }
            }
            precision /= Double(q.count)
            // The name typed in its own order ("Coventry Road, Foleshill") beats the same words the other way round
            // ("Foleshill Road, Coventry").
            let inOrder =
                q.count >= name.count
                && (0...(q.count - name.count)).contains { k in
                    name.indices.allSatisfy { AddressWords.similarity(q[k + $0], name[$0]) >= 0.8 }
                }
            // A district named in full beats one that only starts the same way: Cradley before Cradley Heath.
            let named = district.filter { t in q.contains { AddressWords.similarity($0, t) >= 0.87 } }.count
            let districtBonus = named > 0 ? 0.1 * Double(named) / Double(district.count) : 0
            best = max(
                best,
                0.6 * coverage + 0.4 * precision - 0.25 * unexplained + (inOrder ? 0.05 : 0) + districtBonus)
        }
        return best
    }

    func match(_ e: GazetteerEntry, score: Double, number: (value: Int, text: String)?) -> AddressMatch {
        let area = areaNames[e.area] ?? e.area
        var parts: [String] = []
        switch e.kind {
        case .address: parts.append("\(e.number ?? "") \(e.name)")
        case .street: parts.append(number.map { "\($0.text.uppercased()) \(e.name)" } ?? e.name)
        case .place: parts.append(e.name)
        }
        if !e.locality.isEmpty { parts.append(e.locality) }
        if e.locality.lowercased() != area.lowercased() { parts.append(area) }
        let accuracy: LocationAccuracy =
            switch e.kind {
            case .address: .address
            case .street: .street
            case .place: .place
            }
        return AddressMatch(
            entry: e, score: score, location: e.point(forNumber: e.kind == .street ? number?.value : nil),
            accuracy: accuracy, address: parts.joined(separator: ", "))
    }
}
