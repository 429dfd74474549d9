import Crypto
import VigilCore
import Foundation

/// A signed statement that a log held a given head at a given time. Kept away from the log's host, it proves later
/// that the log still holds that head: a cut-off, rolled-back or rewritten log no longer matches it.
public struct Checkpoint: Codable, Hashable, Sendable {
    /// The log's genesis, hex: which log this is about.
    public var log: String
    public var seq: Int64
    /// The hash of the event at `seq`, hex.
    public var hash: String
    /// When it was signed, ISO 8601 UTC.
    public var time: String
    /// The signing key's fingerprint, for the reader's information; the key to check with is given separately.
    public var key: String
    /// Ed25519 over `message`, base64.
    public var signature: String

    /// The bytes signed: every field but the signature, in a fixed order.
    public var message: Data { Data("vigil-checkpoint-v1\u{1F}\(log)\u{1F}\(seq)\u{1F}\(hash)\u{1F}\(time)".utf8) }
}

/// The Ed25519 key that signs checkpoints, in the state folder (0600); its public half beside it, to be copied off
/// the host.
public struct CheckpointKey {
    public let privateKey: Curve25519.Signing.PrivateKey
    public var publicKey: Curve25519.Signing.PublicKey { privateKey.publicKey }

    /// The SHA-256 of the raw public key, hex, first 32 digits.
    public static func fingerprint(_ key: Curve25519.Signing.PublicKey) -> String {
        SHA256.hash(data: key.rawRepresentation).prefix(16).map { String(format: "%02x", $0) }.joined()
    }

    /// Loads the key from `folder`, making one (0600) on first use.
    public static func loadOrCreate(folder: String) throws(StoreError) -> CheckpointKey {
        let path = folder + "/checkpoint-key"
        if let data = FileManager.default.contents(atPath: path) {
            guard
                let raw = Data(
                    base64Encoded: String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
                ),
                let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: raw)
            else {
                throw .other("\(path) is not a Vigil checkpoint key; move it aside to make a new one")
            }
            return CheckpointKey(privateKey: key)
        }
        let key = Curve25519.Signing.PrivateKey()
        do {
            try FileManager.default.createDirectory(
                atPath: folder, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        } catch { throw .other("the state folder \(folder) cannot be made: \(error.localizedDescription)") }
        for (file, text) in [
            (path, key.rawRepresentation.base64EncodedString()),
            (path + ".pub", key.publicKey.rawRepresentation.base64EncodedString()),
        ] {
            let fd = open(file, O_CREAT | O_EXCL | O_WRONLY | O_CLOEXEC, 0o600)
            guard fd >= 0 else { throw .other("\(file) cannot be written") }
            let bytes = Array((text + "\n").utf8)
            let n = write(fd, bytes, bytes.count)
            fsync(fd)
            close(fd)
            guard n == bytes.count else { throw .other("\(file) could not be written (disk full?)") }
        }
        return CheckpointKey(privateKey: key)
    }

    /// A public key given from outside: a file holding it (base64 or raw 32 bytes), or its base64 text itself.
    public static func publicKey(from given: String) throws(StoreError) -> Curve25519.Signing.PublicKey {
        var candidates: [Data] = []
        if let data = FileManager.default.contents(atPath: given) {
            candidates.append(data)
            if let b = Data(
                base64Encoded: String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines))
            {
                candidates.append(b)
            }
        } else if let b = Data(base64Encoded: given) {
            candidates.append(b)
        }
        for c in candidates where c.count == 32 {
            if let key = try? Curve25519.Signing.PublicKey(rawRepresentation: c) { return key }
        }
        throw .other(
            "\(given) is not an Ed25519 public key (a file with its base64, as `vigil log checkpoint` writes beside its key)"
        )
    }
}

extension EventStore {
    /// Signs the log's current head.
    public func checkpoint(signedWith key: CheckpointKey, at now: Instant) throws(StoreError) -> Checkpoint {
        let head = try head()
        let genesis = try header().genesis
        var c = Checkpoint(
            log: HeadMemory.key(genesis), seq: head.seq, hash: HeadMemory.key(head.hash), time: now.iso8601,
            key: CheckpointKey.fingerprint(key.publicKey), signature: "")
        guard let signature = try? key.privateKey.signature(for: c.message) else {
            throw .other("the checkpoint could not be signed")
        }
        c.signature = signature.base64EncodedString()
        return c
    }

    /// Whether this log still holds the checkpoint's head, checked with a public key given from outside: one sentence
    /// saying why not, or nil when it does.
    public func problem(with c: Checkpoint, key: Curve25519.Signing.PublicKey) throws(StoreError) -> String? {
        guard let signature = Data(base64Encoded: c.signature), key.isValidSignature(signature, for: c.message) else {
            return
                "the checkpoint's signature does not verify with the key given (key \(CheckpointKey.fingerprint(key))); it was not made by that key or was altered"
        }
        guard c.log == HeadMemory.key(try header().genesis) else {
            return "the checkpoint is of another log (genesis \(c.log.prefix(12))…)"
        }
        guard let there = try hash(at: c.seq) else {
            return
                "the checkpoint signed at \(c.time) saw seq \(c.seq), but the log ends at seq \(try lastSeq()): events have been cut off"
        }
        guard HeadMemory.key(there) == c.hash else {
            return
                "the log holds another event at seq \(c.seq) than the checkpoint signed at \(c.time): the log has been rewritten"
        }
        return nil
    }

    /// A consistent copy made with SQLite's online backup while consoles write, 0600, in rollback-journal mode so it
    /// opens read-only anywhere (write-protected media included); returns the copy's verification. A log on a server
    /// is copied with `vigil log copy` (or the server's own backups) instead.
    public func backup(to target: String) throws(StoreError) -> VerifyReport {
        guard let sqlite = backend as? SQLiteLog else {
            throw .other(
                "\(path) is on a PostgreSQL server: copy it with `vigil log copy --from URL --to FILE`, or back the server up with its own tools"
            )
        }
        try sqlite.backup(to: target)
        do {
            return try EventStore.openReadOnly(path: target).verify()
        } catch {
            for s in ["", "-journal", "-wal", "-shm"] { unlink(target + s) }
            throw error
        }
    }
}
