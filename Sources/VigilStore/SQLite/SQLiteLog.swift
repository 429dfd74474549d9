import Foundation
import GRDB
import GRDBSQLite
import VigilCore
import VigilForce

/// The log in one SQLite file, shared by every console on the host. One `DatabasePool` per file; appends are
/// `BEGIN IMMEDIATE` transactions that read the chain's tail inside.
final class SQLiteLog: LogBackend {
    let path: String
    let durability: Durability
    /// A pool (one writer, many readers) for a log opened to write; one read-only connection otherwise.
    let pool: any DatabaseWriter
    let isReadOnly: Bool
    let warnings: [String]
    /// One read-only connection kept for `data_version` polling, which only means something on a single connection.
    let watchConnection: DatabaseQueue
    let wallClock: @Sendable () -> Instant
    /// The file's log format: 3, or 2 for an older log opened to read or upgrade.
    let format: Int

    var location: String { path }
    /// Format 3 signs events; a format-2 log is read as unsigned.
    var signsEvents: Bool { format >= 3 }
    /// What reads the signature column: a format-2 log has none.
    var signatureColumn: String { format >= 3 ? "signature" : "x'' AS signature" }

    /// Creates a new log file. Fails if the file exists. The file (and its WAL and shared-memory files, which SQLite
    /// makes with the same mode) is 0600 whatever the umask: it holds callers' details and PIN hashes. A live log is
    /// made with its first supervisor's credential in the same transaction, so it is never without one.
    static func create(
        path: String, header: EventStore.Header, durability: Durability,
        firstCredential: Credential?, wallClock: @escaping @Sendable () -> Instant
    ) throws(StoreError) -> SQLiteLog {
        guard !FileManager.default.fileExists(atPath: path) else { throw .exists(path: path) }
        let fd = Glibc.open(path, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
        guard fd >= 0 else {
            throw errno == EEXIST
                ? .exists(path: path)
                : translate(
                    DatabaseError(resultCode: .SQLITE_CANTOPEN, message: String(cString: strerror(errno))), path: path)
        }
        fchmod(fd, 0o600)
        Glibc.close(fd)
        // A log that could not be set up completely is removed, never left half-made.
        var finished = false
        defer {
            if !finished {
                for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
            }
        }
        let store = try SQLiteLog(
            path: path, durability: durability, wallClock: wallClock, pragmas: [], readOnly: false, warnings: [],
            format: LogSchema.formatVersion)
        try store.guarded {
            try store.pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA application_id = \(LogSchema.applicationID)")
            }
            try LogSchema.migrator.migrate(store.pool)
            try store.pool.writeWithoutTransaction { db in
                try db.inTransaction(.immediate) {
                    for (k, v) in header.metaRows {
                        try db.execute(sql: "INSERT INTO meta(key, value) VALUES (?, ?)", arguments: [k, v])
                    }
                    if let firstCredential { try Self.write(firstCredential, at: header.createdAt, db: db) }
                    try db.execute(sql: "PRAGMA user_version = \(LogSchema.formatVersion)")
                    return .commit
                }
            }
        }
        store.checkpoint()
        finished = true
        return store
    }

    /// Opens an existing log file, refusing files that are missing, foreign, older, newer, tampered with at the header
    /// or damaged, and changing nothing in them. Without a `durability`, a training log commits `.fast` and any other
    /// log `.live`, as its header (bound to the chain's genesis) says.
    static func open(
        path: String, durability: Durability?, wallClock: @escaping @Sendable () -> Instant,
        pragmas: [String], readOnly: Bool, upgrading: Bool = false
    ) throws(StoreError) -> SQLiteLog {
        var info = stat()
        guard stat(path, &info) == 0 else { throw .missing(path: path) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw .notAFile(path: path) }
        guard info.st_size > 0 else { throw .empty(path: path) }
        var warnings: [String] = []
        if info.st_mode & 0o077 != 0 {
            warnings.append(
                "\(path) can be read by other users (mode \(String(info.st_mode & 0o777, radix: 8))); it holds callers' details: chmod 600 it"
            )
        }
        let target = readOnly && needsImmutable(path) ? immutableURI(path) : path
        let (training, format) = try checkIdentity(path: path, opening: target)
        // An older log is read as it is (verify, export) or upgraded; nothing else writes to it.
        if format < LogSchema.formatVersion, !readOnly, !upgrading {
            throw .olderFormat(path: path, found: format)
        }
        if format < LogSchema.formatVersion, readOnly {
            warnings.append(
                "\(path) is a format-\(format) log: its events are unsigned (`vigil log upgrade` signs what comes after)"
            )
        }
        return try SQLiteLog(
            path: path, durability: durability ?? (training ? .fast : .live), wallClock: wallClock, pragmas: pragmas,
            readOnly: readOnly, warnings: warnings, format: format, opening: target)
    }

