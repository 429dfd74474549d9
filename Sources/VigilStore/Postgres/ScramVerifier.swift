import Crypto
import Foundation

/// PostgreSQL's stored form of a SCRAM-SHA-256 secret, made on the client so the passphrase itself never reaches the
/// server in a statement (or its logs): `SCRAM-SHA-256$4096:salt$StoredKey:ServerKey` (RFC 5802, RFC 7677).
enum ScramVerifier {
    static let iterations = 4096

    static func make(_ secret: String, salt: [UInt8]) -> String {
        // SASLprep is close to NFKC for what people type; PostgreSQL normalises the same way when it can.
        let password = Array(secret.precomposedStringWithCompatibilityMapping.utf8)
        let salted = pbkdf2(password: password, salt: salt, rounds: iterations)
        let key = SymmetricKey(data: salted)
        let clientKey = Data(HMAC<SHA256>.authenticationCode(for: Data("Client Key".utf8), using: key))
        let storedKey = Data(SHA256.hash(data: clientKey))
        let serverKey = Data(HMAC<SHA256>.authenticationCode(for: Data("Server Key".utf8), using: key))
        return "SCRAM-SHA-256$\(iterations):\(Data(salt).base64EncodedString())$"
            + "\(storedKey.base64EncodedString()):\(serverKey.base64EncodedString())"
    }

    /// PBKDF2-HMAC-SHA256 for one 32-byte block, which is all SCRAM-SHA-256 asks for.
    static func pbkdf2(password: [UInt8], salt: [UInt8], rounds: Int) -> [UInt8] {
        let key = SymmetricKey(data: password)
        var u = Array(HMAC<SHA256>.authenticationCode(for: salt + [0, 0, 0, 1], using: key))
        var t = u
        for _ in 1..<rounds {
            u = Array(HMAC<SHA256>.authenticationCode(for: u, using: key))
            for i in t.indices { t[i] ^= u[i] }
        }
        return t
    }
}
