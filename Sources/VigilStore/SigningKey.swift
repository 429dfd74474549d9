import Crypto
import Foundation
import _CryptoExtras

/// A writer's signing key: a random Ed25519 key, never derived from a PIN (a key from the PIN would put a PIN checker
/// in a record that can never be edited). Its public half goes in the chain; its private half only ever sealed.
// The private key is an immutable value (its bytes), safe to share; swift-crypto does not mark it Sendable.
public struct SigningKey: @unchecked Sendable {
    let key: Curve25519.Signing.PrivateKey

    /// A fresh random key.
    public static func generate() -> SigningKey { SigningKey(key: Curve25519.Signing.PrivateKey()) }

    /// The public half, as the chain records it (32 bytes).
    public var publicKey: Data { key.publicKey.rawRepresentation }

    /// Signs `message` (64 bytes).
    public func sign(_ message: Data) throws(StoreError) -> Data {
        do { return try key.signature(for: message) } catch { throw .other("a signature could not be made: \(error)") }
    }

    /// Whether `signature` is `publicKey`'s over `message`; false for anything malformed.
    public static func verify(_ signature: Data, of message: Data, by publicKey: Data) -> Bool {
        guard let key = try? Curve25519.Signing.PublicKey(rawRepresentation: publicKey) else { return false }
        return key.isValidSignature(signature, for: message)
    }
}

/// A signing key sealed under a key derived from its holder's PIN or passphrase: kept in the credential store, never
/// in the chain or an export. Opening it is the PIN check, so a guess costs one KDF, as a PIN hash's would; the box
/// is bound to its operator and public key, so a box copied onto another operator's row does not open there.
public struct SealedKey: Hashable, Sendable {
    public var kdf: String
    public var salt: Data
    /// ChaCha20-Poly1305's nonce, ciphertext and tag.
    public var box: Data
    public var publicKey: Data

    /// Seals `key` for `op` under `secret`, with a fresh salt and the log's KDF.
    public static func seal(_ key: SigningKey, for op: String, with secret: String) throws(StoreError) -> SealedKey {
        var salt = [UInt8](repeating: 0, count: 16)
        var rng = SystemRandomNumberGenerator()
        for i in salt.indices { salt[i] = UInt8.random(in: 0...255, using: &rng) }
        let kdf = EventStore.kdfName
        do {
            let wrapping = SymmetricKey(data: try EventStore.hash(secret, salt: salt, kdf: kdf))
            let sealed = try ChaChaPoly.seal(
                key.key.rawRepresentation, using: wrapping,
                authenticating: bound(op, key.publicKey))
            return SealedKey(kdf: kdf, salt: Data(salt), box: sealed.combined, publicKey: key.publicKey)
        } catch {
            throw .other("the signing key could not be sealed: \(error)")
        }
    }

    /// The key, when `secret` is the one it was sealed with for `op`; nil otherwise (a wrong PIN, another operator's
    /// box, a damaged one).
    public func open(for op: String, with secret: String) -> SigningKey? {
        guard let derived = try? EventStore.hash(secret, salt: [UInt8](salt), kdf: kdf),
            let sealed = try? ChaChaPoly.SealedBox(combined: box),
            let raw = try? ChaChaPoly.open(
                sealed, using: SymmetricKey(data: derived), authenticating: Self.bound(op, publicKey)),
            let key = try? Curve25519.Signing.PrivateKey(rawRepresentation: raw),
            key.publicKey.rawRepresentation == publicKey
        else { return nil }
        return SigningKey(key: key)
    }

    /// The box as one line of text, as a server keeps it: its KDF, then salt, box and public key in base64.
    var encoded: String {
        [kdf, salt.base64EncodedString(), box.base64EncodedString(), publicKey.base64EncodedString()].joined(
            separator: "$")
    }

    /// What the box is bound to: its operator (as ids compare, in any case) and its public key.
    static func bound(_ op: String, _ publicKey: Data) -> Data {
        Data("vigil-sealed-key-v1\u{1F}\(op.lowercased())\u{1F}".utf8) + publicKey
    }
}

extension SealedKey {
    /// A box from its line of text; nil when the text is not one.
    init?(encoded: String) {
        let parts = encoded.split(separator: "$", omittingEmptySubsequences: false).map(String.init)
        guard parts.count == 4, let salt = Data(base64Encoded: parts[1]), let box = Data(base64Encoded: parts[2]),
            let publicKey = Data(base64Encoded: parts[3])
        else { return nil }
        self.init(kdf: parts[0], salt: salt, box: box, publicKey: publicKey)
    }
}
