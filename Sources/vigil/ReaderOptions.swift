import ArgumentParser
import Foundation
import VigilCore
import VigilStore

/// Who reads a live log: export, tail, report, replay, audit and access print callers' details, so on a live log the
/// reader proves who they are with their PIN, and each read leaves one line in the access log. Training logs are open
/// to all; `verify` reads no personal data and stays open to all.
struct ReaderOptions: ParsableArguments {
    @Option(
        name: .customLong("as"),
        help: ArgumentHelp("Who is reading (required on a live log; their PIN is asked for).", valueName: "id"))
    var reader: String?

    @Flag(help: "Read the reader's PIN from the first line of standard input.") var pinStdin = false
}

extension StoreOptions {
    /// Opens the log to read. On a live log the reader signs on as every actor does (a wrong PIN is recorded and counts
    /// towards the lock-out), and `what` (given the state) is written to the access log before anything is shown. A
    /// log that cannot be written (an evidential copy on write-protected media) is read all the same: the PIN is
    /// checked, and the line goes to the reader's state folder instead, which is said.
    func openToRead(
        _ options: ReaderOptions, mustBe role: Role? = nil, what: (DispatchState) -> String
    ) throws -> EventStore {
        let source = SecretSource(fromStdin: options.pinStdin)
        // A server named without a user is reached only by signing in as the reader's own role.
        let signsIn = EventStore.isServerURL(db) && (try? ServerAddress(url: db))?.user == nil
        if signsIn, options.reader == nil {
            throw Failure(
                description: "say who is reading \(shown) with --as ID; they sign in to it as their own role")
        }
        let peek = signsIn ? try open(as: options.reader, pinStdin: options.pinStdin) : try openReadOnly()
        guard try !peek.header().training else { return peek }
        // The server's administrator (its URL's user, the schema's owner) reads in the log's name; the server's own
        // record_access refuses anyone else who is not an operator.
        if EventStore.isServerURL(db), !signsIn, options.reader == nil {
            let now = Instant(seconds: Int64(Date().timeIntervalSince1970))
            let state = try LogSession(store: peek, trusted: Heads.trusted(peek)).state
            try peek.recordAccess(
                AccessEntry(
                    at: now, operatorID: Vigil.Log.Snapshot.administrator, console: Self.readerConsole, record: "log",
                    what: what(state)))
            return peek
        }
        guard let asked = options.reader else {
            throw Failure(
                description:
                    "\(shown) is a live log, which holds callers' details: say who is reading with --as ID (their PIN is asked for, or read from standard input with --pin-stdin)"
            )
        }
        var writable: EventStore? = signsIn ? peek : nil
        if writable == nil {
            do { writable = try open() } catch StoreError.readOnly { writable = nil }
        }
        if let log = writable, !log.isReadOnly {
            if log !== peek { peek.close() }
            let session = try LogSession(store: log, trusted: Heads.trusted(log))
            let id = session.state.operatorID(matching: asked)
            let now = session.actingTime(wallNow: try commandTime(nil))
            try SignOn.authenticate(id, session: session, console: Self.readerConsole, now: now, source: source)
            if let role, session.state.operators[id]?.role != role {
                throw Failure(description: "\(id) is not a \(role.label); only a \(role.label) may do this")
            }
            try log.recordAccess(
                AccessEntry(
                    at: now, operatorID: id, console: Self.readerConsole, record: "log", what: what(session.state)))
            return log
        }
        // Nothing can be written here: the PIN is checked without a record, and the look kept beside the reader.
        let session = try LogSession(store: peek, trusted: Heads.trusted(peek))
        let id = session.state.operatorID(matching: asked)
        let now = session.actingTime(wallNow: try commandTime(nil))
        guard let op = session.state.operators[id], !op.disabled else {
            throw Failure(description: "operator \(id) is not an operator who may read \(shown)")
        }
        if let until = session.state.lockedOut(id, at: now) {
            throw Failure(description: DispatchError.operatorLockedOut(id, until: until).message)
        }
        guard let pin = source.ask("PIN for \(id) (\(op.name)): "), try session.prove(pin, for: id) else {
            throw Failure(description: "wrong or missing PIN for \(id); nothing was read")
        }
        if let role, op.role != role {
            throw Failure(description: "\(id) is not a \(role.label); only a \(role.label) may do this")
        }
        let file = try ReadRecord.write(
            AccessEntry(at: now, operatorID: id, console: Self.readerConsole, record: "log", what: what(session.state)),
            log: shown)
        warn("\(shown) cannot be written, so this read is recorded in \(file) instead")
        return peek
    }

    /// The console a read is recorded from.
    static let readerConsole: ConsoleID = "reader"
}

/// Reads of logs that cannot be written, kept in the reader's state folder (`reads.log`, 0600), one line each.
enum ReadRecord {
    static func write(_ e: AccessEntry, log: String) throws -> String {
        let folder = HeadMemory.defaultFolder()
        try FileManager.default.createDirectory(
            atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        let file = folder + "/reads.log"
        let line =
            [String(e.at.seconds), e.operatorID, e.console, log, e.what].map(\.terminalSafe).joined(separator: "\t")
            + "\n"
        let fd = Glibc.open(file, O_WRONLY | O_CREAT | O_APPEND | O_CLOEXEC, 0o600)
        guard fd >= 0 else { throw Failure(description: "\(file) cannot be written; nothing was read") }
        defer { Glibc.close(fd) }
        let bytes = Array(line.utf8)
        guard Glibc.write(fd, bytes, bytes.count) == bytes.count else {
            throw Failure(description: "\(file) cannot be written; nothing was read")
        }
        return file
    }
}
