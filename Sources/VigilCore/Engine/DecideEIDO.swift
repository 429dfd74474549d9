// Another agency's incident, sent as an EIDO. The importer maps the document to an `EIDOIntake`; here it is
// checked like any caller's details, and a document seen before by its `$id` adds only what is new.
extension DispatchState {
    /// Longest field an import may carry: agency names, ids, addresses and types are short; notes can be long.
    static let importLimits = (field: 200, caller: 80, note: 4000, notes: 500, document: 256 << 10)

    func decideImport(_ intake: EIDOIntake, at now: Instant) throws(DispatchError) -> [Change] {
        let changes = try decideImportChanges(intake, at: now)
        // The log takes no payload over its limit; the document and its notes, escaped, must fit.
        guard changes.allSatisfy({ $0.json.utf8.count <= Change.payloadLimit }) else {
            throw .badImportText("document")
        }
        return changes
    }

    func decideImportChanges(_ intake: EIDOIntake, at now: Instant) throws(DispatchError) -> [Change] {
        try onEarth(intake.details.location)
        try Self.checkImportText(intake)
        // A far-future stamp would make every real update look older, and so be refused, for ever.
        guard intake.updated <= now + .hours(24) else { throw .eidoFromTheFuture(intake.eido) }
        guard let id = eidoContacts[intake.eido], let known = referrals[id] else {
            let new = EIDOImported(
                contact: ContactID(nextContact), update: false, intake: intake, newNotes: intake.notes, changes: [])
            return [.eidoImported(new)]
        }
        // Another agency reusing a document id must not steer this one's contact.
        guard known.sent.agency == intake.agency else {
            throw .eidoFromAnotherAgency(intake.eido, known.sent.agency, intake.agency)
        }
        var seen = Set(known.sent.notes)
        let newNotes = intake.notes.filter { seen.insert($0).inserted }
        let changes = Self.importChanges(from: known.sent, to: intake)
        guard intake.stamp > known.sent.stamp else {
            if intake.stamp == known.sent.stamp, !newNotes.isEmpty || !changes.isEmpty {
                throw .eidoSameTimeDifferent(intake.eido, id)
            }
            throw .eidoAlreadyImported(intake.eido, id)
        }
        guard !newNotes.isEmpty || !changes.isEmpty else { throw .eidoNothingNew(intake.eido, id) }
        // Dealt with already (resolved, or its incident closed or archived): a live update waits as a new contact.
        let reopen = intake.closed == nil && isDealtWith(id)
        return [
            .eidoImported(
                EIDOImported(
                    contact: reopen ? ContactID(nextContact) : id, update: true, intake: intake, newNotes: newNotes,
                    changes: changes, reopens: reopen ? id : nil))
        ]
    }

    /// Whether nobody will read an update left on this contact: it is resolved, archived, or its incident is closed.
    func isDealtWith(_ id: ContactID) -> Bool {
        switch contacts[id]?.state {
        case nil, .resolved: true
        case .waiting, .answered: false
        case .raised(let ref), .linked(let ref): incidents[ref]?.isOpen != true
        }
    }

    static func checkImportText(_ i: EIDOIntake) throws(DispatchError) {
        let limits = importLimits
        let fields: [(String, String?, Int)] = [
            ("document id", i.eido, limits.field), ("agency", i.agency, limits.field),
            ("caller's name", i.details.callerName, limits.caller),
            ("callback number", i.details.callerNumber, limits.caller), ("address", i.details.address, limits.field),
            ("account", i.details.account, limits.note * 4), ("incident type", i.incidentType, limits.field),
            ("incident number", i.senderIncident, limits.field), ("location source", i.locationSource, limits.field),
            ("disposition", i.closed, limits.field),
        ]
        for (name, text, limit) in fields {
            guard let text else { continue }
            if text.unicodeScalars.count > limit || text.unicodeScalars.contains(where: \.isTerminalControl) {
                throw .badImportText(name)
            }
        }
        guard !i.eido.isEmpty, !i.agency.isEmpty else {
            throw .badImportText(i.eido.isEmpty ? "document id" : "agency")
        }
        guard i.notes.count <= limits.notes, i.document.utf8.count <= limits.document else {
            throw .badImportText(i.notes.count > limits.notes ? "notes" : "document")
        }
        let types = i.agencyTypes ?? []
        guard types.count <= 20,
            types.allSatisfy({ $0.count <= 60 && !$0.unicodeScalars.contains(where: \.isTerminalControl) })
        else { throw .badImportText("agency type") }
        for n in i.notes
        where n.unicodeScalars.count > limits.note || n.unicodeScalars.contains(where: \.isTerminalControl) {
            throw .badImportText("note")
        }
        if let a = i.accuracy, !(a.isFinite && a >= 0 && a <= 1_000_000) { throw .badImportText("accuracy") }
    }

