extension String {
    /// The text cut or space-padded on the right to `width` characters, for fixed-width tables.
    public func padded(_ width: Int) -> String {
        count >= width ? String(prefix(width)) : self + String(repeating: " ", count: width - count)
    }

    /// The text space-padded on the left to at least `width` characters, for numbers in tables.
    public func leftPadded(_ width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
