import VigilCore

extension CallForm {
    /// The grade the form raises with: the handler's, or else the one suggested from the category and account.
    func effectiveGrade(_ contact: Contact) -> (grade: Grade, suggestion: GradeSuggestion?) {
        if gradeChosen { return (grade, nil) }
        let category = try? Category.parse(category.trimmingSpaces).get()
        guard let s = GradeSuggestion.suggest(category: category, account: contact.details.account) else {
            return (grade, nil)
        }
        return (s.grade, s)
    }

    /// Where the incident is raised: the caller's position when the phone gave one and the address is as received;
    /// otherwise the address (corrected or as received) found in the gazetteer. A force without a gazetteer raises
    /// as before (the core refuses a contact with no position).
    func place(_ contact: Contact, _ gazetteer: Gazetteer) -> Result<AddressMatch?, AddressNotFound> {
        let corrected = address.map(\.trimmingSpaces)
        if corrected == nil || corrected == contact.details.address, contact.details.location != nil {
            return .success(nil)
        }
        let text = corrected ?? contact.details.address
        guard !gazetteer.isEmpty, !text.isEmpty else { return .success(nil) }
        return gazetteer.resolve(text).map { Optional($0) }
    }
}
