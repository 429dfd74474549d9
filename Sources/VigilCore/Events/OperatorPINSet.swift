/// An operator's PIN was set or replaced (by a supervisor, or by the operator themselves); the secret is never here.
public struct OperatorPINSet: OperatorRecord {
    public static let typeName = "OperatorPINSet"
    public var `operator`: OperatorID

    public init(operator: OperatorID) { self.operator = `operator` }

    public var change: Change { .operatorPINSet(self) }
}
