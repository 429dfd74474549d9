/// A supervisor lifted an operator's lock-out.
public struct OperatorUnlocked: OperatorRecord {
    public static let typeName = "OperatorUnlocked"
    public var `operator`: OperatorID

    public init(operator: OperatorID) { self.operator = `operator` }

    public var change: Change { .operatorUnlocked(self) }
}
