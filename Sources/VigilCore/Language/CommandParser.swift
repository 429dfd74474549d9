/// Parses the command language against the current state: short incident numbers resolve within today,
/// callsigns ignore case and take unambiguous prefixes. Parsing is total: every input gives a command or an error.
public struct CommandParser {
    let state: DispatchState
    let now: Instant

    public init(state: DispatchState, now: Instant) { self.state = state; self.now = now }

    /// Parses one line.
    public func parse(_ line: String) -> Result<Command, CommandLineError> {
        switch Tokenizer.tokenize(line) {
        case .failure(let e): return .failure(e)
        case .success(let tokens):
            var cursor = Cursor(tokens: tokens, lineEnd: line.count + 1)
            do throws(CommandLineError) {
                let command = try parse(&cursor)
                if let extra = cursor.next() {
                    throw CommandLineError("unexpected `\(extra.text)`", column: extra.column, suggestion: nil)
                }
                return .success(command)
            } catch {
                return .failure(error)
            }
        }
    }

    private func parse(_ c: inout Cursor) throws(CommandLineError) -> Command {
        guard let head = c.next() else {
            throw CommandLineError("type a command", column: 1, suggestion: "e.g. assign 0014 BW11")
        }
        let verb = try keyword(head, Verb.allCases.map { ($0.rawValue, $0) }, what: "command")
        switch verb {
        case .signon: return .signOn
        case .signoff: return .signOff
        case .answer:
            guard let t = c.next() else { return .answerContact(nil) }
            if t.text.lowercased() == "next" { return .answerContact(nil) }
            return .answerContact(try contact(t))
        case .receive:
            let channelToken = try c.require("channel (999, 101 or online)")
            let channel = try keyword(channelToken, Channel.allCases.map { ($0.rawValue, $0) }, what: "channel")
            var details = ContactDetails()
            while let t = c.next() {
                switch t.key {
                case "at": details.location = try point(t)
                case "address": details.address = t.text
                case "caller": details.callerName = t.text
                case "phone": details.callerNumber = t.text
                case nil: details.account = t.text
                case let k?: throw unknownKey(k, t, ["at", "address", "caller", "phone"])
                }
            }
            return .receiveContact(channel, details)
        case .raise:
            let idToken = try c.require("contact, e.g. C12")
            let id = try contact(idToken)
            let g = try grade(try c.require("grade 1-4"))
            let cat = try category(try c.require("category, e.g. crime/burglary"))
            var location: GeoPoint?, address: String?, addressToken: Token?
            while let t = c.next() {
                switch t.key {
                case "at": location = try point(t)
                case "address": (address, addressToken) = (t.text, t)
                case let k: throw unknownKey(k ?? t.text, t, ["at", "address"])
                }
            }
            guard location == nil else {
                return .raiseIncident(from: id, grade: g, category: cat, location: location, address: address)
            }
            return try lookUp(id, address: address, token: addressToken ?? idToken) { found in
                .raiseIncident(
                    from: id, grade: g, category: cat, location: found?.location, address: found?.address ?? address,
                    accuracy: found?.accuracy)
            }
        case .resolve:
            let id = try contact(try c.require("contact, e.g. C12"))
            return .resolveContact(id, advice: try c.require("advice in quotes").text)
        case .link:
            let first = try c.require("contact or incident")
            let target = try incident(try c.require("incident to link to"))
            if first.text.uppercased().hasPrefix("C") {
                return .linkContact(try contact(first), to: target)
            }
            return .mergeIncident(try incident(first), into: target)
        case .grade:
            let ref = try incident(try c.require("incident"))
            let g = try grade(try c.require("grade 1-4"))
            let reason = c.next().map(\.text) ?? ""
            return .grade(ref, g, reason: reason)
        case .thrive:
            let ref = try incident(try c.require("incident"))
            var t = Thrive()
            while let tok = c.next() {
                switch tok.key {
                case "t": t.threat = try level(tok)
                case "h": t.harm = try level(tok)
                case "r": t.risk = try level(tok)
                case "i": t.investigation = try level(tok)
                case "v": t.vulnerability = try level(tok)
                case "e": t.engagement = try level(tok)
                case nil: t.text = tok.text
                case let k?: throw unknownKey(k, tok, ["t", "h", "r", "i", "v", "e"])
                }
            }
            return .recordThrive(ref, t)
        case .note:
            let ref = try incident(try c.require("incident"))
            return .addNarrative(ref, try c.require("note text in quotes").text)
        case .assign:
            let ref = try incident(try c.require("incident"))
            let first = try c.require("callsign, or `best`")
            if first.text.lowercased() == "best", state.units[first.text.uppercased()] == nil {
                // `best` takes the recommendation's top unit, as the console's one-key assign does.
                let recommendation = state.recommend(for: ref, limit: 1)
                guard let best = recommendation.best else {
                    // The real reason first: a closed incident, or one no unit is sent to, is not short of units.
                    if let i = state.incidents[ref], !i.isOpen {
                        throw CommandLineError(DispatchError.incidentClosed(ref).message, column: first.column)
                    }
                    if let note = recommendation.note {
                        throw CommandLineError(note, column: first.column, suggestion: nil)
                    }
                    throw CommandLineError(
                        "no free unit may attend \(ref.short)", column: first.column,
                        suggestion: "use move to bring units in")
                }
                return .assign(ref, [best.callsign])
            }
            var units: [Callsign] = [try callsign(first)]
            while let t = c.next() { units.append(try callsign(t)) }
            return .assign(ref, units)
        case .unassign:
            let cs = try callsign(try c.require("callsign"))
            return .unassign(cs, from: try c.next().map { t throws(CommandLineError) in try incident(t) })
        case .status:
            let cs = try callsign(try c.require("callsign"))
            let s = try keyword(try c.require("status"), statusWords, what: "status")
            var position: GeoPoint?
            while let t = c.next() {
                guard t.key == "at" else { throw unknownKey(t.key ?? t.text, t, ["at"]) }
                position = try point(t)
            }
            return .setStatus(cs, s, position: position)
        case .move:
            let cs = try callsign(try c.require("callsign"))
            return .moveUnit(cs, to: try area(try c.require("area")))
        case .close:
            let ref = try incident(try c.require("incident"))
            let cat = try category(try c.require("closing category, e.g. crime/burglary"))
            return .closeIncident(ref, cat, outcome: c.next().map(\.text) ?? "")
        case .flag:
            let kind = try keyword(
                try c.require("flag kind"), FlagKind.allCases.map { ($0.rawValue, $0) }, what: "flag kind")
            var address: String?, location: GeoPoint?, note = "", expires: Instant?
            while let t = c.next() {
                switch t.key {
                case "at": location = try point(t)
                case "expires": expires = try date(t)
                case "address": address = t.text
                case nil: if address == nil { address = t.text } else { note = t.text }
                case let k?: throw unknownKey(k, t, ["at", "address", "expires"])
                }
            }
            guard let address else {
                throw CommandLineError(
                    "the address is missing", column: c.lineEnd, suggestion: "add the address in quotes")
            }
            guard let location else {
                throw CommandLineError("the location is missing", column: c.lineEnd, suggestion: "add at=LAT,LON")
            }
            return .addFlag(kind, address: address, location: location, note: note, expires: expires)
        case .unflag:
            let t = try c.require("flag, e.g. F3")
            var digits = Substring(t.text)
            if digits.first == "F" || digits.first == "f" { digits = digits.dropFirst() }
            guard let id = Int(digits), id > 0 else {
                throw CommandLineError("`\(t.text)` is not a flag number", column: t.column, suggestion: "e.g. F3")
            }
            return .expireFlag(id)
        case .handlers:
            let t = try c.require("number of simulated call handlers, from 0")
            guard let n = Int(t.text), n >= 0 else {
                throw CommandLineError(
                    "`\(t.text)` is not a number of call handlers", column: t.column, suggestion: "e.g. handlers 2")
            }
            return .setSimHandlers(n)
        case .book:
            let ref = try incident(try c.require("incident, e.g. 0014"))
            let t = try c.require("appointment, e.g. 2026-11-28T10:30")
            guard let at = Instant(ukLocal: t.text) else {
                throw CommandLineError(
                    "`\(t.text)` is not a date and time", column: t.column, suggestion: "e.g. 2026-11-28T10:30")
            }
            return .book(ref, at: at)
        case .desk:
            let t = try c.require("desk, e.g. desk birmingham (or desk off)")
            if t.text.lowercased() == "off", !t.quoted {
                guard let named = c.next() else { return .leaveDesk(nil, reason: "") }
                return .leaveDesk(try desk(named), reason: c.next()?.text ?? "")
            }
            let id = try desk(t)
            guard c.consume("for") else { return .takeDesk(id, for: nil) }
            return .takeDesk(id, for: try c.require("operator, e.g. D100").text.uppercased())
        case .correct:
            let id = try contact(try c.require("contact, e.g. C12"))
            var name: String?, number: String?
            while let t = c.next() {
                switch t.key {
                case "caller": name = t.text
                case "phone": number = t.text
                case let k: throw unknownKey(k ?? t.text, t, ["caller", "phone"])
                }
            }
            return .correctContact(id, callerName: name, callerNumber: number)
        case .return:
            let id = try contact(try c.require("contact, e.g. C12"))
            return .returnContact(id, reason: c.next()?.text ?? "")
        case .aid:
            let t = try c.require("neighbouring force, e.g. aid staffordshire 10 (or aid off staffordshire)")
            if t.text.lowercased() == "off", !t.quoted {
                return .standDownAid(try aidPool(try c.require("neighbouring force, e.g. aid off staffordshire")))
            }
            let pool = try aidPool(t)
            let n = try c.require("number of units, e.g. aid \(t.text) 10")
            guard n.text.count <= 4, let count = Int(n.text), count >= 1 else {
                throw CommandLineError(
                    "`\(n.text)` is not a number of units", column: n.column, suggestion: "e.g. aid \(t.text) 10")
            }
            return .requestAid(pool, units: count)
        case .pause: return .pauseShift
        case .resume: return .resumeShift
        case .speed:
            let t = try c.require("speed: \(ShiftSpeed.choices)")
            guard let speed = ShiftSpeed(argument: t.text) else {
                throw CommandLineError(
                    "`\(t.text)` is not a shift speed", column: t.column, suggestion: "use \(ShiftSpeed.choices)")
            }
            return .setShiftSpeed(speed.rawValue)
        case .major:
            let name = try c.require("the major incident's name in quotes").text
            var refs: [IncidentRef] = [try incident(try c.require("incident, e.g. 0014"))]
            while let t = c.next() { refs.append(try incident(t)) }
            return .declareMajorIncident(name: name, incidents: refs)
        case .majornote:
            let t = try c.require("major incident number")
            guard let n = Int(t.text), n >= 1 else {
                throw CommandLineError(
                    "`\(t.text)` is not a major incident number", column: t.column,
                    suggestion: "e.g. majornote 1 \"text\"")
            }
            return .noteMajorIncident(n, try c.require("note in quotes").text)
        case .inject:
            let t = try c.require("inject number, from 1, as the scenario lists them")
            guard let n = Int(t.text), n >= 1 else {
                throw CommandLineError(
                    "`\(t.text)` is not an inject number", column: t.column,
                    suggestion: "use a number from 1, as the scenario lists them")
            }
            return .fireInject(n, again: c.consume("again"))
        }
    }

