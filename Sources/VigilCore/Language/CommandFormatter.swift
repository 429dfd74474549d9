extension Command {
    /// The command in the command language, with full references, so that parsing it gives the same command.
    /// Nil for commands the language does not carry (operator registration is an administrative tool's job).
    public var commandLine: String? {
        switch self {
        case .signOn: return "signon"
        case .signOff: return "signoff"
        case .registerOperator: return nil
        case .receiveContact(let channel, let d, _):
            var words = ["receive", channel.rawValue]
            if let at = d.location { words.append("at=\(at.lat),\(at.lon)") }
            if !d.address.isEmpty { words.append("address=" + quote(d.address)) }
            if !d.callerName.isEmpty { words.append("caller=" + quote(d.callerName)) }
            if !d.callerNumber.isEmpty { words.append("phone=" + quote(d.callerNumber)) }
            if !d.account.isEmpty { words.append(quote(d.account)) }
            return words.joined(separator: " ")
        case .answerContact(let id): return id.map { "answer \($0)" } ?? "answer next"
        case .raiseIncident(let id, let grade, let category, let location, let address, _):
            var words = ["raise", id.description, String(grade.rawValue), category.description]
            if let at = location { words.append("at=\(at.lat),\(at.lon)") }
            if let address { words.append("address=" + quote(address)) }
            return words.joined(separator: " ")
        case .linkContact(let id, let ref): return "link \(id) \(ref)"
        case .mergeIncident(let a, let b): return "link \(a) \(b)"
        case .resolveContact(let id, let advice): return "resolve \(id) \(quote(advice))"
        case .grade(let ref, let g, let reason): return "grade \(ref) \(g.rawValue) \(quote(reason))"
        case .recordThrive(let ref, let t):
            let levels =
                "t=\(t.threat.rawValue) h=\(t.harm.rawValue) r=\(t.risk.rawValue) i=\(t.investigation.rawValue) v=\(t.vulnerability.rawValue) e=\(t.engagement.rawValue)"
            return "thrive \(ref) \(levels)" + (t.text.isEmpty ? "" : " " + quote(t.text))
        case .addNarrative(let ref, let text): return "note \(ref) \(quote(text))"
        case .assign(let ref, let units): return "assign \(ref) " + units.joined(separator: " ")
        case .unassign(let cs, let ref): return "unassign \(cs)" + (ref.map { " \($0)" } ?? "")
        case .setStatus(let cs, let s, let at):
            let word = statusWords.first { $0.1 == s }!.0
            return "status \(cs) \(word)" + (at.map { " at=\($0.lat),\($0.lon)" } ?? "")
        case .moveUnit(let cs, let area): return "move \(cs) \(area)"
        case .closeIncident(let ref, let cat, let outcome):
            return "close \(ref) \(cat)" + (outcome.isEmpty ? "" : " " + quote(outcome))
        case .addFlag(let kind, let address, let at, let note, let expires):
            var words = ["flag", kind.rawValue, quote(address), "at=\(at.lat),\(at.lon)"]
            if !note.isEmpty { words.append(quote(note)) }
            if let expires { words.append("expires=\(expires.ukLocal.date)") }
            return words.joined(separator: " ")
        case .expireFlag(let id): return "unflag F\(id)"
        case .endShift(let scenario): return "# shift ended: \(scenario)"
        case .setSimHandlers(let n): return "handlers \(n)"
        case .book(let ref, let t): return "book \(ref) \(t.ukLocal.date)T\(t.ukLocal.shortTimeText)"
        case .correctContact(let id, let name, let number):
            return "correct \(id)" + (name.map { " caller=" + quote($0) } ?? "")
                + (number.map { " phone=" + quote($0) } ?? "")
        case .returnContact(let id, let reason): return "return \(id)" + (reason.isEmpty ? "" : " " + quote(reason))
        case .requestAid(let id, let n): return "aid \(id) \(n)"
        case .standDownAid(let id): return "aid off \(id)"
        case .takeDesk(let id, let target): return "desk \(id)" + (target.map { " for \($0)" } ?? "")
        case .leaveDesk(let id, let reason, _):
            return "desk off" + (id.map { " \($0)" } ?? "") + (reason.isEmpty ? "" : " " + quote(reason))
        case .pauseShift: return "pause"
        case .resumeShift: return "resume"
        case .setShiftSpeed(let s): return "speed " + (s == 0 ? "max" : String(s))
        case .fireInject(let n, let again): return "inject \(n)" + (again ? " again" : "")
        case .disableOperator(let id): return "# disable operator \(id) (vigil operator disable)"
        case .unlockOperator(let id): return "# unlock operator \(id) (vigil operator unlock)"
        case .declareMajorIncident(let name, let refs):
            return "major \(quote(name)) " + refs.map(\.description).joined(separator: " ")
        case .noteMajorIncident(let n, let text): return "majornote \(n) \(quote(text))"
        case .recordRefusedSignOn(let reason): return "# refused sign-on: \(reason.rawValue)"
        case .recordSnapshot(let seq, _): return "# snapshot after seq \(seq)"
        case .recordPINSet(let id, _): return "# PIN set for \(id) (vigil operator pin)"
        case .recordCopy(let seq, _, _): return "# copied at seq \(seq) (vigil log copy)"
        case .importEIDO(let intake): return "# EIDO \(quote(intake.eido)) imported (vigil log import)"
        }
    }
}

/// Double-quotes text, escaping quotes and backslashes.
func quote(_ s: String) -> String {
    var out = "\""
    for ch in s {
        if ch == "\"" || ch == "\\" { out.append("\\") }
        out.append(ch)
    }
    return out + "\""
}
