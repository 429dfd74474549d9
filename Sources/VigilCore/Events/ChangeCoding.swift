extension Change {
    /// The event's payload, which owns its fields, JSON, summary and subjects.
    public var payload: any EventPayload {
        var v = Boxing()
        return visit(&v)
    }

    /// The payload's type.
    public var payloadType: any EventPayload.Type {
        var v = TypeOf()
        return visit(&v)
    }

    /// The event type name stored in the log, e.g. `UnitAssigned`.
    public var typeName: String { payloadType.typeName }

    /// The payload's schema version, stored beside it.
    public var schemaVersion: Int { payloadType.schemaVersion }

    /// One line for logs, tails and scripts, e.g. `UnitAssigned BW11 → WM-20261125-0014`.
    public var summary: String {
        let p = payload
        let text = p.summaryText
        return text.isEmpty ? type(of: p).typeName : "\(type(of: p).typeName) \(text)"
    }

    /// The incidents this change is about, for audit trails and filters.
    public var incidents: [IncidentRef] { payload.incidents }

    /// The units this change is about.
    public var units: [Callsign] { payload.units }

    /// The contacts this change is about.
    public var contacts: [ContactID] { payload.contacts }

    /// The stored payload: `{"unitAssigned":{…}}`, keys sorted, byte for byte what Foundation's encoder writes.
    public var json: String {
        var w = JSONWriter()
        write(json: &w)
        return w.text
    }

    /// Reads a stored payload.
    public init(json text: String) throws {
        var text = text
        self = try text.withUTF8 { try Change(json: $0) }
    }

    /// Reads a stored payload from UTF-8 bytes, e.g. straight from SQLite's row buffer.
    public init(json bytes: UnsafeBufferPointer<UInt8>) throws {
        var r = JSONReader(bytes: bytes)
        self = try Change(json: &r)
        try r.end()
    }
}

extension Change: JSONCodable {
    public func write(json w: inout JSONWriter) {
        // The caller's writer is moved into the visitor and back, never copied (a copy would copy its bytes).
        var v = Writing(w: JSONWriter(capacity: 0))
        swap(&w, &v.w)
        visit(&v)
        swap(&w, &v.w)
    }

    /// A payload is one object with one member, named for its type; the name picks the type through `payloadTypes`.
    public init(json r: inout JSONReader) throws {
        try r.expect(UInt8(ascii: "{"))
        let name = try r.key()
        try r.expect(UInt8(ascii: ":"))
        guard let type = Self.payloadType(named: name) else {
            throw JSONError("unknown event type \(name.description)")
        }
        self = try Self.read(type, &r)
        guard try r.peek() == UInt8(ascii: "}") else { throw JSONError("a payload is one object with one key") }
        r.i += 1
    }

    private static func read<P: EventPayload>(_ type: P.Type, _ r: inout JSONReader) throws -> Change {
        try P(json: &r).change
    }

    /// The payload type stored under a member name, found without making a String (replay reads millions).
    private static func payloadType(named name: JSONReader.Key) -> (any EventPayload.Type)? {
        for (n, key) in jsonKeys.enumerated() where key.count == name.bytes.count && key.elementsEqual(name.bytes) {
            return payloadTypes[n]
        }
        return nil
    }

    /// Each payload type's member name as UTF-8, in `payloadTypes` order.
    private static let jsonKeys: [[UInt8]] = payloadTypes.map { Array($0.jsonKey.utf8) }
}

/// Foundation's coding of a change, the same JSON as `json`: kept for the byte-for-byte reference test and for
/// callers that hold events inside larger Codable values.
extension Change: Codable {
    struct Name: CodingKey {
        var stringValue: String
        var intValue: Int? { nil }
        init(stringValue: String) { self.stringValue = stringValue }
        init?(intValue: Int) { nil }
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: Name.self)
        guard c.allKeys.count == 1, let key = c.allKeys.first,
            let type = Self.payloadTypes.first(where: { $0.jsonKey == key.stringValue })
        else {
            throw DecodingError.dataCorrupted(
                .init(codingPath: decoder.codingPath, debugDescription: "not one known event"))
        }
        self = try Self.decode(type, c, key)
    }

    private static func decode<P: EventPayload>(_ type: P.Type, _ c: KeyedDecodingContainer<Name>, _ key: Name) throws
        -> Change
    {
        try c.decode(P.self, forKey: key).change
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: Name.self)
        let p = payload
        try c.encode(p, forKey: Name(stringValue: type(of: p).jsonKey))
    }
}

/// The visitors `Change` is built on.
private struct Boxing: PayloadVisitor {
    func visit<P: EventPayload>(_ payload: P) -> any EventPayload { payload }
}

private struct TypeOf: PayloadVisitor {
    func visit<P: EventPayload>(_ payload: P) -> any EventPayload.Type { P.self }
}

/// Writes `{"unitAssigned":{…}}`: the member name is the type name with its first letter in lower case, written
/// byte by byte rather than made as a string for every event.
private struct Writing: PayloadVisitor {
    var w: JSONWriter

    mutating func visit<P: EventPayload>(_ payload: P) {
        w.raw("{\"")
        var first = true
        for b in P.typeName.utf8 {
            w.out.append(first && b >= UInt8(ascii: "A") && b <= UInt8(ascii: "Z") ? b + 32 : b)
            first = false
        }
        w.raw("\":")
        payload.write(json: &w)
        w.raw("}")
    }
}