    // MARK: - Words

    func keyword<T>(_ t: Token, _ table: [(String, T)], what: String) throws(CommandLineError) -> T {
        let word = t.text.lowercased()
        if let exact = table.first(where: { $0.0 == word }) { return exact.1 }
        if !word.isEmpty {
            let hits = table.filter { $0.0.hasPrefix(word) }
            if let first = hits.first, hits.allSatisfy({ "\($0.1)" == "\(first.1)" }) { return first.1 }
            if hits.count > 1 {
                throw CommandLineError(
                    "`\(t.text)` could be \(hits.map { "`\($0.0)`" }.joined(separator: " or "))", column: t.column,
                    suggestion: "use more letters")
            }
        }
        throw CommandLineError(
            "unknown \(what) `\(t.text)`", column: t.column, suggestion: closestWord(to: word, in: table.map(\.0)))
    }

    func unknownKey(_ key: String, _ t: Token, _ allowed: [String]) -> CommandLineError {
        CommandLineError(
            "unexpected `\(t.key.map { "\($0)=" } ?? "")\(t.text)`", column: t.column,
            suggestion: closestWord(to: key, in: allowed).map { "\($0)=" }
                ?? "use \(allowed.map { "\($0)=" }.joined(separator: ", "))")
    }

    func contact(_ t: Token) throws(CommandLineError) -> ContactID {
        var digits = Substring(t.text)
        if digits.first == "C" || digits.first == "c" { digits = digits.dropFirst() }
        guard let n = Int(digits), n > 0 else {
            throw CommandLineError("`\(t.text)` is not a contact number", column: t.column, suggestion: "e.g. C12")
        }
        let id = ContactID(n)
        guard state.contacts[id] != nil else {
            throw CommandLineError("there is no contact \(id)", column: t.column, suggestion: nil)
        }
        return id
    }

