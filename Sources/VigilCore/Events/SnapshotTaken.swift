/// A snapshot of the state after event `seq` was stored, with the SHA-256 of its bytes (hex): the chain vouches
/// for it, so a forged snapshot is never loaded.
public struct SnapshotTaken: EventPayload {
    public static let typeName = "SnapshotTaken"
    public var seq: Int64
    public var digest: String

    public init(seq: Int64, digest: String) {
        self.seq = seq; self.digest = digest
    }

    public var change: Change { .snapshotTaken(self) }
    public var summaryText: String { "after seq \(seq) \(digest.prefix(12))…" }

    public func write(json w: inout JSONWriter) {
        w.beginObject()
        w.member("digest", digest)
        w.member("seq", seq)
        w.endObject()
    }

    public init(json r: inout JSONReader) throws {
        var seq: Int64?, digest: String?
        try r.members(of: Self.jsonKey) { k, r in
            switch k {
            case "seq": seq = try r.value()
            case "digest": digest = try r.value()
            default: try r.skip()
            }
        }
        self.init(seq: try Self.required(seq, "seq"), digest: try Self.required(digest, "digest"))
    }
}
