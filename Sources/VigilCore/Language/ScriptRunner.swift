/// Runs a script of command-language lines against a state, for demonstrations, drills and tests.
/// Besides commands it understands `# comments`, `wait 5m` (advance the clock), `as ID` (switch operator),
/// `recommend INCIDENT`, `show INCIDENT` and `load`.
public struct ScriptRunner {
    public private(set) var state: DispatchState
    public private(set) var now: Instant
    public private(set) var actor: Actor
    public private(set) var events: [Event] = []
    public private(set) var failures = 0

    public init(state: DispatchState, start: Instant, actor: Actor) {
        self.state = state; self.now = start; self.actor = actor
    }

    /// Runs every line, returning what to print.
    public mutating func run(_ script: String) -> [String] {
        var out: [String] = []
        for (n, raw) in script.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            out.append(contentsOf: runLine(String(raw), number: n + 1))
        }
        return out
    }

    /// Runs one line, returning what to print.
    public mutating func runLine(_ raw: String, number: Int) -> [String] {
        let line = raw.trimmingSpaces
        if line.isEmpty || line.hasPrefix("#") { return [] }
        let words = line.split(separator: " ", maxSplits: 1).map(String.init)
        switch words[0].lowercased() {
        case "wait":
            guard words.count == 2, let d = parseDuration(words[1]) else {
                failures += 1
                return ["line \(number): `wait` needs a duration such as 30s, 5m or 2h"]
            }
            now = now + d
            return ["-- \(now.ukLocal.timeText)"]
        case "as":
            guard words.count == 2 else { failures += 1; return ["line \(number): `as` needs an operator id"] }
            actor = Actor(words[1], console: actor.console)
            return []
        case "recommend", "show":
            guard words.count == 2 else { failures += 1; return ["line \(number): `\(words[0])` needs an incident"] }
            switch CommandParser(state: state, now: now).incident(named: words[1]) {
            case .failure(let e): failures += 1; return ["line \(number): \(e.message)"]
            case .success(let ref): return words[0].lowercased() == "show" ? describe(ref) : describeRecommendation(ref)
            }
        case "load":
            return describeLoad()
        default:
            let parser = CommandParser(state: state, now: now)
            switch parser.parse(line) {
            case .failure(let e):
                failures += 1
                return ["line \(number): \(e)"]
            case .success(let command):
                switch state.decide(command, by: actor, at: now) {
                case .failure(let e):
                    failures += 1
                    return ["line \(number): refused: \(e.message)"]
                case .success(let new):
                    state.apply(new)
                    events.append(contentsOf: new)
                    return new.map(\.line)
                }
            }
        }
    }

    func describe(_ ref: IncidentRef) -> [String] {
        guard let i = state.incidents[ref] else { return [] }
        let clock = i.clock(at: now)
        var out = [
            "\(i.ref) grade \(i.grade.rawValue) \(i.grade.name) \(i.opening) \(i.isOpen ? "open" : "closed") in \(i.area)",
            "  \(i.address.isEmpty ? i.location.description : i.address)",
        ]
        if let left = clock.remaining, let target = clock.target {
            out.append(
                "  target \(Int(target.minutes)) min: "
                    + (clock.breached ? "BREACHED \((-left).clockText) ago" : "\(left.clockText) left"))
        }
        if clock.met, let at = i.firstOnSceneAt {
            out.append("  target met: first unit at scene after \((at - i.createdAt).clockText)")
        }
        if clock.breached, clock.remaining == nil { out.append("  target missed") }
        if !i.flags.isEmpty {
            out.append("  flags: " + i.flags.map { "\($0.kind.tag) (\($0.note))" }.joined(separator: "; "))
        }
        if !i.units.isEmpty {
            out.append(
                "  units: " + i.units.map { "\($0) \(state.units[$0]?.status.code ?? "?")" }.joined(separator: ", "))
        }
        out.append(contentsOf: i.narrative.map { "  \($0.at.ukLocal.timeText) \($0.author) \($0.text)" })
        return out
    }

    func describeRecommendation(_ ref: IncidentRef) -> [String] {
        let r = state.recommend(for: ref)
        var out = ["Recommendation for \(ref) (\(r.considered) free units looked at)"]
        if let note = r.note { out.append("  \(note)") }
        for (n, c) in r.candidates.enumerated() {
            out.append("  \(n + 1). \(c.reason)" + (c.lostBecause.map { " — lost: \($0)" } ?? ""))
        }
        return out
    }

    func describeLoad() -> [String] {
        let load = state.load(at: now)
        var out = ["AREA            OPEN G1 G2 G3 G4 UNRES OLDEST  FREE COMMIT BREACH"]
        for a in load.areas + [load.total] {
            let grades = a.openByGrade.map { "\($0)".leftPadded(3) }.joined()
            let oldest = (a.oldestUnresourced?.clockText ?? "-").leftPadded(7)
            var row = a.name.padded(15) + " " + "\(a.open)".leftPadded(4) + grades
            row += "\(a.unresourced)".leftPadded(6) + oldest
            row += "\(a.unitsFree)".leftPadded(6) + "\(a.unitsCommitted)".leftPadded(7) + "\(a.breached)".leftPadded(7)
            out.append(row)
        }
        out.append(
            "Queues: "
                + load.queues.map {
                    "\($0.channel.rawValue) \($0.waiting)" + ($0.longestWait.map { " (longest \($0.clockText))" } ?? "")
                }.joined(separator: ", "))
        return out
    }
}

/// Parses `90s`, `5m`, `2h` or a bare number of seconds.
public func parseDuration(_ text: String) -> Duration? {
    let t = text.lowercased()
    guard let last = t.last else { return nil }
    let scale: Int64
    var digits = Substring(t)
    switch last {
    case "s": scale = 1; digits = digits.dropLast()
    case "m": scale = 60; digits = digits.dropLast()
    case "h": scale = 3600; digits = digits.dropLast()
    default: scale = 1
    }
    guard digits.count <= 7, let n = Int64(digits), n >= 0 else { return nil }
    return .seconds(n * scale)
}