    /// Resolves an incident number (today's `0014`) or full reference, as the command lines do.
    public func incident(named text: String) -> Result<IncidentRef, CommandLineError> {
        do throws(CommandLineError) {
            return .success(try incident(Token(text: text, column: 1, key: nil, quoted: false)))
        } catch { return .failure(error) }
    }

    func incident(_ t: Token) throws(CommandLineError) -> IncidentRef {
        if let full = IncidentRef(parsing: t.text) {
            guard state.incidents[full] != nil else {
                throw CommandLineError("there is no incident \(full)", column: t.column)
            }
            return full
        }
        guard !t.text.isEmpty, t.text.count <= 6, t.text.allSatisfy(\.isASCII), let n = Int(t.text), n > 0 else {
            throw CommandLineError(
                "`\(t.text)` is not an incident number", column: t.column,
                suggestion: "e.g. 0014 or \(state.force.code)-20261125-0014")
        }
        let ref = IncidentRef(force: state.force.code, day: now.ukLocal.date.compact, number: n)
        guard state.incidents[ref] != nil else {
            throw CommandLineError(
                "there is no incident \(ref.short) today", column: t.column,
                suggestion: "use the full reference for other days")
        }
        return ref
    }

    func callsign(_ t: Token) throws(CommandLineError) -> Callsign {
        let word = t.text.uppercased()
        guard !word.isEmpty, word.count <= 16 else {
            throw CommandLineError("`\(t.text)` is not a callsign", column: t.column)
        }
        if state.units[word] != nil { return word }
        let hits = state.units.keys.filter { $0.hasPrefix(word) }
        if hits.count == 1 { return hits[0] }
        if hits.count > 1 {
            let shown = hits.prefix(4).joined(separator: ", ") + (hits.count > 4 ? " …" : "")
            throw CommandLineError(
                "`\(t.text)` could be \(hits.count) units (\(shown))", column: t.column, suggestion: "use more letters")
        }
        throw CommandLineError(
            "unknown callsign `\(t.text)`", column: t.column,
            suggestion: closestWord(to: word, in: Array(state.units.keys)))
    }

