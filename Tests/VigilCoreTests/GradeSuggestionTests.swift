import Testing
@testable import VigilCore

@Suite("a grade suggested from the category and the caller's words")
struct GradeSuggestionTests {
    func suggested(_ category: String?, _ account: String) -> Grade? {
        GradeSuggestion.suggest(category: category.flatMap { try? Category.parse($0).get() }, account: account)?.grade
    }

    @Test func threatToLifeIsGradeOneWhateverTheCategory() {
        #expect(suggested("asb/nuisance", "He's waving a machete at people") == .emergency)
        #expect(suggested(nil, "my dad is not breathing") == .emergency)
        #expect(suggested("crime/weapons", "saw something") == .emergency)
        #expect(suggested("crime/assault+weapon", "") == .emergency)
        #expect(GradeSuggestion.suggest(category: nil, account: "he will KILL me")?.reason == "kill")
        // Whole words only: "skill" is not "kill", "shotgun" is a gun of its own.
        #expect(suggested("asb/nuisance", "kids practising their skills") == .scheduled)
    }

    @Test func otherwiseTheCategorySays() {
        #expect(suggested("crime/burglary", "came home to find the door open") == .priority)
        #expect(suggested("crime/theft+domestic-abuse", "") == .priority)
        #expect(suggested("asb/nuisance", "music all night") == .scheduled)
        #expect(suggested("admin/lost-property", "") == .resolution)
        #expect(suggested(nil, "just reporting it") == nil)
    }
}
