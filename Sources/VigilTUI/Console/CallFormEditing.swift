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
            // Tab completes the category; elsewhere it moves to the next line of the form.
            if f.field == .category {
                f.category = completeCategory(f.category)
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
            switch Category.parse(f.category.trimmingSpaces) {
            case .failure(let e):
                f.field = .category
                say("Category: " + e.message + (e.suggestion.map { "; did you mean \($0)?" } ?? ""), error: true)
                return []
            case .success(let category):
                return [
                    .execute(
                        .raiseIncident(from: f.contact, grade: f.grade, category: category, location: nil, address: nil)
                    )
                ]
            }
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
            case .category: if !f.category.isEmpty { f.category.removeLast() }
            case .note: if !f.note.isEmpty { f.note.removeLast() }
            case .thrive: if !f.thrive.isEmpty { f.thrive.removeLast() }
            case .grade: break
            }
            return []
        case .char(let c):
            switch f.field {
            case .grade:
                if let d = c.wholeNumberValue, let g = Grade(rawValue: d) { f.grade = g }
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
        let all = CategoryKind.allCases.flatMap { kind in
            [kind.rawValue + "/"] + kind.details.map { "\(kind.rawValue)/\($0)" }
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
