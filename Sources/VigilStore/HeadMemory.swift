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

/// One log this client has seen: where it was, and the highest head seen there.
public struct SeenLog: Hashable, Sendable, Codable {
    /// The file's real path or the server's URL without a password; empty in memories written before places were
    /// kept, which stand for whichever log of that genesis opens.
    public var location: String
    public var head: LogHead
    /// Whether its events were signed when seen (absent in older memories): a log seen signed that no longer is had
    /// its signatures stripped.
    public var signed: Bool?
    /// The snapshots of a signed log this machine made or held to the chain by replaying it, newest last: the only
    /// ones it opens from, since anyone with the file can write a snapshot row and sign its record as themselves.
    public var snapshots: [SnapshotMark]?
}

/// A snapshot as a machine vouches for it: the seq it is of and the digest of its state.
public struct SnapshotMark: Hashable, Sendable, Codable {
    public var seq: Int64
    public var digest: Data
    public init(seq: Int64, digest: Data) { self.seq = seq; self.digest = digest }
}

/// What a client remembers of each log it has seen: the highest head at each place, keyed by the log's genesis. A log
/// found behind the head seen at its own place, or disagreeing with it, has been cut off, rolled back or rewritten.
/// Two logs of one genesis at different places (a copy, or a file copied and written to) are two logs: each is held
/// to its own head, and where one disagrees with what was seen of the other it is named a fork, never a rollback.
/// Kept in the state folder (`$XDG_STATE_HOME/vigil`, or `~/.local/state/vigil`), written under a lock and by rename,
/// so concurrent processes and `kill -9` can neither tear it nor lower it.
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
        /// Another log (another genesis) was seen at this place: the file was replaced by a different log.
        case replaced(place: String, remembered: LogHead)
        /// The log was seen signed, and its events are not signed now: taken back to an older format, say.
        case stripped
    }

    /// Every name of a log's place: for a file, the path as given (made absolute, links kept) and its real path, so a
    /// link swapped to point at another file is still held to what was seen at the name consoles use.
    public static func places(of store: EventStore) -> [String] {
        // A server's log is its database on each of its hosts, whoever signs in and however the URL lists them:
        // the administrator's URL, a console's, and a standby's alone after a failover name the same places.
        if store.isServer {
            guard let a = try? ServerAddress(url: store.path) else { return [store.path] }
            return a.endpoints.map { e in
                var one = a
                one.user = nil
                one.password = nil
                one.sslMode = "prefer"
                one.hosts = [(e.host, e.port)]
                return one.redacted
            }
        }
        let given = store.path.hasPrefix("/") ? store.path : FileManager.default.currentDirectoryPath + "/" + store.path
        // `.` and `..` taken out by hand: Foundation's standardizing may resolve links, which is the point not to.
        var parts: [Substring] = []
        for part in given.split(separator: "/") where part != "." {
            if part == ".." { _ = parts.popLast() } else { parts.append(part) }
        }
        let named = "/" + parts.joined(separator: "/")
        guard let real = realpath(store.path, nil) else { return [named] }
        defer { free(real) }
        let resolved = String(cString: real)
        return named == resolved ? [resolved] : [named, resolved]
    }

    /// The highest head remembered for a genesis at any place, if any.
    public func remembered(_ genesis: Data) throws(StoreError) -> LogHead? {
        (try read()[Self.key(genesis)] ?? []).map(\.head).max { $0.seq < $1.seq }
    }

    /// Compares a log with what is remembered of it at its place (under each of its place's names).
    public func standing(of store: EventStore) throws(StoreError) -> Standing {
        let genesis = try store.header().genesis
        let places = Self.places(of: store)
        let all = try read()
        let mine = all[Self.key(genesis)] ?? []
        for place in places where !mine.contains(where: { $0.location == place }) {
            for (key, seen) in all where key != Self.key(genesis) {
                if let there = seen.first(where: { $0.location == place }) {
                    return .replaced(place: place, remembered: there.head)
                }
            }
        }
        // Seen signed here: the same log at the same place cannot have lost its signatures (a copy on a server,
        // which signs nothing, is another place).
        if mine.contains(where: { places.contains($0.location) && $0.signed == true }), try !store.checksSignatures() {
            return .stripped
        }
        let known = mine.filter { places.contains($0.location) || $0.location.isEmpty }.map(\.head)
            .max { $0.seq < $1.seq }
        guard let known else { return .unknown }
        let head = try store.head()
        guard head.seq >= known.seq else { return .behind(remembered: known, found: head) }
        let there = try store.hash(at: known.seq)
        guard there == known.hash else {
            return .diverged(remembered: known, found: LogHead(seq: known.seq, hash: there ?? Data()))
        }
        return .current
    }

    /// The head remembered for the log at its own place, when the log still holds it there: how far this machine
    /// checked it. Nil when nothing is remembered here or the log disagrees with it.
    public func trustedHead(of store: EventStore) throws(StoreError) -> LogHead? {
        guard try standing(of: store) == .current else { return nil }
        let places = Self.places(of: store)
        return (try read()[Self.key(try store.header().genesis)] ?? [])
            .filter { places.contains($0.location) || $0.location.isEmpty }.map(\.head).max { $0.seq < $1.seq }
    }

    /// The snapshots this machine vouches for, of the log at its own place.
    public func vouchedSnapshots(of store: EventStore) throws(StoreError) -> [SnapshotMark] {
        let places = Self.places(of: store)
        return (try read()[Self.key(try store.header().genesis)] ?? [])
            .filter { places.contains($0.location) || $0.location.isEmpty }.flatMap { $0.snapshots ?? [] }
    }

    /// The logs of the same genesis seen at other places that this one disagrees with: forks, not rollbacks.
    public func forks(of store: EventStore) throws(StoreError) -> [SeenLog] {
        let genesis = try store.header().genesis
        let here = Self.places(of: store)
        let head = try store.head()
        var out: [SeenLog] = []
        for seen in try read()[Self.key(genesis)] ?? [] where !seen.location.isEmpty && !here.contains(seen.location) {
            guard seen.head.seq <= head.seq else { continue }
            if try store.hash(at: seen.head.seq) != seen.head.hash { out.append(seen) }
        }
        return out
    }

    /// Remembers `head` for the log at each of `places` (nil: no place) if it is further on than what is remembered
    /// there; never lowers it. With `claiming`, what was seen of other logs at those places is forgotten: a log was
    /// made there on purpose (`log init`, a new training log, the target of a copy).
    public func remember(
        _ head: LogHead, for genesis: Data, at places: [String]? = nil, claiming: Bool = false, signed: Bool = false,
        snapshots: [SnapshotMark] = []
    ) throws(StoreError) {
        let locations = places ?? [""]
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
        if claiming {
            for other in all.keys where other != key {
                all[other]?.removeAll { locations.contains($0.location) }
                if all[other]?.isEmpty == true { all[other] = nil }
            }
        }
        var seen = all[key] ?? []
        var changed = claiming
        for location in locations {
            if let i = seen.firstIndex(where: { $0.location == location }) {
                // Once seen signed, remembered so: never lowered, like the head.
                if signed, seen[i].signed != true { seen[i].signed = true; changed = true }
                let marks = Self.kept(seen[i].snapshots ?? [], adding: snapshots)
                if marks != seen[i].snapshots ?? [] { seen[i].snapshots = marks; changed = true }
                if seen[i].head.seq >= head.seq { continue }
                seen[i].head = head
            } else {
                seen.append(
                    SeenLog(
                        location: location, head: head, signed: signed ? true : nil,
                        snapshots: snapshots.isEmpty ? nil : Self.kept([], adding: snapshots)))
            }
            changed = true
        }
        guard changed else { return }
        all[key] = seen
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

    func read() throws(StoreError) -> [String: [SeenLog]] {
        guard let data = FileManager.default.contents(atPath: file) else { return [:] }
        // A memory from before places were kept: one head per genesis, standing for any place.
        if let old = try? JSONDecoder().decode([String: LogHead].self, from: data) {
            return old.mapValues { [SeenLog(location: "", head: $0)] }
        }
        do { return try JSONDecoder().decode([String: [SeenLog]].self, from: data) } catch {
            throw .other(
                "\(file) cannot be read (\(error)); move it aside, and check your logs with `vigil log verify`")
        }
    }

    /// The newest four snapshots vouched for, by seq: enough to open from when the newest is damaged.
    static func kept(_ marks: [SnapshotMark], adding new: [SnapshotMark]) -> [SnapshotMark] {
        var all = marks
        for m in new where !all.contains(m) { all.append(m) }
        return Array(all.sorted { $0.seq < $1.seq }.suffix(4))
    }

    static func key(_ genesis: Data) -> String { genesis.map { String(format: "%02x", $0) }.joined() }
}
