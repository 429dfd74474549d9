import Foundation
import VigilCore

/// Where a log's chain ends: a seq and the hash of the event there (the genesis for an empty log).
public struct LogHead: Hashable, Sendable, Codable {
    public var seq: Int64
    public var hash: Data
    public init(seq: Int64, hash: Data) { self.seq = seq; self.hash = hash }

    /// `seq 42 (3f9a1c…)`, for messages.
    public var text: String { "seq \(seq) (\(hash.prefix(6).map { String(format: "%02x", $0) }.joined())…)" }
}

/// What a client remembers of each log it has seen: the highest head, keyed by the log's genesis (not its path, so
/// a moved or copied log is still recognised). A log found behind that head, or disagreeing with it, has been cut
/// off, rolled back or rewritten. Kept in the state folder (`$XDG_STATE_HOME/vigil`, or `~/.local/state/vigil`),
/// written under a lock and by rename, so concurrent processes and `kill -9` can neither tear it nor lower it.
public struct HeadMemory: Sendable {
    public let folder: String

    public init(folder: String) { self.folder = folder }

    /// The user's state folder for Vigil.
    public static func defaultFolder(environment: [String: String] = ProcessInfo.processInfo.environment) -> String {
        if let xdg = environment["XDG_STATE_HOME"], xdg.hasPrefix("/") { return xdg + "/vigil" }
        return (environment["HOME"] ?? NSHomeDirectory()) + "/.local/state/vigil"
    }

    var file: String { folder + "/heads.json" }

    /// What a log is, measured against the head remembered for it.
    public enum Standing: Equatable, Sendable {
        case unknown
        case current
        /// The log ends before the remembered head: events were cut off or the file rolled back.
        case behind(remembered: LogHead, found: LogHead)
        /// The log holds another event where the remembered head was: it was rewritten.
        case diverged(remembered: LogHead, found: LogHead)
    }

    /// The remembered head for a genesis, if any.
    public func remembered(_ genesis: Data) throws(StoreError) -> LogHead? {
        try read()[Self.key(genesis)]
    }

    /// Compares a log with what is remembered of it.
    public func standing(of store: EventStore) throws(StoreError) -> Standing {
        let genesis = try store.header().genesis
        guard let known = try remembered(genesis) else { return .unknown }
        let head = try store.head()
        guard head.seq >= known.seq else { return .behind(remembered: known, found: head) }
        let there = try store.hash(at: known.seq)
        guard there == known.hash else {
            return .diverged(remembered: known, found: LogHead(seq: known.seq, hash: there ?? Data()))
        }
        return .current
    }

    /// Remembers `head` for the log if it is further on than what is remembered; never lowers it.
    public func remember(_ head: LogHead, for genesis: Data) throws(StoreError) {
        do {
            try FileManager.default.createDirectory(
                atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch {
            throw .other(
                "the state folder \(folder) cannot be made (\(error.localizedDescription)); set XDG_STATE_HOME to a folder you own"
            )
        }
        let lock = open(folder + "/heads.lock", O_CREAT | O_RDWR | O_CLOEXEC, 0o600)
        guard lock >= 0 else {
            throw .other("\(folder)/heads.lock cannot be opened; check the state folder's permissions")
        }
        defer { close(lock) }
        flock(lock, LOCK_EX)
        defer { flock(lock, LOCK_UN) }
        var all = try read()
        let key = Self.key(genesis)
        if let known = all[key], known.seq >= head.seq { return }
        all[key] = head
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
        let temporary = file + ".\(getpid()).tmp"
        do {
            let data = try encoder.encode(all)
            let fd = open(temporary, O_CREAT | O_TRUNC | O_WRONLY | O_CLOEXEC, 0o600)
            guard fd >= 0 else { throw StoreError.other("\(temporary) cannot be written") }
            let written = data.withUnsafeBytes { write(fd, $0.baseAddress, $0.count) }
            fsync(fd)
            close(fd)
            guard written == data.count else {
                unlink(temporary); throw StoreError.other("\(file) could not be written (disk full?)")
            }
            guard rename(temporary, file) == 0 else {
                unlink(temporary); throw StoreError.other("\(file) could not be replaced")
            }
        } catch let e as StoreError {
            throw e
        } catch {
            throw .other("\(file) could not be written: \(error)")
        }
    }

    func read() throws(StoreError) -> [String: LogHead] {
        guard let data = FileManager.default.contents(atPath: file) else { return [:] }
        do { return try JSONDecoder().decode([String: LogHead].self, from: data) } catch {
            throw .other(
                "\(file) cannot be read (\(error)); move it aside, and check your logs with `vigil log verify`")
        }
    }

    static func key(_ genesis: Data) -> String { genesis.map { String(format: "%02x", $0) }.joined() }
}
