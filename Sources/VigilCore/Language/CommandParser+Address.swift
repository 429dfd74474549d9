extension CommandParser {
    /// `raise` without `at=`: the address typed with it, or the contact's own when the caller gave no position, is
    /// looked up in the force's gazetteer. Not found (or found in two places), the line is refused with the nearest
    /// matches; a force without a gazetteer, or a contact whose phone gave a position, needs no lookup.
    func lookUp(
        _ id: ContactID, address: String?, token: Token, _ make: (AddressMatch?) -> Command
    ) throws(CommandLineError) -> Command {
        switch state.placeToRaise(id, address: address) {
        case .success(let found): return make(found)
        case .failure(let why): throw CommandLineError(why.message, column: token.column, suggestion: nil)
        }
    }
}