    /// Brings a format-2 log to format 3 (a signature column, a table of sealed keys), in one transaction; a log
    /// already at format 3 is left as it is. Whatever was in the file stays byte for byte: signatures begin with the
    /// next event.
    static func upgrade(path: String) throws(StoreError) {
        let old = try open(
            path: path, durability: nil, wallClock: EventStore.systemNow, pragmas: [], readOnly: false, upgrading: true)
        guard old.format < LogSchema.formatVersion else { return }
        if let problem = try old.schemaProblem() {
            throw .tampered(path: path, detail: "its schema: \(problem)")
        }
        try old.guarded {
            try LogSchema.migrator.migrate(old.pool)
            try old.pool.writeWithoutTransaction { db in
                try db.execute(sql: "PRAGMA user_version = \(LogSchema.formatVersion)")
            }
        }
        old.checkpoint()
    }

    /// A read-only open of a WAL log needs its `-shm`, or a folder where one can be made; failing both (write-protected
    /// media), the file is opened as immutable, which is what an evidential copy is.
    static func needsImmutable(_ path: String) -> Bool {
        let folder =
            (path as NSString).deletingLastPathComponent.isEmpty ? "." : (path as NSString).deletingLastPathComponent
        guard access(folder, W_OK) != 0 else { return false }
        return access(path + "-shm", R_OK | W_OK) != 0
    }

    static func immutableURI(_ path: String) -> String {
        let absolute = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        var allowed = CharacterSet.urlPathAllowed
        allowed.remove(charactersIn: "?#%")
        return "file:" + (absolute.addingPercentEncoding(withAllowedCharacters: allowed) ?? absolute) + "?immutable=1"
    }

    /// Reads the file's identity through a read-only connection before anything opens it for writing: opening a pool
    /// switches a database to WAL, and a foreign or newer file must be left exactly as it was. The header's training
    /// mark is checked against the genesis it is bound to, and the first event against the genesis, so a log flipped
    /// from live to training is refused rather than opened without PINs. Returns the training mark and the format.
    static func checkIdentity(path: String, opening target: String? = nil) throws(StoreError) -> (Bool, Int) {
        // Looked at before SQLite opens the file, which makes an empty -wal beside it.
        let walGone = walModeHeader(path) && !FileManager.default.fileExists(atPath: path + "-wal")
        do {
            var config = Configuration()
            config.readonly = true
            config.busyMode = .timeout(5)
            let queue = try DatabaseQueue(path: target ?? path, configuration: config)
            defer { try? queue.close() }
            return try queue.read { db in
                let appID = try Int32.fetchOne(db, sql: "PRAGMA application_id") ?? 0
                let version = try Int.fetchOne(db, sql: "PRAGMA user_version") ?? 0
                guard appID == LogSchema.applicationID else {
                    // Bytes 18 and 19 of a WAL database's header are 2: its content may all be in a -wal that is gone.
                    if appID == 0, version == 0, walGone {
                        throw StoreError.walMissing(path: path)
                    }
                    throw StoreError.notAVigilLog(path: path)
                }
                guard version <= LogSchema.formatVersion else {
                    throw StoreError.newerFormat(path: path, found: version, supported: LogSchema.formatVersion)
                }
                guard version >= LogSchema.oldestReadable else {
                    throw StoreError.olderFormat(path: path, found: version)
                }
                let header = try readHeader(db, path: path)
                try header.checkGenesis(
                    firstPrevHash: try Data.fetchOne(db, sql: "SELECT prev_hash FROM event WHERE seq = 1"), path: path)
                // Only format 3 records keys; one in an older file means the file was taken back to strip signatures.
                if version < 3, try keyRecorded(db) {
                    throw StoreError.tampered(
                        path: path,
                        detail:
                            "it says it is format \(version), but its chain records signing keys, which only format 3 does: its signatures were stripped"
                    )
                }
                return (header.training, version)
            }
        } catch {
            throw translate(error, path: path)
        }
    }

    /// Whether the chain records a signing key (an OperatorPINSet carrying one).
    static func keyRecorded(_ db: Database) throws -> Bool {
        try Bool.fetchOne(
            db,
            sql: """
                SELECT EXISTS (SELECT 1 FROM event WHERE type = 'OperatorPINSet'
                    AND json_extract(payload, '$.operatorPINSet.key') IS NOT NULL)
                """) ?? false
    }

    /// Whether the file's SQLite header says it is in WAL mode.
    static func walModeHeader(_ path: String) -> Bool {
        guard let h = FileHandle(forReadingAtPath: path), let bytes = try? h.read(upToCount: 20), bytes.count == 20
        else { return false }
        try? h.close()
        return bytes[bytes.startIndex + 18] == 2 && bytes[bytes.startIndex + 19] == 2
    }