    func area(_ t: Token) throws(CommandLineError) -> AreaID {
        let table = state.force.areas.flatMap { [($0.id.lowercased(), $0.id), ($0.name.lowercased(), $0.id)] }
        return try keyword(t, table, what: "area")
    }

    func aidPool(_ t: Token) throws(CommandLineError) -> AidPoolID {
        guard !state.force.aid.isEmpty else {
            throw CommandLineError("this force has no mutual-aid partners", column: t.column, suggestion: nil)
        }
        let table = state.force.aid.flatMap { [($0.id.lowercased(), $0.id), ($0.name.lowercased(), $0.id)] }
        return try keyword(t, table, what: "neighbouring force")
    }

    func desk(_ t: Token) throws(CommandLineError) -> DeskID {
        guard !state.force.desks.isEmpty else {
            throw CommandLineError("this force has no dispatch desks", column: t.column, suggestion: nil)
        }
        let table = state.force.desks.flatMap { [($0.id.lowercased(), $0.id), ($0.name.lowercased(), $0.id)] }
        return try keyword(t, table, what: "desk")
    }

    func grade(_ t: Token) throws(CommandLineError) -> Grade {
        guard t.text.count == 1, let n = Int(t.text), let g = Grade(rawValue: n) else {
            throw CommandLineError("`\(t.text)` is not a grade", column: t.column, suggestion: "use 1, 2, 3 or 4")
        }
        return g
    }

    func level(_ t: Token) throws(CommandLineError) -> Level {
        try keyword(
            t, [("l", .low), ("m", .medium), ("h", .high), ("low", .low), ("medium", .medium), ("high", .high)],
            what: "level")
    }

    func category(_ t: Token) throws(CommandLineError) -> Category {
        switch Category.parse(t.text) {
        case .success(let c): return c
        case .failure(let e): throw CommandLineError(e.message, column: t.column + e.offset, suggestion: e.suggestion)
        }
    }

    func point(_ t: Token) throws(CommandLineError) -> GeoPoint {
        let parts = t.text.split(separator: ",", omittingEmptySubsequences: false)
        guard parts.count == 2, parts.allSatisfy({ $0.count <= 24 }),
            let lat = Double(parts[0]), let lon = Double(parts[1]), lat.isFinite, lon.isFinite,
            (-90...90).contains(lat), (-180...180).contains(lon)
        else {
            throw CommandLineError("`\(t.text)` is not a position", column: t.column, suggestion: "e.g. at=52.48,-1.90")
        }
        return GeoPoint(lat: lat, lon: lon)
    }

    func date(_ t: Token) throws(CommandLineError) -> Instant {
        guard let d = CivilDate(parsing: t.text) else {
            throw CommandLineError("`\(t.text)` is not a date", column: t.column, suggestion: "e.g. expires=2027-01-31")
        }
        return Instant(seconds: Int64(d.daysSinceEpoch) * 86_400)
    }
}
