extension DispatchState {
    /// The registered operator whose id is `text` in any case: ids are kept as entered (D100) and typed as people
    /// type them (d100). The id as given when no operator matches, so the refusal names what was typed.
    public func operatorID(matching text: String) -> OperatorID {
        if operators[text] != nil { return text }
        let folded = text.lowercased()
        return operators.keys.first { $0.lowercased() == folded } ?? text
    }

    /// The supervisor, not disabled, with the lowest id: who acts for the administrator when no one is named (the
    /// same one every time, whatever order the operators are held in).
    public var firstSupervisor: Operator? {
        operators.values.filter { $0.role == .supervisor && !$0.disabled }.min { $0.id < $1.id }
    }
}
