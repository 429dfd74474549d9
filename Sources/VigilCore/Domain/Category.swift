/// National Standard for Incident Recording style top-level categories.
public enum CategoryKind: String, Hashable, Codable, Sendable, CaseIterable {
    case publicSafety = "public-safety", crime, asb, transport, admin

    /// Recognised sub-types; the first is the default when none is given.
    public var details: [String] {
        switch self {
        case .publicSafety:
            [
                "concern-for-welfare", "missing-person", "sudden-death", "suspicious", "collapse", "alarm", "fire",
                "animal",
            ]
        case .crime:
            [
                "burglary", "robbery", "assault", "theft", "criminal-damage", "sexual-offence", "weapons", "drugs",
                "fraud", "vehicle-crime", "public-order",
            ]
        case .asb: ["personal", "nuisance", "environmental"]
        case .transport: ["rtc", "rtc-injury", "obstruction", "vehicle-breakdown", "driving-standards"]
        case .admin: ["duplicate", "lost-property", "found-property", "information", "no-further-action", "hoax"]
        }
    }
}

/// Qualifiers that travel with a category.
public enum Qualifier: String, Hashable, Codable, Sendable, CaseIterable, Comparable {
    case domesticAbuse = "domestic-abuse", mentalHealth = "mental-health", alcohol, drugs, hate, child, weapon
    public static func < (a: Qualifier, b: Qualifier) -> Bool { a.rawValue < b.rawValue }
}

/// An opening or closing category such as `crime/burglary+domestic-abuse`.
public struct Category: Hashable, Codable, Sendable, CustomStringConvertible {
    public var kind: CategoryKind
    public var detail: String?
    public var qualifiers: [Qualifier]

    public init(_ kind: CategoryKind, _ detail: String? = nil, qualifiers: [Qualifier] = []) {
        self.kind = kind; self.detail = detail; self.qualifiers = qualifiers.sorted()
    }

    public var description: String {
        var s = kind.rawValue
        if let detail { s += "/" + detail }
        for q in qualifiers { s += "+" + q.rawValue }
        return s
    }

    /// Parses `kind[/detail][+qualifier...]`, returning a sentence on failure.
    public static func parse(_ text: String) -> Result<Category, CategoryParseError> {
        let pieces = text.lowercased().split(separator: "+", omittingEmptySubsequences: false).map(String.init)
        let head = pieces[0].split(separator: "/", maxSplits: 1, omittingEmptySubsequences: false).map(String.init)
        guard let kindText = head.first, !kindText.isEmpty else {
            return .failure(.init(message: "a category is needed, e.g. crime/burglary", offset: 0, suggestion: nil))
        }
        guard let kind = CategoryKind(rawValue: kindText) else {
            return .failure(
                .init(
                    message: "unknown category `\(kindText)`", offset: 0,
                    suggestion: closestWord(to: kindText, in: CategoryKind.allCases.map(\.rawValue))))
        }
        var detail: String?
        if head.count == 2 {
            let d = head[1]
            guard kind.details.contains(d) else {
                return .failure(
                    .init(
                        message: "unknown \(kind.rawValue) type `\(d)`", offset: kindText.count + 1,
                        suggestion: closestWord(to: d, in: kind.details).map { "\(kind.rawValue)/\($0)" }))
            }
            detail = d
        }
        var qualifiers: [Qualifier] = []
        var offset = pieces[0].count + 1
        for q in pieces.dropFirst() {
            guard let qual = Qualifier(rawValue: q) else {
                return .failure(
                    .init(
                        message: "unknown qualifier `\(q)`", offset: offset,
                        suggestion: closestWord(to: q, in: Qualifier.allCases.map(\.rawValue))))
            }
            if !qualifiers.contains(qual) { qualifiers.append(qual) }
            offset += q.count + 1
        }
        return .success(Category(kind, detail, qualifiers: qualifiers))
    }
}

/// Why a category did not parse, with where in the text and a likely fix.
public struct CategoryParseError: Error, Hashable, Sendable {
    public var message: String
    public var offset: Int
    public var suggestion: String?
}
