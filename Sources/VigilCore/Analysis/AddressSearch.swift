/// A place the gazetteer found for some text, with how sure it is and how exact the point is.
public struct AddressMatch: Hashable, Sendable {
    public var entry: GazetteerEntry
    /// From 0 to 1; a match is taken only at `Gazetteer.threshold` or above.
    public var score: Double
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

    /// The lowest score taken as a match.
    public static let threshold = 0.8
    /// How far ahead of the next place (elsewhere) the best must be, or the search asks which was meant.
    public static let margin = 0.04

    public init(_ entries: [GazetteerEntry] = [], areaNames: [AreaID: String] = [:]) {
        self.entries = entries
        self.areaNames = areaNames
        names = entries.map { e in ([e.name] + e.aliases).map { AddressWords.words($0) } }
        context = entries.map { e in AddressWords.words(e.locality + " " + (areaNames[e.area] ?? e.area)) }
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
        return scored.prefix(limit).map { match(entries[$0.0], score: min(1, $0.1), number: query.number) }
    }

    /// The one place `text` names, or why there is none.
    public func resolve(_ text: String) -> Result<AddressMatch, AddressNotFound> {
        let found = search(text, limit: 6)
        guard let best = found.first, best.score >= Self.threshold else {
            return .failure(.noMatch(text, nearest: found))
        }
        let rivals = found.dropFirst().filter {
            best.score - $0.score < Self.margin && $0.location.distanceKm(to: best.location) > 0.3
        }
        guard rivals.isEmpty else { return .failure(.ambiguous(text, [best] + rivals)) }
        return .success(best)
    }

    func score(_ q: [String], entry i: Int) -> Double {
        var best = 0.0
        for name in names[i] where !name.isEmpty {
            // Every word of the name should be typed (coverage); every typed word should mean something (precision).
            var coverage = 0.0
            for n in name { coverage += q.map { AddressWords.similarity($0, n) }.max() ?? 0 }
            coverage /= Double(name.count)
            var precision = 0.0, unexplained = 0.0
            for w in q {
                var s = 0.0
                for t in name { s = max(s, AddressWords.similarity(w, t)) }
                for t in context[i] { s = max(s, AddressWords.similarity(w, t)) }
                precision += s
                // A typed word that means nothing here is a strong sign of another street ("Colmore Road,
                // Birmingham" is not Birmingham Road).
                if s < 0.5 { unexplained += 1 }
            }
            precision /= Double(q.count)
            best = max(best, 0.6 * coverage + 0.4 * precision - 0.25 * unexplained)
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
