import ArgumentParser
import Foundation
import VigilCore
import VigilStore

/// The `--db` option shared by every subcommand that works on an event log.
struct StoreOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp(
            "The event log: a SQLite file, or a PostgreSQL URL (postgres://host:port/database).", valueName: "path"))
    var db: String

    /// The log's name for messages: a server's URL without its password.
    var shown: String {
        guard EventStore.isServerURL(db), let address = try? ServerAddress(url: db) else { return db }
        return address.redacted
    }

    /// Opens the log to write, or fails with one sentence. Training logs commit with synchronous=NORMAL (said when they
    /// are created); live logs always with FULL. A clean exit checkpoints its WAL into the main file.
    func open() throws -> EventStore {
        let store = try EventStore.open(path: db)
        try Heads.refuseIfTampered(store)
        for w in store.warnings + Heads.forks(store) { warn(w) }
        try Heads.refuseIfCut(store)
        OpenLogs.add(store)
        return store
    }

    /// Opens the log to write as an operator. On a server whose URL names no user, the operator signs in as their
    /// own login role: their passphrase is asked for first (or read from standard input), and the sign-on that
    /// follows takes it without asking again. Anywhere else, as `open()`.
    func open(as op: String?, pinStdin: Bool) throws -> EventStore {
        guard EventStore.isServerURL(db), let address = try? ServerAddress(url: db), address.user == nil,
            let op
        else { return try open() }
        guard let secret = SignOn.read("Passphrase for \(op) on \(address.redacted): ", fromStdin: pinStdin),
            !secret.isEmpty
        else {
            throw Failure(
                description:
                    "no passphrase was given for \(op), who signs in to \(address.redacted) as their own role; on a terminal it is asked for, otherwise give it on the first line of standard input with --pin-stdin"
            )
        }
        let store = try EventStore.open(path: db, login: .init(operatorID: op, secret: secret))
        SignOn.signedIn(op, secret: secret)
        try Heads.refuseIfTampered(store)
        for w in store.warnings { warn(w) }
        try Heads.refuseIfCut(store)
        OpenLogs.add(store)
        return store
    }

    /// Opens the log to read only: verify, replay, tail, export, audit and report never write to it.
    func openReadOnly() throws -> EventStore {
        let store = try EventStore.openReadOnly(path: db)
        try Heads.refuseIfTampered(store)
        for w in store.warnings { warn(w) }
        if let problem = try Heads.problem(store) { warn(problem) } else { OpenLogs.add(store) }
        return store
    }
}

/// One line on standard error, escaped for the terminal.
func warn(_ text: String) { say("warning: \(text)") }

/// One whole line on standard error (a listing's count, a warning), after what standard output holds so far: a
/// buffered listing would otherwise end in the middle of its last line when both go to one terminal or file.
func say(_ text: String) {
    fflush(nil)
    FileHandle.standardError.write(Data("\(text.terminalSafe)\n".utf8))
}

/// The heads this machine remembers of each log it has seen, so a cut-off or rolled-back log is noticed.
enum Heads {
    static var memory: HeadMemory { HeadMemory(folder: HeadMemory.defaultFolder()) }

    /// One sentence naming both heads when the log is behind or off what this machine saw; nil when it is not.
    static func problem(_ store: EventStore) throws -> String? {
        switch try memory.standing(of: store) {
        case .unknown, .current: return nil
        case .behind(let remembered, let found):
            return
                "\(store.path) ends at \(found.text), but this machine saw it reach \(remembered.text): events have been cut off or the file rolled back"
        case .diverged(let remembered, let found):
            return
                "\(store.path) holds another event at seq \(remembered.seq) than this machine saw (found \(found.text), remembered \(remembered.text)): the log has been rewritten"
        case .stripped:
            return
                "\(store.path) was signed when this machine saw it, and its events are not signed now: its signatures were stripped"
        case .replaced(let place, let remembered):
            return
                "\(store.path) is not the log this machine saw at \(place), which reached \(remembered.text): the file was replaced by another log (if that was meant, `vigil log verify --allow-older` takes it as the log there from now on)"
        }
    }

