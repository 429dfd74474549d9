import VigilCore

/// Why the event log could not be used; `message` is one sentence saying what to do.
public enum StoreError: Error, Hashable, Sendable, CustomStringConvertible {
    case missing(path: String)
    case exists(path: String)
    case notSQLite(path: String)
    case notAVigilLog(path: String)
    case newerFormat(path: String, found: Int, supported: Int)
    case readOnly(path: String)
    case locked(path: String)
    case full(path: String)
    case corrupt(path: String, detail: String)
    case cannotOpen(path: String, detail: String)
    case badPayload(seq: Int64, detail: String)
    case badForce(String)
    case notAFile(path: String)
    case empty(path: String)
    case walMissing(path: String)
    case olderFormat(path: String, found: Int)
    case tampered(path: String, detail: String)
    case other(String)

    /// The message, escaped for a terminal: it often quotes a path or what the log held.
    public var description: String { message.terminalSafe }

    public var message: String {
        switch self {
        case .missing(let p): "\(p): no such log; create it with `vigil log init --db \(p)`."
        case .exists(let p): "\(p) already exists; choose another path or remove it first."
        case .notSQLite(let p): "\(p) is not a SQLite database; check the path."
        case .notAVigilLog(let p): "\(p) is a SQLite database but not a Vigil event log; check the path."
        case .newerFormat(let p, let found, let supported):
            "\(p) uses log format \(found), newer than this Vigil understands (\(supported)); upgrade Vigil to open it."
        case .readOnly(let p): "\(p) cannot be written (read-only file or folder); check its permissions."
        case .locked(let p):
            "\(p) stayed locked by another process past the busy timeout; try again, or find the process holding it."
        case .full(let p):
            "\(p): the disk or the database size limit is full; nothing was written, free space and try again."
        case .corrupt(let p, let d): "\(p) is damaged (\(d)); restore it from a backup and run `vigil log verify`."
        case .cannotOpen(let p, let d): "\(p) cannot be opened (\(d)); check the path and its folder."
        case .badPayload(let seq, let d): "event \(seq) cannot be read (\(d)); run `vigil log verify` to check the log."
        case .badForce(let d): "the log's force cannot be read: \(d)"
        case .notAFile(let p): "\(p) is not a regular file (a folder, FIFO or device); give the path of a Vigil log."
        case .empty(let p):
            "\(p) is empty (0 bytes), not a Vigil log; create one with `vigil log init --db \(p)` after removing it."
        case .walMissing(let p):
            "\(p) is a Vigil log in WAL mode whose \(p)-wal file is missing, and with it every event since the last checkpoint; restore both files from the same backup (make backups with `vigil log backup`)."
        case .olderFormat(let p, let found):
            found < LogSchema.oldestReadable
                ? "\(p) uses log format \(found), from before this Vigil bound the training mark into the chain; it cannot be opened here."
                : "\(p) uses log format \(found), whose events are unsigned: it can be read and verified, and a supervisor signs what comes after with `vigil log upgrade --db \(p) --as SUPERVISOR`."
        case .tampered(let p, let d):
            "\(p) has been tampered with: \(d); do not use it, and run `vigil log verify` on a backup."
        case .other(let d): d
        }
    }
}
