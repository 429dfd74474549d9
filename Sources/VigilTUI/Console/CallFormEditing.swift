import VigilCore

extension ConsoleModel {
    /// Keys while the call-taking form has the keyboard; nil lets the key fall through to the global map.
    mutating func editForm(_ key: Key, state: DispatchState) -> [ConsoleEffect]? {
        guard var f = form else { return nil }
        defer { if form != nil { form = f } }
        let fields = CallForm.Field.allCases
        switch key {
        case .escape:
            focus = .queue
            return []
        case .up, .down, .backTab:
            let i = fields.firstIndex(of: f.field) ?? 0
            f.field = fields[min(max(0, i + (key == .down ? 1 : -1)), fields.count - 1)]
            return []
        case .tab:
            // Tab completes the category and takes the gazetteer's best match for the address; elsewhere it moves to
            // the next line of the form.
            if f.field == .category {
                f.category = completeCategory(f.category)
            } else if f.field == .place, let c = state.contacts[f.contact] {
                // Tab takes the best match; Tab again the next of the three shown, and round again.
                let query = f.addressQuery ?? f.address ?? c.details.address
                let found = state.force.gazetteer.search(query, limit: 3)
                if found.isEmpty {
                    say("Nothing in the gazetteer looks like that; give the street and district.", error: true)
                } else {
                    f.addressPick = f.addressQuery == nil ? 0 : (f.addressPick + 1) % found.count
                    f.addressQuery = query
                    let pick = found[f.addressPick]
                    f.address = pick.address
                    say(
                        "Where: \(pick.address) (\(pick.accuracy.rawValue); \(f.addressPick + 1) of \(found.count), Tab for the next)."
                    )
                }
            } else {
                let i = fields.firstIndex(of: f.field) ?? 0
                f.field = fields[min(i + 1, fields.count - 1)]
            }
            return []
        case .enter:
            if !f.thrive.isEmpty, f.thriveAssessment == nil {
                f.field = .thrive
                say(
                    "THRIVE needs six letters, each L, M or H: threat, harm, risk, investigation, vulnerability, engagement.",
                    error: true)
                return []
            }
            guard let contact = state.contacts[f.contact] else { return [] }
            switch Category.parse(f.category.trimmingSpaces) {
            case .failure(let e):
                f.field = .category
                say("Category: " + e.message + (e.suggestion.map { "; did you mean \($0)?" } ?? ""), error: true)
                return []
            case .success(let category):
                let grade = f.effectiveGrade(contact).grade
                switch f.place(contact, state) {
                case .failure(let why):
                    f.field = .place
                    say(why.message, error: true)
                    return []
                case .success(let found):
                    // A corrected name or number is recorded first, then the incident raised.
                    let name = f.callerName.flatMap { $0 == contact.details.callerName ? nil : $0 }
                    let number = f.callerNumber.flatMap { $0 == contact.details.callerNumber ? nil : $0 }
                    let correction: [ConsoleEffect] =
                        name == nil && number == nil
                        ? [] : [.execute(.correctContact(f.contact, callerName: name, callerNumber: number))]
                    return correction + [
                        .execute(
                            .raiseIncident(
                                from: f.contact, grade: grade, category: category, location: found?.location,
                                address: found?.address ?? f.address, accuracy: found?.accuracy))
                    ]
                }
            }
        case .ctrl("u") where f.field == .place || f.field == .caller || f.field == .phone:
            switch f.field {
            case .caller: f.callerName = ""
            case .phone: f.callerNumber = ""
            default: f.address = ""; f.addressQuery = nil
            }
            return []
        case .ctrl("l"):
            guard let c = state.contacts[f.contact], let place = c.details.location,
                let near = state.openIncidents(near: place).first
            else {
                say("No open incident near this call to link it to.", error: true)
                return []
            }
            return [.execute(.linkContact(f.contact, to: near.ref))]
        case .ctrl("r"):
            let advice = f.note.trimmingSpaces
            guard !advice.isEmpty else {
                f.field = .note; say("Write the advice given in the note first.", error: true); return []
            }
            return [.execute(.resolveContact(f.contact, advice: advice))]
        case .backspace:
            switch f.field {
            case .place:
                var text = f.address ?? state.contacts[f.contact]?.details.address ?? ""
                if !text.isEmpty { text.removeLast() }
                f.address = text
                f.addressQuery = nil
            case .caller:
                var text = f.callerName ?? state.contacts[f.contact]?.details.callerName ?? ""
                if !text.isEmpty { text.removeLast() }
                f.callerName = text
            case .phone:
                var text = f.callerNumber ?? state.contacts[f.contact]?.details.callerNumber ?? ""
                if !text.isEmpty { text.removeLast() }
                f.callerNumber = text
            case .category: if !f.category.isEmpty { f.category.removeLast() }
            case .note: if !f.note.isEmpty { f.note.removeLast() }
            case .thrive: if !f.thrive.isEmpty { f.thrive.removeLast() }
            case .grade: break
            }
            return []
        case .char(let c):
            switch f.field {
            case .place:
                f.address = (f.address ?? state.contacts[f.contact]?.details.address ?? "") + String(c)
                f.addressQuery = nil
            case .caller:
                f.callerName = (f.callerName ?? state.contacts[f.contact]?.details.callerName ?? "") + String(c)
            case .phone:
                f.callerNumber = (f.callerNumber ?? state.contacts[f.contact]?.details.callerNumber ?? "") + String(c)
            case .grade:
                if let d = c.wholeNumberValue, let g = Grade(rawValue: d) {
                    f.grade = g
                    f.gradeChosen = true
                }
            case .category: f.category.append(c)
            case .thrive: if "LMHlmh".contains(c), f.thrive.count < 6 { f.thrive.append(Character(c.uppercased())) }
            case .note: f.note.append(c)
            }
            return []
        default:
            return nil
        }
    }

    /// Completes a category as far as it is unambiguous (`crime/bu` → `crime/burglary`); lists the choices otherwise.
    mutating func completeCategory(_ text: String) -> String {
        var all = CategoryKind.allCases.flatMap { kind in
            [kind.rawValue + "/"] + kind.details.map { "\(kind.rawValue)/\($0)" }
        }
        // After a +, the qualifiers: crime/weapons+do → crime/weapons+domestic-abuse.
        if let plus = text.lastIndex(of: "+") {
            all = Qualifier.allCases.map { String(text[...plus]).lowercased() + $0.rawValue }
        }
        let typed = text.lowercased()
        let matches = all.filter { $0.hasPrefix(typed) }
        guard !matches.isEmpty else { say("No category starts `\(text)`.", error: true); return text }
        var common = matches[0]
        for m in matches.dropFirst() { while !m.hasPrefix(common) { common.removeLast() } }
        if matches.count > 1, common == typed {
            say(matches.prefix(8).joined(separator: "  ") + (matches.count > 8 ? "  …" : ""))
        }
        return common.count > text.count ? common : text
    }
}
