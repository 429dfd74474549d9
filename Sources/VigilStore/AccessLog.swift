import Foundation
import GRDB
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
    public func recordAccess(_ entry: AccessEntry) throws(StoreError) {
        try guarded {
            try retryingWhenBusy {
                try pool.write { db in
                    try db.execute(
                        sql: "INSERT INTO access(at, operator, console, record, what) VALUES (?, ?, ?, ?, ?)",
                        arguments: [entry.at.seconds, entry.operatorID, entry.console, entry.record, entry.what])
                }
            }
        }
    }

    /// Looks, oldest first, narrowed to an operator and/or a record.
    public func accessLog(operator op: OperatorID? = nil, record: String? = nil) throws(StoreError) -> [AccessEntry] {
        try guarded {
            try pool.read { db in
                var sql = "SELECT at, operator, console, record, what FROM access WHERE 1 = 1"
                var args: [any DatabaseValueConvertible] = []
                if let op { sql += " AND operator = ?"; args.append(op) }
                if let record { sql += " AND record = ?"; args.append(record) }
                return try Row.fetchAll(db, sql: sql + " ORDER BY id", arguments: StatementArguments(args)).map {
                    AccessEntry(
                        at: Instant(seconds: $0["at"]), operatorID: $0["operator"], console: $0["console"],
                        record: $0["record"], what: $0["what"])
                }
            }
        }
    }
}
