/// What a piece of the screen means; a theme gives each a style.
public enum Role: String, CaseIterable, Hashable, Sendable {
    case text, dim, header, banner, border, borderFocused = "border-focused", title, selection, error, hint
    case grade1, grade2, grade3, grade4, breach, warning
    case available, assigned, enRoute = "en-route", atScene = "at-scene", transporting, refreshment, offDuty =
        "off-duty", unavailable
    case mapOutline = "map-outline", mapLabel = "map-label", incidentMarker = "incident-marker"
    case queue999 = "queue-999", queue101 = "queue-101", queueOnline = "queue-online"
}

/// Styles for every role, by name. Colour never carries meaning alone: grades and statuses are also letters.
public struct Theme: Hashable, Sendable {
    public var name: String
    public var styles: [Role: Style]

    public init(name: String, styles: [Role: Style]) { self.name = name; self.styles = styles }

    public subscript(role: Role) -> Style { styles[role] ?? .plain }

    /// The same theme with every colour taken away and its emphasis kept (for NO_COLOR and monochrome terminals).
    public var withoutColour: Theme {
        Theme(name: name, styles: styles.mapValues { Style(fg: .default, bg: .default, $0.modifiers) })
    }

    /// The style for a grade.
    public func grade(_ rawValue: Int) -> Style {
        switch rawValue {
        case 1: self[.grade1];
        case 2: self[.grade2];
        case 3: self[.grade3];
        default: self[.grade4]
        }
    }
}
