import Foundation
import GRDB
import VigilCore
import _CryptoExtras

/// Operators' PINs or passphrases, beside the log: hashed with scrypt and a random salt, never stored plain. The table
/// is not part of the hash chain (a PIN may change; the record may not), and is made when the first PIN is set, so
/// older builds can still open the log.
extension EventStore {
    /// scrypt's work factors: about a tenth of a second per check here, so guessing is slow.
    static let scryptRounds = 1 << 14, scryptBlockSize = 8, scryptParallelism = 1

    static func hash(_ secret: String, salt: [UInt8]) throws -> [UInt8] {
        let key = try KDF.Scrypt.deriveKey(from: Array(secret.utf8), salt: salt, outputByteCount: 32, rounds: scryptRounds,
                                           blockSize: scryptBlockSize, parallelism: scryptParallelism)
        return key.withUnsafeBytes { Array($0) }
    }

    /// Sets (or replaces) an operator's PIN.
    public func setSecret(_ secret: String, for op: OperatorID, at now: Instant) throws(StoreError) {
        var salt = [UInt8](repeating: 0, count: 16)
        var rng = SystemRandomNumberGenerator()
        for i in salt.indices { salt[i] = UInt8.random(in: 0...255, using: &rng) }
        let digest: [UInt8]
        do { digest = try Self.hash(secret, salt: salt) } catch { throw .other("the PIN could not be hashed: \(error)") }
        try guarded {
            try pool.write { db in
                try db.execute(sql: """
                    CREATE TABLE IF NOT EXISTS credential (
                        operator TEXT PRIMARY KEY, kdf TEXT NOT NULL, salt BLOB NOT NULL, hash BLOB NOT NULL, set_at INTEGER NOT NULL
                    ) STRICT
                    """)
                try db.execute(sql: "INSERT OR REPLACE INTO credential (operator, kdf, salt, hash, set_at) VALUES (?, ?, ?, ?, ?)",
                               arguments: [op, "scrypt-n16384-r8-p1", Data(salt), Data(digest), now.seconds])
            }
        }
    }

    /// Whether the operator has a PIN yet.
    public func hasSecret(_ op: OperatorID) throws(StoreError) -> Bool {
        try guarded {
            try pool.read { db in
                guard try db.tableExists("credential") else { return false }
                return try Bool.fetchOne(db, sql: "SELECT 1 FROM credential WHERE operator = ?", arguments: [op]) ?? false
            }
        }
    }

    /// Whether `secret` is the operator's PIN (false when none is set). The comparison takes the same time whatever
    /// the first differing byte.
    public func checkSecret(_ secret: String, for op: OperatorID) throws(StoreError) -> Bool {
        let row: (salt: [UInt8], hash: [UInt8])? = try guarded {
            try pool.read { db in
                guard try db.tableExists("credential"),
                      let r = try Row.fetchOne(db, sql: "SELECT salt, hash FROM credential WHERE operator = ?", arguments: [op]) else { return nil }
                let salt: Data = r["salt"], hash: Data = r["hash"]
                return ([UInt8](salt), [UInt8](hash))
            }
        }
        guard let row else { return false }
        let digest: [UInt8]
        do { digest = try Self.hash(secret, salt: row.salt) } catch { return false }
        guard digest.count == row.hash.count else { return false }
        return zip(digest, row.hash).reduce(UInt8(0)) { $0 | ($1.0 ^ $1.1) } == 0
    }
}
