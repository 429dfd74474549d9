import VigilCore

/// A command the console asks about before sending, and what it says when the answer is no.
public struct Confirmation: Hashable, Sendable {
    public var command: Command
    public var declined: String

    public init(_ command: Command, declined: String) { self.command = command; self.declined = declined }
}

extension ConsoleModel {
    /// The calls this console's operator has answered and not yet raised, linked, resolved or given back.
    func callsInHand(_ state: DispatchState) -> [ContactID] {
        state.contactsInHand.filter { state.contacts[$0]?.handler == operatorID }
    }

    /// Asks before a command that does more than it says: closing an incident stands down the units still on it.
    /// Nil when the command needs no question.
    func question(_ command: Command, state: DispatchState) -> (Confirmation, String)? {
        guard case .closeIncident(let ref, _, _) = command, let i = state.incidents[ref], i.isOpen, !i.units.isEmpty
        else { return nil }
        let on = i.units.map { cs in "\(cs) \(state.units[cs]?.status.label ?? "")" }.joined(separator: ", ")
        return (
            Confirmation(command, declined: "\(ref.short) stays open with \(i.units.joined(separator: " ")) on it."),
            "\(ref.short) has \(on). Close it and stand them down? y to close, any other key to keep it open."
        )
    }
}
