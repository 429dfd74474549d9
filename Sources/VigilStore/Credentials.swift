import Foundation
import VigilCore
import _CryptoExtras

/// A new PIN or passphrase ready to store: a fresh signing key sealed under it, made before the write transaction,
/// since scrypt is slow by design. The key's public half goes in the chain with the event that sets the PIN.
public struct Credential: Sendable {
    public var operatorID: OperatorID
    /// The signing key sealed under the secret: what the store keeps.
    var sealed: SealedKey
    /// The key itself, held in memory by the session that sets it (an operator changing their own PIN signs on).
    var key: SigningKey
    /// The same secret as PostgreSQL stores a login role's (SCRAM-SHA-256), for logs on a server.
    var verifier: String = ""
    /// Whether the secret is a passphrase of at least 12 characters, as a log on a server requires.
    var isLongPassphrase = false

    /// The public key as the chain records it (base64).
    public var publicKey: String { sealed.publicKey.base64EncodedString() }

    /// Whether `secret` is the one this credential was made with (one KDF).
    public func opens(with secret: String) -> Bool { sealed.open(for: operatorID, with: secret) != nil }
}

/// A format-2 log's PIN hash: read only to let a supervisor upgrade the log.
struct LegacyCredential {
    var kdf: String
    var salt: Data
    var hash: Data
}

/// Operators' PINs or passphrases, beside the log: each seals the operator's signing key with scrypt and a random
/// salt, never stored plain. The table is not part of the hash chain (a PIN may change; the record may not), and
/// decides nothing on its own: a key opened from it signs only if the chain holds its public half.
extension EventStore {
    /// scrypt's work factors for new secrets: N = 2^16, r = 8, p = 1 costs about 0.2 s and 64 MiB per guess on these
    /// machines, so an offline search of every 6-digit PIN takes days of one core. Older rows keep their own factors.
    static let scryptRounds = 1 << 16, scryptBlockSize = 8, scryptParallelism = 1
    static var kdfName: String { "scrypt-n\(scryptRounds)-r\(scryptBlockSize)-p\(scryptParallelism)" }

    static func hash(_ secret: String, salt: [UInt8], kdf: String) throws -> [UInt8] {
        // "scrypt-n16384-r8-p1": the factors the row was made with.
        let parts = kdf.split(separator: "-")
        guard parts.count == 4, parts[0] == "scrypt", let n = Int(parts[1].dropFirst()),
            let r = Int(parts[2].dropFirst()),
            let p = Int(parts[3].dropFirst()), n >= 1 << 10, n <= 1 << 20, n & (n - 1) == 0, (1...32).contains(r),
            (1...16).contains(p)
        else {
            throw StoreError.other("a credential uses an unknown key derivation (\(kdf))")
        }
        let key = try KDF.Scrypt.deriveKey(
            from: Array(secret.utf8), salt: salt, outputByteCount: 32, rounds: n, blockSize: r, parallelism: p)
        return key.withUnsafeBytes { Array($0) }
    }

    /// Hashes a new secret for `op` with a fresh salt; refuses a weak one with the reason.
    public static func prepareCredential(_ secret: String, for op: OperatorID) throws(StoreError) -> Credential {
        if let weak = PINPolicy.weakness(of: secret) { throw .other(weak) }
        let key = SigningKey.generate()
        let sealed = try SealedKey.seal(key, for: op, with: secret)
        return Credential(
            operatorID: op, sealed: sealed, key: key,
            verifier: ScramVerifier.make(secret, salt: [UInt8](sealed.salt)), isLongPassphrase: secret.count >= 12)
    }

    /// Stores a prepared credential, replacing any earlier one for that operator.
    public func setCredential(_ c: Credential, at now: Instant) throws(StoreError) {
        try backend.setCredential(c, at: now)
    }

    /// Sets an operator's secret on a log whose chain holds no signing key (one made through the library without a
    /// first supervisor, whose events are unsigned). Once the chain holds a key, a new PIN is set only with its key
    /// recorded in the chain: `LogSession.setPIN`.
    public func setSecret(_ secret: String, for op: OperatorID, at now: Instant) throws(StoreError) {
        guard try !checksSignatures() else {
            throw .other(
                "\(path) signs its events: a PIN is set with its key recorded in the chain (LogSession.setPIN)")
        }
        try backend.setCredential(try Self.prepareCredential(secret, for: op), at: now)
    }

