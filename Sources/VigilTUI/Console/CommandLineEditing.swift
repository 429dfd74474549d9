import VigilCore

extension ConsoleModel {
    /// Keys while the `:` line is open: edit, complete, recall, run or cancel.
    mutating func editCommandLine(_ key: Key, state: DispatchState, now: Instant) -> [ConsoleEffect] {
        var line = commandLine ?? ""
        switch key {
        case .escape:
            commandLine = nil
            message = nil
            return []
        case .enter:
            let text = line.trimmingSpaces
            guard !text.isEmpty else { commandLine = nil; return [] }
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
        case .backspace:
            if !line.isEmpty { line.removeLast() }
        case .up, .down:
            guard !history.isEmpty else { return [] }
            let i = historyIndex ?? history.count
            let next = min(max(0, i + (key == .up ? -1 : 1)), history.count)
            historyIndex = next
            line = next == history.count ? "" : history[next]
        case .tab:
            line = complete(line, state: state)
        case .char(let c):
            line.append(c)
        default:
            return []
        }
        commandLine = line
        return []
    }

    /// Completes the last word: a verb first, then callsigns, today's open incidents, statuses and channels.
    mutating func complete(_ line: String, state: DispatchState) -> String {
        let words = line.split(separator: " ", omittingEmptySubsequences: false).map(String.init)
        guard let last = words.last else { return line }
        let candidates: [String]
        if words.count == 1 {
            candidates = Verb.allCases.map(\.rawValue)
        } else {
            candidates =
                state.units.keys.map { $0 } + state.openIncidents.map(\.short)
                + [
                    "best", "available", "enroute", "scene", "station", "transporting", "refreshment", "off",
                    "unavailable", "999", "101", "online",
                ]
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
