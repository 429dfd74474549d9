/// Which row a list starts at so the selection stays in view, near the middle: shared by drawing and clicking.
enum Scroll {
    static func first(at selected: Int, rows: Int, count: Int) -> Int {
        max(0, min(selected - rows / 2, count - rows))
    }
}
