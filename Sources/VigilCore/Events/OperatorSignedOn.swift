/// The event's operator signed on at the event's console.
public struct OperatorSignedOn: EventPayload {
    public static let typeName = "OperatorSignedOn"

    public init() {}

    public var change: Change { .operatorSignedOn(self) }

    public func write(json w: inout JSONWriter) { w.beginObject(); w.endObject() }

    public init(json r: inout JSONReader) throws { try r.skip() }
}
