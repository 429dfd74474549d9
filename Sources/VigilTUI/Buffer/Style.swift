/// A terminal colour: the terminal's default, one of the eight basic colours (and their bright forms), or one of 256.
public enum Color: Hashable, Sendable {
    case `default`
    case black, red, green, yellow, blue, magenta, cyan, white
    case brightBlack, brightRed, brightGreen, brightYellow, brightBlue, brightMagenta, brightCyan, brightWhite
    case indexed(UInt8)

    /// The xterm palette number, or -1 for the terminal's default.
    public var index: Int {
        switch self {
        case .default: -1
        case .black: 0
        case .red: 1
        case .green: 2
        case .yellow: 3
        case .blue: 4
        case .magenta: 5
        case .cyan: 6
        case .white: 7
        case .brightBlack: 8
        case .brightRed: 9
        case .brightGreen: 10
        case .brightYellow: 11
        case .brightBlue: 12
        case .brightMagenta: 13
        case .brightCyan: 14
        case .brightWhite: 15
        case .indexed(let n): Int(n)
        }
    }

    /// Names used in theme files.
    public static let names: [String: Color] = [
        "default": .default, "black": .black, "red": .red, "green": .green, "yellow": .yellow, "blue": .blue,
        "magenta": .magenta, "cyan": .cyan, "white": .white, "bright-black": .brightBlack, "grey": .brightBlack,
        "gray": .brightBlack,
        "bright-red": .brightRed, "bright-green": .brightGreen, "bright-yellow": .brightYellow,
        "bright-blue": .brightBlue,
        "bright-magenta": .brightMagenta, "bright-cyan": .brightCyan, "bright-white": .brightWhite,
    ]
}

/// Text attributes that do not depend on colour, so meaning survives a monochrome terminal.
public struct Modifiers: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }
    public static let bold = Modifiers(rawValue: 1)
    public static let dim = Modifiers(rawValue: 2)
    public static let underline = Modifiers(rawValue: 4)
    public static let reverse = Modifiers(rawValue: 8)
    public static let italic = Modifiers(rawValue: 16)
    public static let blink = Modifiers(rawValue: 32)
}

/// How a cell is drawn.
public struct Style: Hashable, Sendable {
    public var fg: Color
    public var bg: Color
    public var modifiers: Modifiers

    public init(fg: Color = .default, bg: Color = .default, _ modifiers: Modifiers = []) {
        self.fg = fg; self.bg = bg; self.modifiers = modifiers
    }

    public static let plain = Style()

    /// This style with `other`'s modifiers added.
    public func adding(_ other: Modifiers) -> Style { var s = self; s.modifiers.formUnion(other); return s }
}
