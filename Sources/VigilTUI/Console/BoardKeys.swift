import VigilCore

extension ConsoleModel {
    /// Status keys on the board, by status code letter: the board acts, not only shows.
    static let statusKeys: [Character: UnitStatus] = [
        "E": .enRoute, "S": .atScene, "A": .available, "T": .atStation, "P": .transporting, "R": .refreshment,
        "W": .writeUp, "U": .unavailable, "O": .offDuty,
    ]

    /// Keys of the unit board: Enter opens the unit under the cursor, the status letters set its status, Esc closes
    /// it. Nil when the key is not the board's.
    mutating func boardKey(_ key: Key, state: DispatchState) -> [ConsoleEffect]? {
        if key == .escape, openedUnit != nil {
            openedUnit = nil
            return []
        }
        guard focus == .board else { return nil }
        let cs = selectedUnit ?? Lists.units(state, filter: unitFilter).first
        switch key {
        case .enter:
            guard let cs else { return [] }
            selectedUnit = cs
            openedUnit = cs
            return []
        case .char(let c):
            guard let status = Self.statusKeys[c] else { return nil }
            guard let cs else { return [] }
            if refused(.status, state) { return [] }
            return [.execute(.setStatus(cs, status, position: nil))]
        default:
            return nil
        }
    }
}
