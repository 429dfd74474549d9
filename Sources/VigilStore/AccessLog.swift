import Foundation
import VigilCore

/// One look at personal data: who opened which record's caller details, when, from which console.
public struct AccessEntry: Hashable, Sendable {
    public var at: Instant
    public var operatorID: OperatorID
    public var console: ConsoleID
    /// The record, e.g. `C12` or `WM-20261125-0014`.
    public var record: String
    /// What was shown, e.g. `caller details`.
    public var what: String
    public init(at: Instant, operatorID: OperatorID, console: ConsoleID, record: String, what: String) {
        self.at = at; self.operatorID = operatorID; self.console = console; self.record = record; self.what = what
    }
}

/// The access log beside the event log: append-only (triggers refuse edits), and not in the event chain, so
/// looking at a record does not change the record of what was done.
extension EventStore {
    /// Records one look.
    public func recordAccess(_ entry: AccessEntry) throws(StoreError) { try backend.recordAccess(entry) }

    /// Looks, oldest first, narrowed to an operator and/or a record.
    public func accessLog(operator op: OperatorID? = nil, record: String? = nil) throws(StoreError) -> [AccessEntry] {
        try backend.accessLog(operator: op, record: record)
    }
}
