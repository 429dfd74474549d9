/// A grade suggested to a call handler from the category and the caller's words, with why; the handler decides.
public struct GradeSuggestion: Hashable, Sendable {
    public var grade: Grade
    /// Why, in a few words: "category", or the words that signal a threat to life ("knife").
    public var reason: String

    /// Words in an account that signal a threat to life or serious injury now: grade 1 whatever the category.
    static let threatWords: [String] = [
        "knife", "knives", "blade", "machete", "gun", "firearm", "shotgun", "shot", "stab", "stabbed", "stabbing",
        "kill", "killing", "strangle", "strangling", "choking", "unconscious", "not breathing", "bleeding",
        "blood everywhere", "hostage", "petrol", "on fire", "jump", "overdose", "kidnap", "weapon",
    ]

    /// Categories that are grade 1 by their nature, and those a caller's account usually makes grade 2.
    static let emergencies: Set<String> = [
        "crime/weapons", "crime/robbery", "transport/rtc-injury", "public-safety/fire",
    ]
    static let priorities: Set<String> = [
        "crime/assault", "crime/burglary", "crime/sexual-offence", "public-safety/missing-person",
        "public-safety/concern-for-welfare", "public-safety/collapse", "crime/public-order",
    ]

    /// The suggestion for a category (as far as typed) and an account; nil when neither says anything.
    public static func suggest(category: Category?, account: String) -> GradeSuggestion? {
        let text = " " + account.lowercased().map { $0.isLetter ? $0 : " " }.map(String.init).joined() + " "
        let words = threatWords.filter { text.contains(" \($0) ") }
        if !words.isEmpty {
            return GradeSuggestion(
                grade: .emergency, reason: words[0])
        }
        guard let category else { return nil }
        let key = category.detail.map { "\(category.kind.rawValue)/\($0)" } ?? category.kind.rawValue
        if emergencies.contains(key) || category.qualifiers.contains(.weapon) {
            return GradeSuggestion(grade: .emergency, reason: "category")
        }
        if category.qualifiers.contains(.domesticAbuse) || category.qualifiers.contains(.child) {
            return GradeSuggestion(grade: .priority, reason: "category")
        }
        if priorities.contains(key) { return GradeSuggestion(grade: .priority, reason: "category") }
        if category.kind == .admin { return GradeSuggestion(grade: .resolution, reason: "category") }
        return GradeSuggestion(grade: .scheduled, reason: "category")
    }
}