    /// How far this machine checked the log before (its remembered head, when the log still holds it): a session
    /// trusts the events up to it and checks every one after.
    /// The snapshots this machine vouches for are handed to the store here too, as the only ones it opens from.
    static func trusted(_ store: EventStore) -> LogHead? {
        store.vouch(for: (try? memory.vouchedSnapshots(of: store)) ?? [])
        return (try? memory.trustedHead(of: store)) ?? nil
    }

    /// Takes a log made here on purpose (`log init`, a new training log, a copy's target) as the log at its place,
    /// forgetting any other seen there.
    static func claim(_ store: EventStore) {
        do {
            try memory.remember(
                try store.head(), for: try store.header().genesis, at: HeadMemory.places(of: store), claiming: true,
                signed: try store.checksSignatures())
        } catch {
            warn("the head of \(store.path) could not be remembered: \(error)")
        }
    }

    /// A log whose schema is not the one Vigil made (a trigger planted to drop refusals or access lines, say) is
    /// refused by every command but verify, which names what differs. (A server's schema only its owner can change.)
    static func refuseIfTampered(_ store: EventStore) throws {
        guard !store.isServer, let problem = try store.schemaProblem() else { return }
        throw Failure(
            description:
                "\(store.path) has been tampered with: its schema: \(problem); do not use it, and run `vigil log verify`"
        )
    }

    /// One sentence for each log of the same genesis seen elsewhere that this one disagrees with: a fork, not a
    /// rollback, so it is said but never refused.
    static func forks(_ store: EventStore) -> [String] {
        ((try? memory.forks(of: store)) ?? []).map {
            "\(store.path) has diverged from the log this machine saw at \($0.location) at \($0.head.text): they share a beginning and are two logs since (a copy, or a file copied and written to)"
        }
    }

    /// `do`, the console and every other writer refuse a log that is behind or off its remembered head.
    static func refuseIfCut(_ store: EventStore) throws {
        if let problem = try problem(store) {
            throw Failure(description: problem + "; refusing to work on it (check it with `vigil log verify`)")
        }
    }

    /// Remembers where the log ends now (never lowering what is remembered); a failure is said, not fatal.
    static func remember(_ store: EventStore) {
        do {
            // A signed log is remembered as far as this process checked it: the next open trusts what is remembered.
            guard let head = try store.checkedHead() else { return }
            try memory.remember(
                head, for: try store.header().genesis, at: HeadMemory.places(of: store),
                signed: try store.checksSignatures(), snapshots: store.vouchedSnapshots)
        } catch {
            warn("the head of \(store.path) could not be remembered: \(error)")
        }
    }
}

/// Logs this process opened. At exit each one written is checkpointed, so a clean exit leaves every event in the
/// `.db` file itself and a copy of that file alone is whole; and where each ends is remembered.
enum OpenLogs {
    nonisolated(unsafe) static var stores: [EventStore] = []
    static let lock = NSLock()

    static func add(_ store: EventStore) {
        lock.lock()
        defer { lock.unlock() }
        if stores.isEmpty { atexit { OpenLogs.closeAll() } }
        stores.append(store)
    }

    static func closeAll() {
        lock.lock()
        let all = stores
        stores = []
        lock.unlock()
        for s in all {
            s.checkpoint()
            Heads.remember(s)
        }
    }
}

/// The wall clock, or a fixed UK local time given on the command line (for scripts and tests).
func commandTime(_ text: String?) throws -> Instant {
    guard let text else { return Instant(seconds: Int64(Date().timeIntervalSince1970)) }
    guard let t = Instant(ukLocal: text) else { throw ValidationError("--at must look like 2026-11-25T14:00") }
    return t
}

/// The time of an action on a session's log: `--at` is for training logs and scripts; a live record is stamped by the
/// clock; a training log without `--at` takes the shift's clock.
func actionTime(_ at: String?, session: LogSession) throws -> Instant {
    if at == nil, session.training { return session.actingTime(wallNow: try commandTime(nil)) }
    return try actionTime(at, training: session.training)
}

/// As above, for a log not yet made (`log init`).
func actionTime(_ at: String?, training: Bool) throws -> Instant {
    if at != nil, !training {
        throw Failure(
            description:
                "--at is refused on a live log: a live record is stamped by the clock (it is for training logs and scripts)"
        )
    }
    return try commandTime(at)
}