    /// Whether the operator has a PIN yet.
    public func hasSecret(_ op: OperatorID) throws(StoreError) -> Bool { try backend.hasSecret(op) }

    /// Whether `secret` opens the operator's sealed key, or (on a server, or a format-2 log) is their PIN; false when
    /// none is set. Whether the key it opens is the one the chain holds is the session's question (`LogSession.openKey`).
    public func checkSecret(_ secret: String, for op: OperatorID) throws(StoreError) -> Bool {
        // A server whose chain holds no key (made without a first supervisor) checks its roles' passphrases itself.
        var keyed = backend.signsEvents
        if keyed, isServer { keyed = try checksSignatures() }
        if keyed { return try openKey(secret, for: op) != nil }
        return try backend.checkSecret(secret, for: op)
    }

    /// Whether `secret` is the operator's PIN as a format-2 log kept it (a hash): what proves the supervisor who
    /// upgrades such a log.
    public func checkFormatTwoSecret(_ secret: String, for op: OperatorID) throws(StoreError) -> Bool {
        try backend.checkSecret(secret, for: op)
    }

    /// The operator's signing key, when `secret` opens the box the store keeps for them; nil otherwise.
    func openKey(_ secret: String, for op: OperatorID) throws(StoreError) -> SigningKey? {
        try backend.sealedKey(for: op, secret: secret)?.open(for: op, with: secret)
    }

    /// Whether `secret` matches a format-2 scrypt PIN hash. The comparison takes the same time whatever the first
    /// differing byte.
    static func matches(_ secret: String, _ stored: LegacyCredential) -> Bool {
        let digest: [UInt8]
        do { digest = try hash(secret, salt: [UInt8](stored.salt), kdf: stored.kdf) } catch { return false }
        let expected = [UInt8](stored.hash)
        guard digest.count == expected.count else { return false }
        return zip(digest, expected).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}

/// Which secrets are too weak to guard a live log.
public enum PINPolicy {
    /// The rule in one sentence, for prompts and help.
    public static let rule = "at least 6 digits, or a passphrase of at least 8 characters"

    /// Why `secret` is refused, or nil when it will do.
    public static func weakness(of secret: String) -> String? {
        if secret.isEmpty { return "an empty PIN is refused; use \(rule)" }
        if secret.unicodeScalars.contains(where: { $0.isTerminalControl }) {
            return "a PIN may not hold control characters"
        }
        let digitsOnly = secret.allSatisfy { $0.isASCII && $0.isNumber }
        if digitsOnly {
            guard secret.count >= 6 else {
                return "a PIN of digits needs at least 6 of them (or use a passphrase of at least 8 characters)"
            }
            let d = secret.utf8.map { Int($0) - 48 }
            let steps = Set(zip(d, d.dropFirst()).map { $1 - $0 })
            if Set(d).count <= 2 || (steps.count == 1 && [1, -1].contains(steps.first!)) || common.contains(secret) {
                return "that PIN is among the first an attacker would try; choose another"
            }
            return nil
        }
        guard secret.count >= 8 else {
            return "a passphrase needs at least 8 characters (or use a PIN of at least 6 digits)"
        }
        if common.contains(secret.lowercased()) || Set(secret).count <= 2 {
            return "that passphrase is among the first an attacker would try; choose another"
        }
        return nil
    }

    /// The commonest PINs and passwords in published leak studies (repeats and runs are caught by rule above).
    static let common: Set<String> = [
        "123123", "121212", "131313", "112233", "123321", "654321", "696969", "159753", "102030", "789456", "147258",
        "123654", "202020", "101010", "246810", "135790", "520520", "123456789", "1234567890", "987654321", "11223344",
        "12341234", "12344321", "147852", "258369", "159357", "753951", "741852", "852456", "198989", "200000",
        "280000",
        "password", "password1", "passw0rd", "12345678", "qwertyui", "qwertyuiop", "iloveyou", "letmein1", "welcome1",
        "football", "baseball", "sunshine", "princess", "trustno1", "superman", "abcdefgh", "changeme", "p@ssw0rd",
        "administrator", "abc12345", "qwerty123", "1q2w3e4r", "zaq12wsx", "policepolice",
    ]
}
