/// Markdown as the debrief writes it (headings, pipe tables, paragraphs), laid out for the screen: headings without
/// their `#`, tables as aligned columns without pipes or the separator row, numbers right-aligned where the table
/// says so. What the trainer reads at the console is the report, not its source.
enum MarkdownLines {
    /// One screen line and the theme role it is drawn in.
    struct Line: Hashable {
        var text: String
        var role: Role
    }

    static func render(_ markdown: [String]) -> [Line] {
        var out: [Line] = []
        var table: [String] = []
        func flush() {
            if !table.isEmpty { out += layOut(table) }
            table.removeAll()
        }
        for line in markdown {
            if line.hasPrefix("|") {
                table.append(line)
                continue
            }
            flush()
            if line.hasPrefix("#") {
                out.append(Line(text: String(line.drop { $0 == "#" }).trimmingSpaces, role: .title))
            } else {
                out.append(Line(text: line, role: .text))
            }
        }
        flush()
        return out
    }

    /// A pipe table as columns two spaces apart; the header row is drawn as a hint, the rows as text.
    static func layOut(_ rows: [String]) -> [Line] {
        var cells = rows.map(Self.cells)
        var rightAligned: [Bool] = []
        if cells.count > 1, cells[1].allSatisfy(isRule) {
            rightAligned = cells[1].map { $0.hasSuffix(":") && !$0.hasPrefix(":") }
            cells.remove(at: 1)
        }
        let columns = cells.map(\.count).max() ?? 0
        var widths = Array(repeating: 0, count: columns)
        for row in cells {
            for (k, cell) in row.enumerated() { widths[k] = max(widths[k], displayWidth(cell)) }
        }
        return cells.enumerated().map { n, row in
            let text = row.enumerated().map { k, cell in
                k < rightAligned.count && rightAligned[k]
                    ? cell.rightAligned(to: widths[k]) : cell.fitted(to: widths[k])
            }.joined(separator: "  ")
            return Line(text: text, role: n == 0 ? .hint : .text)
        }
    }

    /// The cells of `| a | b |`, trimmed.
    static func cells(_ row: String) -> [String] {
        var parts = row.split(separator: "|", omittingEmptySubsequences: false).map { String($0).trimmingSpaces }
        if parts.first?.isEmpty == true { parts.removeFirst() }
        if parts.last?.isEmpty == true { parts.removeLast() }
        return parts
    }

    /// A separator cell such as `---`, `---:` or `:---:`.
    static func isRule(_ cell: String) -> Bool {
        !cell.isEmpty && cell.allSatisfy { $0 == "-" || $0 == ":" } && cell.contains("-")
    }
}
