import VigilCore

/// Everything a key can do, named for what the operator asks.
public enum KeyAction: String, Hashable, Sendable, CaseIterable {
    case help, quit, commandLine, nextPanel, previousPanel, up, down, pageUp, pageDown
    case assignTop, assignChoice, answerNext, answerSelected, toggleDeskScope, toggleSort
    case callHandlerView, dispatcherView, inspectorView, trainerView, auditView, cycleTheme, filterUnits
    case zoomIn, zoomOut, zoomToArea, toggleFollow, toggleASCIIMap
}

/// One binding: its keys, what it does, and the line the help overlay shows for it.
public struct KeyBinding: Hashable, Sendable {
    public var keys: [Key]
    public var action: KeyAction
    public var help: String
    public var group: String
}

/// The key map. The help overlay is drawn from this table, so the two cannot drift apart.
public enum KeyMap {
    public static let bindings: [KeyBinding] = [
        KeyBinding(keys: [.char("?"), .function(1)], action: .help, help: "help: this list", group: "Anywhere"),
        KeyBinding(
            keys: [.char(":")], action: .commandLine, help: "command line (Tab completes, ↑↓ history)",
            group: "Anywhere"),
        KeyBinding(keys: [.tab], action: .nextPanel, help: "next panel", group: "Anywhere"),
        KeyBinding(keys: [.backTab], action: .previousPanel, help: "previous panel", group: "Anywhere"),
        KeyBinding(keys: [.up, .char("k")], action: .up, help: "move up the list", group: "Anywhere"),
        KeyBinding(keys: [.down, .char("j")], action: .down, help: "move down the list", group: "Anywhere"),
        KeyBinding(keys: [.pageUp], action: .pageUp, help: "page up", group: "Anywhere"),
        KeyBinding(keys: [.pageDown], action: .pageDown, help: "page down", group: "Anywhere"),
        KeyBinding(
            keys: [.function(2)], action: .callHandlerView, help: "call handler view: queues and call taking",
            group: "Anywhere"),
        KeyBinding(
            keys: [.function(3)], action: .dispatcherView, help: "dispatcher view: incidents, units, map",
            group: "Anywhere"),
        KeyBinding(
            keys: [.function(4)], action: .inspectorView, help: "inspector view: force load and breaches",
            group: "Anywhere"),
        KeyBinding(
            keys: [.function(5)], action: .trainerView, help: "trainer view: shift clock, injects, scores",
            group: "Anywhere"),
        KeyBinding(
            keys: [.function(6)], action: .auditView, help: "audit view: who did what (f: this incident)",
            group: "Anywhere"),
        KeyBinding(keys: [.char("t")], action: .cycleTheme, help: "next theme", group: "Anywhere"),
        KeyBinding(keys: [.char("q")], action: .quit, help: "quit (asks first)", group: "Anywhere"),
        KeyBinding(keys: [.char("n")], action: .answerNext, help: "answer the next call (999 first)", group: "Calls"),
        KeyBinding(keys: [.enter], action: .answerSelected, help: "answer the selected call", group: "Calls"),
        KeyBinding(keys: [.char("a")], action: .assignTop, help: "assign the top recommended unit", group: "Incidents"),
        KeyBinding(
            keys: (1...8).map { .char(Character(String($0))) }, action: .assignChoice,
            help: "assign recommendation 1–8", group: "Incidents"),
        KeyBinding(
            keys: [.char("d")], action: .toggleDeskScope, help: "your desk's incidents, or the whole force's",
            group: "Incidents"),
        KeyBinding(
            keys: [.char("o")], action: .toggleSort, help: "order by what needs action, or by grade",
            group: "Incidents"),
        KeyBinding(
            keys: [.char("/")], action: .filterUnits,
            help: "filter the list in front of you: incidents (number, category, address, area) or units",
            group: "Units"),
        KeyBinding(keys: [.char("+"), .char("=")], action: .zoomIn, help: "zoom the map in", group: "Map"),
        KeyBinding(keys: [.char("-")], action: .zoomOut, help: "zoom the map out", group: "Map"),
        KeyBinding(keys: [.char("z")], action: .zoomToArea, help: "zoom to the next area of the force", group: "Map"),
        KeyBinding(
            keys: [.char("f")], action: .toggleFollow, help: "follow the selected incident, or stop", group: "Map"),
        KeyBinding(keys: [.char("b")], action: .toggleASCIIMap, help: "map in braille or plain ASCII", group: "Map"),
    ]

    /// Keys on the unit board (Tab to it): it acts on the unit under the cursor.
    public static let boardHelp: [(String, String)] = [
        ("Enter", "open the unit (Esc closes)"),
        ("a", "put the unit on the selected incident"),
        ("E S A T", "status: en route, at scene, available, at station"),
        ("P R W", "status: with prisoner, refreshment, writing up"),
        ("U O", "status: unavailable, off duty"),
    ]

    /// Keys while taking a call (the form has the keyboard).
    public static let formHelp: [(String, String)] = [
        ("↑ ↓", "move between grade, category, THRIVE and note"),
        ("Tab", "complete the category (crime/bu → crime/burglary)"),
        ("L M H", "THRIVE levels, six in order (on the THRIVE line)"),
        ("1–4", "set the grade (on the grade line)"),
        ("Enter", "raise the incident"),
        ("Ctrl-L", "link the call to the nearest open incident shown"),
        ("Ctrl-R", "resolve the call with the note as the advice given"),
        ("Esc", "leave the form (the call stays in hand)"),
    ]

    /// The permission a key's action needs, for keys that change the world; only keys the role may use are offered.
    public static func permission(_ action: KeyAction) -> VigilCore.Action? {
        switch action {
        case .assignTop, .assignChoice: .assign
        case .answerNext, .answerSelected: .answerContact
        default: nil
        }
    }

    /// The action bound to `key`, if any.
    public static func action(for key: Key) -> KeyAction? {
        bindings.first { $0.keys.contains(key) }?.action
    }
}
