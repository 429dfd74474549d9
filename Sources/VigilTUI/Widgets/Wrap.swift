/// Breaks text into lines of at most `width` columns at spaces; a word longer than a line is cut across lines.
/// Never returns an empty array: empty text is one empty line.
func wrap(_ text: String, width: Int) -> [String] {
    guard width > 0 else { return [] }
    var lines: [String] = []
    var line = "", lineWidth = 0
    for word in text.split(separator: " ", omittingEmptySubsequences: true) {
        var w = String(word)
        var ww = displayWidth(w)
        if lineWidth > 0, lineWidth + 1 + ww <= width {
            line += " " + w
            lineWidth += 1 + ww
            continue
        }
        if lineWidth > 0 { lines.append(line) }
        line = ""; lineWidth = 0
        // A word wider than the line goes over several, a column at a time.
        while ww > width {
            var head = "", hw = 0
            for ch in w {
                let cw = displayWidth(ch)
                if hw + cw > width { break }
                head.append(ch); hw += cw
            }
            if head.isEmpty { break }
            lines.append(head)
            w = String(w.dropFirst(head.count))
            ww = displayWidth(w)
        }
        line = w; lineWidth = ww
    }
    lines.append(line)
    return lines
}
