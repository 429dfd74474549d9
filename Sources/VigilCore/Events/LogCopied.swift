/// This log was copied from another with the same genesis, whose head was `seq` with `hash` (hex SHA-256): the first
/// event of the copy's own, written by the supervisor who made it. From here the two logs are two, and say so.
public struct LogCopied: EventPayload {
    public static let typeName = "LogCopied"
    public var seq: Int64
    public var hash: String
    /// Where the original was: its file's path or its server's URL without a password.
    public var from: String

    public init(seq: Int64, hash: String, from: String) {
        self.seq = seq; self.hash = hash; self.from = from
    }

    public var change: Change { .logCopied(self) }
    public var summaryText: String { "from \(quote(from)) at seq \(seq) \(hash.prefix(12))…" }

    public func write(json w: inout JSONWriter) {
        w.beginObject()
        w.member("from", from)
        w.member("hash", hash)
        w.member("seq", seq)
        w.endObject()
    }

    public init(json r: inout JSONReader) throws {
        var seq: Int64?, hash: String?, from: String?
        try r.members(of: Self.jsonKey) { k, r in
            switch k {
            case "seq": seq = try r.value()
            case "hash": hash = try r.value()
            case "from": from = try r.value()
            default: try r.skip()
            }
        }
        self.init(
            seq: try Self.required(seq, "seq"), hash: try Self.required(hash, "hash"),
            from: try Self.required(from, "from"))
    }
}
