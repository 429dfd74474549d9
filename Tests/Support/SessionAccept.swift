import VigilCore
import VigilStore

/// A set-up step a log refused: thrown, so the test fails and says what was refused and why.
public struct Refused: Error, CustomStringConvertible {
    public var description: String
}

extension LogSession {
    /// Acts as a test's set-up step: a refusal throws, where `_ = try execute(…)` would pass it by unnoticed.
    @discardableResult
    public func accept(_ command: Command, by actor: Actor, at now: Instant) throws -> [StoredEvent] {
        try acceptAll([command], by: actor, at: now)
    }

    /// Several commands in one commit, as `executeAll`; a refusal of any throws.
    @discardableResult
    public func acceptAll(_ commands: [Command], by actor: Actor, at now: Instant) throws -> [StoredEvent] {
        switch try executeAll(commands, by: actor, at: now) {
        case .success(let events): return events
        case .failure(let e): throw Refused(description: "refused \(commands) by \(actor.operatorID): \(e.message)")
        }
    }
}
