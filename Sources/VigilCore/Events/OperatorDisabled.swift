/// An operator was disabled and can no longer sign on.
public struct OperatorDisabled: OperatorRecord {
    public static let typeName = "OperatorDisabled"
    public var `operator`: OperatorID

    public init(operator: OperatorID) { self.operator = `operator` }

    public var change: Change { .operatorDisabled(self) }
}