    private init(
        path: String, durability: Durability, wallClock: @escaping @Sendable () -> Instant, pragmas: [String],
        readOnly: Bool, warnings: [String], format: Int, opening target: String? = nil
    ) throws(StoreError) {
        self.path = path
        self.format = format
        self.durability = durability
        self.wallClock = wallClock
        self.isReadOnly = readOnly
        self.warnings = warnings
        var config = Configuration()
        config.busyMode = .timeout(5)
        config.label = "vigil-log"
        config.readonly = readOnly
        config.prepareDatabase { db in
            for p in pragmas { try db.execute(sql: p) }
        }
        do {
            if readOnly {
                pool = try DatabaseQueue(path: target ?? path, configuration: config)
            } else {
                pool = try DatabasePool(path: path, configuration: config)
                // Only the writer commits, so only it needs the setting; it goes here because GRDB sets synchronous=NORMAL
                // on the writer when it switches to WAL, after `prepareDatabase` has run.
                try pool.writeWithoutTransaction { db in
                    try db.execute(
                        sql: durability == .live ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL")
                }
            }
            var watchConfig = Configuration()
            watchConfig.readonly = true
            watchConfig.busyMode = .timeout(5)
            watchConnection = try DatabaseQueue(path: target ?? path, configuration: watchConfig)
        } catch {
            throw Self.translate(error, path: path)
        }
    }

    /// Folds the WAL into the main file and truncates it (`wal_checkpoint(TRUNCATE)`), so that every acknowledged
    /// event is in the `.db` file itself. Readers elsewhere may keep it from completing; the next clean exit tries again.
    func checkpoint() {
        guard !isReadOnly else { return }
        _ = try? pool.writeWithoutTransaction { db in try db.checkpoint(.truncate) }
    }

    func close() {}

    func standbyWarning() -> String? { nil }

    var writesSnapshots: Bool { !isReadOnly }

    var passedOverWarnings: [String] { [] }

    func discard() {
        try? (pool as? DatabasePool)?.close()
        try? watchConnection.close()
        for suffix in ["", "-wal", "-shm"] { try? FileManager.default.removeItem(atPath: path + suffix) }
    }

    func header() throws(StoreError) -> EventStore.Header {
        try guarded { try pool.read { db in try Self.readHeader(db, path: path) } }
    }

    /// The header from the meta table, or `corrupt` when a part is missing or unreadable.
    static func readHeader(_ db: Database, path: String) throws -> EventStore.Header {
        var meta: [String: String] = [:]
        for r in try Row.fetchAll(db, sql: "SELECT key, value FROM meta") { meta[r["key"]] = r["value"] }
        return try EventStore.Header(meta: meta, path: path)
    }

    func tail() throws(StoreError) -> LogHead? {
        try guarded {
            try pool.read { db in
                try Row.fetchOne(db, sql: "SELECT seq, hash FROM event ORDER BY seq DESC LIMIT 1").map {
                    LogHead(seq: $0["seq"], hash: $0["hash"])
                }
            }
        }
    }

    func hash(at seq: Int64) throws(StoreError) -> Data? {
        try guarded {
            try pool.read { db in try Data.fetchOne(db, sql: "SELECT hash FROM event WHERE seq = ?", arguments: [seq]) }
        }
    }

    func lastWrittenAt() throws(StoreError) -> Instant? {
        try guarded {
            try pool.read { db in
                try Int64.fetchOne(db, sql: "SELECT recorded_at FROM event ORDER BY seq DESC LIMIT 1").map(
                    Instant.init(seconds:))
            }
        }
    }

    func lastSeq() throws(StoreError) -> Int64 {
        try guarded {
            try pool.read { db in try Int64.fetchOne(db, sql: "SELECT coalesce(max(seq), 0) FROM event") ?? 0 }
        }
    }

    /// Runs a database job, turning SQLite failures into one readable sentence.
    func guarded<T>(_ body: () throws -> T) throws(StoreError) -> T {
        do { return try body() } catch { throw Self.translate(error, path: path) }
    }

    func guardedAny<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch let e as DispatchError { throw e } catch {
            throw Self.translate(error, path: path)
        }
    }

    static func translate(_ error: any Error, path: String) -> StoreError {
        if let e = error as? StoreError { return e }
        guard let db = error as? DatabaseError else { return .other("\(path): \(error)") }
        switch db.resultCode {
        case .SQLITE_BUSY, .SQLITE_LOCKED: return .locked(path: path)
        case .SQLITE_READONLY: return .readOnly(path: path)
        case .SQLITE_FULL: return .full(path: path)
        case .SQLITE_NOTADB: return .notSQLite(path: path)
        case .SQLITE_CORRUPT: return .corrupt(path: path, detail: db.message ?? "corrupt")
        case .SQLITE_CANTOPEN, .SQLITE_PERM, .SQLITE_AUTH:
            return FileManager.default.isWritableFile(
                atPath: (path as NSString).deletingLastPathComponent.isEmpty
                    ? "." : (path as NSString).deletingLastPathComponent)
                ? .cannotOpen(path: path, detail: db.message ?? "cannot open") : .readOnly(path: path)
        case .SQLITE_CONSTRAINT:
            return .other("\(path): the log refused the write (\(db.message ?? "constraint")); nothing was written.")
        default: return .other("\(path): \(db.message ?? "\(db)")")
        }
    }
}
