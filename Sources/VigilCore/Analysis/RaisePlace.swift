extension DispatchState {
    /// Where an incident raised from a contact is, when the gazetteer must say: the address typed for it, or the
    /// contact's own when the caller gave no position. Nil when nothing need be looked up (the phone's position
    /// stands, or the force has no gazetteer); a failure names the nearest places. The command line and the call form
    /// both ask here, so they raise in the same place from the same words.
    public func placeToRaise(_ id: ContactID, address typed: String?) -> Result<AddressMatch?, AddressNotFound> {
        let details = contacts[id]?.details
        let text = typed ?? (details?.location == nil ? details?.address : nil)
        guard let text, !text.trimmingSpaces.isEmpty, !force.gazetteer.isEmpty else { return .success(nil) }
        return force.gazetteer.resolve(text).map { Optional($0) }
    }
}
