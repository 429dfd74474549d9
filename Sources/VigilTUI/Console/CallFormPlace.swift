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

    /// Where the incident is raised, by the command line's rule: an address left as received counts as not typed,
    /// so the phone's position stands when there is one.
    func place(_ contact: Contact, _ state: DispatchState) -> Result<AddressMatch?, AddressNotFound> {
        let corrected = address.map(\.trimmingSpaces)
        return state.placeToRaise(contact.id, address: corrected == contact.details.address ? nil : corrected)
    }
}
