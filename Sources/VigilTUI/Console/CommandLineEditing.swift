import VigilCore

extension ConsoleModel {
    /// Keys while the `:` line is open: edit, complete, recall, run or cancel.
    mutating func editCommandLine(_ key: Key, state: DispatchState, now: Instant) -> [ConsoleEffect] {
        var editor = lineEditor ?? LineEditor()
        let line = editor.text
        switch key {
        case .escape:
            commandLine = nil
            message = nil
            return []
        case .enter:
            let text = line.trimmingSpaces
            guard !text.isEmpty else { commandLine = nil; return [] }
            if text.lowercased().hasPrefix("go ") || text.lowercased() == "go" {
                return go(String(text.dropFirst(2)).trimmingSpaces, text, state: state, now: now)
            }
            switch CommandParser(state: state, now: now).parse(text) {
            case .success(let command):
                history.append(text)
                commandLine = nil
                if let (confirmation, prompt) = question(command, state: state) {
                    confirming = confirmation
                    say(prompt)
                    return []
                }
                return [.execute(command)]
            case .failure(let e):
                say(e.description, error: true)
                return []
            }
        case .up, .down:
            guard !history.isEmpty else { return [] }
            let i = historyIndex ?? history.count
            let next = min(max(0, i + (key == .up ? -1 : 1)), history.count)
            historyIndex = next
            editor.set(next == history.count ? "" : history[next])
        case .tab:
            // Completes the word before the cursor; the rest of the line stays as it was.
            let head = editor.head, tail = String(line.dropFirst(head.count))
            let done = complete(head, state: state)
            editor = LineEditor(done + tail, cursor: done.count)
        default:
            guard editor.edit(key) else { return [] }
        }
        lineEditor = editor
        return []
    }

    /// Statuses as `status` takes them.
    static let statusCompletions = [
        "available", "enroute", "scene", "station", "transporting", "refreshment", "off", "unavailable", "writeup",
    ]

    /// Completes the last word: a verb first; then callsigns, today's open incidents, statuses, channels, areas, desks
    /// and mutual-aid partners; categories after `raise` and `close` (and any word with a `/`), qualifiers after `+`.
    mutating func complete(_ line: String, state: DispatchState) -> String {
        let words = line.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        guard let last = words.last else { return line }
        let candidates: [String]
        if words.count == 1 {
            candidates = Verb.allCases.map(\.rawValue) + ["go"]
        } else if let plus = last.lastIndex(of: "+") {
            // Qualifiers after a category: crime/weapons+do → crime/weapons+domestic-abuse.
            let head = last[...plus]
            candidates = Qualifier.allCases.map { head + $0.rawValue }
        } else if last.contains("/") || (words.first == "raise" && words.count == 4)
            || (words.first == "close" && words.count == 3)
        {
            candidates = CategoryKind.allCases.flatMap { kind in kind.details.map { "\(kind.rawValue)/\($0)" } }
        } else {
            let force = state.force
            candidates =
                state.units.keys.map { $0 } + state.openIncidents.map(\.short)
                + ["best", "off", "again", "999", "101", "online"] + Self.statusCompletions
                + force.areas.map(\.id) + force.desks.map(\.id) + force.aid.map(\.id)
        }
        let matches = candidates.filter { $0.lowercased().hasPrefix(last.lowercased()) }.sorted()
        guard !matches.isEmpty, !last.isEmpty else { return line }
        var common = matches[0]
        for m in matches.dropFirst() { while !m.lowercased().hasPrefix(common.lowercased()) { common.removeLast() } }
        let head = words.dropLast().joined(separator: " ")
        let completed = (head.isEmpty ? "" : head + " ") + (common.count >= last.count ? common : last)
        if matches.count == 1 { return completed + " " }
        say(matches.prefix(12).joined(separator: "  ") + (matches.count > 12 ? "  …" : ""))
        return completed
    }
}