    /// What a later version changed of what the contact was given, one sentence each.
    static func importChanges(from known: EIDOIntake, to new: EIDOIntake) -> [String] {
        var out: [String] = []
        let (old, now) = (known.details, new.details)
        if !now.address.isEmpty, now.address != old.address { out.append("Address now \(now.address).") }
        if let p = now.location, p != old.location {
            let how = [new.locationSource, new.accuracy.map { "±\(Int($0.rounded())) m" }].compactMap { $0 }
            out.append(
                "Location now \(p.lat), \(p.lon)" + (how.isEmpty ? "" : " (\(how.joined(separator: ", ")))") + ".")
        }
        if !now.callerNumber.isEmpty, now.callerNumber != old.callerNumber {
            out.append("Callback number now \(now.callerNumber).")
        }
        if !now.callerName.isEmpty, now.callerName != old.callerName { out.append("Caller now \(now.callerName).") }
        if let g = new.grade, g != known.grade { out.append("Sender's priority now grade \(g.rawValue).") }
        if let c = new.category, c != known.category { out.append("Sender's incident type now \(c).") }
        if new.channel == .emergency, known.channel != .emergency { out.append("Sender now marks it an emergency.") }
        if let closed = new.closed, known.closed == nil { out.append("Sender has closed it: \(closed).") }
        return out
    }

    /// Folds an import in: a new contact waiting in its queue (or on record, when the sender had closed it), a later
    /// version's notes and changes on the contact or its incident, or that version waiting as a new contact.
    mutating func applyImport(_ e: EIDOImported, at now: Instant, by: OperatorID) {
        let i = e.intake
        var r: Referral
        if e.update, let known = referrals[e.reopens ?? e.contact] {
            r = known
            r.sent.merge(i, notes: e.newNotes)
            r.latest = e.changes + e.newNotes
        } else {
            guard !e.update else { return }
            var sent = i
            sent.document = ""
            r = Referral(contact: e.contact, sent: sent)
        }
        r.contact = e.contact
        referrals[e.contact] = r
        eidoContacts[i.eido] = e.contact
        if !e.update || e.reopens != nil {
            var details = r.sent.details
            if e.reopens != nil { details.account = (e.newNotes + e.changes).joined(separator: " / ") }
            var contact = Contact(id: e.contact, channel: r.sent.channel, details: details, receivedAt: now)
            if let closed = i.closed, e.reopens == nil {
                contact.state = .resolved
                contact.resolution = "Closed by \(i.agency) before it was sent: \(closed)"
            }
            admit(contact)
            return
        }
        guard let slot = contacts.index(forKey: e.contact) else { return }
        let c = contacts.values[slot]
        switch c.state {
        case .waiting, .answered:
            contacts.values[slot].details = c.details.merging(i.details, account: e.newNotes + e.changes)
            if r.sent.channel != c.channel {
                if c.state == .waiting {
                    waitingByChannel[c.channel.priority].remove(slot)
                    waitingByChannel[r.sent.channel.priority].insert(slot)
                }
                contacts.values[slot].channel = r.sent.channel
            }
        case .raised(let ref), .linked(let ref):
            updateIncident(ref) { incident in
                for line in e.newNotes + e.changes {
                    incident.narrative.append(NarrativeEntry(at: now, author: by, .note("\(i.agency): \(line)")))
                }
            }
        case .resolved:
            break
        }
    }
}

extension EIDOIntake {
    /// This record with a later version over it: its fields where it gives them, its new notes added, still 999 once
    /// marked so, and the document left out.
    mutating func merge(_ later: EIDOIntake, notes new: [String]) {
        updated = later.updated
        updatedFraction = later.updatedFraction
        notes += new
        details = details.merging(later.details)
        grade = later.grade ?? grade
        category = later.category ?? category
        incidentType = later.incidentType ?? incidentType
        senderIncident = later.senderIncident ?? senderIncident
        locationSource = later.locationSource ?? locationSource
        accuracy = later.accuracy ?? accuracy
        closed = later.closed ?? closed
        if later.channel == .emergency { channel = .emergency }
    }
}

extension ContactDetails {
    /// These details with a later version's non-empty fields, and its new notes added to the account.
    func merging(_ new: ContactDetails, account notes: [String] = []) -> ContactDetails {
        var d = self
        if !new.callerName.isEmpty { d.callerName = new.callerName }
        if !new.callerNumber.isEmpty { d.callerNumber = new.callerNumber }
        if !new.address.isEmpty { d.address = new.address }
        if let p = new.location { d.location = p }
        for n in notes { d.account += (d.account.isEmpty ? "" : " / ") + n }
        return d
    }
}
