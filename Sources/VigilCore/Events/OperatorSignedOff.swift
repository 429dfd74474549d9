/// The event's operator signed off.
public struct OperatorSignedOff: EventPayload {
    public static let typeName = "OperatorSignedOff"

    public init() {}

    public var change: Change { .operatorSignedOff(self) }

    public func write(json w: inout JSONWriter) { w.beginObject(); w.endObject() }

    public init(json r: inout JSONReader) throws { try r.skip() }
}
