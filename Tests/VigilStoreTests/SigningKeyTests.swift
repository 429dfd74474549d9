import Foundation
import Testing
@testable import VigilStore

/// The keys every writer will sign with: random, sealed under the PIN, bound to their operator.
@Suite("signing keys sealed under a PIN")
struct SigningKeyTests {
    @Test func aSealedKeyOpensOnlyWithItsPinForItsOperator() throws {
        let key = SigningKey.generate()
        let sealed = try SealedKey.seal(key, for: "D100", with: "592846")
        #expect(sealed.open(for: "D100", with: "592846")?.publicKey == key.publicKey)
        #expect(sealed.open(for: "d100", with: "592846") != nil, "ids compare in any case")
        #expect(sealed.open(for: "D100", with: "592847") == nil, "a wrong PIN")
        #expect(sealed.open(for: "S001", with: "592846") == nil, "copied onto another operator's row")
        var damaged = sealed
        damaged.box[damaged.box.startIndex + 20] ^= 1
        #expect(damaged.open(for: "D100", with: "592846") == nil)
        var otherKey = sealed
        otherKey.publicKey = SigningKey.generate().publicKey
        #expect(otherKey.open(for: "D100", with: "592846") == nil, "a box claiming another public key")
        #expect(sealed.box.count == 12 + 32 + 16 && sealed.publicKey.count == 32)
    }

    @Test func signaturesVerifyOnlyForTheirKeyAndMessage() throws {
        let key = SigningKey.generate(), other = SigningKey.generate()
        let message = Data("seq 14 UnitAssigned".utf8)
        let signature = try key.sign(message)
        #expect(signature.count == 64)
        #expect(SigningKey.verify(signature, of: message, by: key.publicKey))
        #expect(!SigningKey.verify(signature, of: message, by: other.publicKey))
        #expect(!SigningKey.verify(signature, of: Data("seq 15 UnitAssigned".utf8), by: key.publicKey))
        #expect(!SigningKey.verify(Data(repeating: 0, count: 64), of: message, by: key.publicKey))
        #expect(!SigningKey.verify(signature, of: message, by: Data([1, 2, 3])), "a malformed key is no key")
        #expect(SigningKey.generate().publicKey != key.publicKey)
    }
}
