import Crypto
import Foundation
import VigilCore

/// An event as the log holds it.
public struct StoredEvent: Hashable, Sendable {
    public var seq: Int64
    public var eventID: String
    public var recordedAt: Instant
    public var event: Event
    public var prevHash: Data
    public var hash: Data
    /// Its writer's signature over `hash` (empty where none was made).
    public var signature = Data()
    /// Whether `hash` is of its contents and previous hash as read: a signature vouches for the contents only then.
    public var intact = true
}

/// Signs events as they are appended: the keys of the operators signed in through one session.
struct EventSigner {
    var keys: [String: SigningKey] = [:]
    /// A key that takes over from its operator's current one once the event recording it is signed: a PIN changed in
    /// a commit that signs off after it, which the chain holds to the new key.
    var next: [String: SigningKey] = [:]

    /// `op`'s signature over an event's hash, or empty when this session holds no key of theirs.
    func signature(of hash: Data, by op: String) throws(StoreError) -> Data {
        guard let key = keys[op.lowercased()] else { return Data() }
        return try key.sign(hash)
    }

    /// Signs `event`'s hash as its operator; an event recording a key this signer holds next makes that key theirs
    /// for the events after it.
    mutating func sign(_ hash: Data, _ event: Event) throws(StoreError) -> Data {
        let signature = try signature(of: hash, by: event.operatorID)
        if case .operatorPINSet(let set) = event.change, let key = next[set.operator.lowercased()],
            set.key == key.publicKey.base64EncodedString()
        {
            keys[set.operator.lowercased()] = key
            next[set.operator.lowercased()] = nil
        }
        return signature
    }
}

/// Encodes events canonically and chains their hashes.
enum EventCoding {
    /// The largest payload either store takes: 1 MiB of JSON. Every console reads every payload it opens past, so
    /// one giant event would slow every open and verify for ever; an EIDO document above it is refused by name.
    static let payloadLimit = Change.payloadLimit

    /// Refuses an event whose payload is over `payloadLimit`, before anything is written.
    static func checkSize(_ payload: String, type: String) throws(StoreError) {
        guard payload.utf8.count <= payloadLimit else {
            throw .other(
                "a \(type) event of \(payload.utf8.count) bytes is over the log's limit of \(payloadLimit) bytes (1 MiB); nothing was written"
            )
        }
    }

    /// The payload text: JSON with sorted keys, byte for byte what Foundation's encoder writes (a test holds it to that).
    static func payload(_ change: Change) -> String { change.json }

    static func change(from payload: String) throws -> Change { try Change(json: payload) }

    /// The bytes a row's hash covers: every column but the hashes, in a fixed order, then the previous hash.
    static func canonical(
        seq: Int64, eventID: String, type: String, schemaVersion: Int, occurredAt: Int64, recordedAt: Int64,
        operatorID: String, console: String, payload: String
    ) -> Data {
        var bytes: [UInt8] = []
        bytes.reserveCapacity(payload.utf8.count + 96)
        for (n, field) in [
            "\(seq)", eventID, type, "\(schemaVersion)", "\(occurredAt)", "\(recordedAt)", operatorID, console, payload,
        ].enumerated() {
            if n > 0 { bytes.append(0x1F) }
            bytes.append(contentsOf: field.utf8)
        }
        return Data(bytes)
    }

    static func chain(prev: Data, canonical: Data) -> Data {
        var hasher = SHA256()
        hasher.update(data: prev)
        hasher.update(data: canonical)
        return Data(hasher.finalize())
    }

    /// The first link: the force file, creation time and live/training mark, so a log can neither be moved onto
    /// another force nor flipped between live and training unnoticed: the first event's hash covers this.
    /// The nonce makes every log's genesis its own, so two logs of one force made in the same second never share an
    /// identity (clients remember heads by genesis).
    static func genesis(forceText: String, createdAt: Int64, training: Bool, nonce: String) -> Data {
        Data(
            SHA256.hash(
                data: Data(
                    "vigil-log-v2\u{1F}\(createdAt)\u{1F}\(training ? "training" : "live")\u{1F}\(nonce)\u{1F}\(forceText)"
                        .utf8)))
    }
}
