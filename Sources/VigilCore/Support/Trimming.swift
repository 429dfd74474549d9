extension String {
    /// The text without white space at either end: what every typed field is stored and checked as.
    public var trimmingSpaces: String {
        // Most text has no space at either end: two byte checks spare the walk by grapheme.
        if let f = utf8.first, let l = utf8.last, f > 0x20, f < 0x80, l > 0x20, l < 0x80 { return self }
        var sub = Substring(self)
        while let f = sub.first, f.isWhitespace { sub.removeFirst() }
        while let l = sub.last, l.isWhitespace { sub.removeLast() }
        return String(sub)
    }
}
