/// A line of text being typed, with a cursor: the editing keys of a shell (Left, Right, Home, End, Ctrl-A, Ctrl-E,
/// Ctrl-U, Ctrl-W, Ctrl-K, Backspace, Delete). The cursor counts characters from the start.
public struct LineEditor: Hashable, Sendable {
    public private(set) var text: String
    public private(set) var cursor: Int

    public init(_ text: String = "", cursor: Int? = nil) {
        self.text = text
        self.cursor = min(max(0, cursor ?? text.count), text.count)
    }

    /// Applies an editing key; false when the key is not one (the caller handles it).
    public mutating func edit(_ key: Key) -> Bool {
        var chars = Array(text)
        switch key {
        case .left, .ctrl("b"): cursor = max(0, cursor - 1)
        case .right, .ctrl("f"): cursor = min(chars.count, cursor + 1)
        case .home, .ctrl("a"): cursor = 0
        case .end, .ctrl("e"): cursor = chars.count
        case .backspace, .ctrl("h"):
            guard cursor > 0 else { return true }
            chars.remove(at: cursor - 1)
            cursor -= 1
        case .delete, .ctrl("d"):
            guard cursor < chars.count else { return true }
            chars.remove(at: cursor)
        case .ctrl("u"):
            chars.removeFirst(cursor)
            cursor = 0
        case .ctrl("k"):
            chars.removeLast(chars.count - cursor)
        case .ctrl("w"):
            // The word before the cursor, and the spaces after it.
            var start = cursor
            while start > 0, chars[start - 1] == " " { start -= 1 }
            while start > 0, chars[start - 1] != " " { start -= 1 }
            chars.removeSubrange(start..<cursor)
            cursor = start
        case .char(let c):
            chars.insert(c, at: cursor)
            cursor += 1
        default:
            return false
        }
        text = String(chars)
        return true
    }

    /// Replaces the text, with the cursor at its end (a recalled command, a completion).
    public mutating func set(_ new: String) {
        text = new
        cursor = new.count
    }

    /// The text before the cursor.
    public var head: String { String(text.prefix(cursor)) }
}
