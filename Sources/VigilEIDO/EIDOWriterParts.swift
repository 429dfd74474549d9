import VigilCore

/// The components of one document as they are written, and the agents and times they mention.
struct Parts {
    let writer: EIDOWriter
    var calls: [[String: Any]] = [], callbacks: [[String: Any]] = [], persons: [[String: Any]] = []
    var locations: [[String: Any]] = [], noteObjects: [[String: Any]] = [], cautionObjects: [[String: Any]] = []
    var resourceObjects: [[String: Any]] = [], dispatches: [[String: Any]] = []
    /// Each agent and the last time they touched the incident.
    var agentsLast: [OperatorID: Instant] = [:]
    /// Agencies lending units, by pool.
    var partners: [AidPool] = []
    /// Where callers that came from other agencies' EIDOs came from, and those agencies as components.
    var origins: [ContactID: EIDOIntake] = [:]
    var senderAgencies: [[String: Any]] = []
    var latest = Instant(seconds: 0)

    init(writer: EIDOWriter) { self.writer = writer }

    var agentsSeen: Set<OperatorID> { Set(agentsLast.keys) }

    /// A component with the prologue every one needs: its `$id`, when it last changed and by which agency and agent.
    mutating func stamp(
        _ id: String, at: Instant, by agent: OperatorID?, agency: String? = nil, _ body: [String: Any]
    ) -> [String: Any] {
        var c = body
        c["$id"] = id
        c["lastUpdateTimeStamp"] = at.iso8601
        c["updatedByAgencyReference"] = ["$ref": agency ?? writer.agency]
        if let agent {
            c["updatedByAgentReference"] = ["$ref": writer.id("agent", agent)]
            agentsLast[agent] = max(agentsLast[agent] ?? at, at)
        }
        latest = max(latest, at)
        return c
    }

    mutating func notes(_ r: IncidentBook.Record) -> [String] {
        r.notes.enumerated().map { n, entry in
            let nid = writer.id("note", r.ref.description, "\(n + 1)")
            noteObjects.append(
                stamp(
                    nid, at: entry.at, by: entry.author,
                    [
                        "notesActionComments": EIDOWriter.html(entry.text),
                        "agentReference": ["$ref": writer.id("agent", entry.author)],
                    ]))
            return nid
        }
    }

    func closer(_ r: IncidentBook.Record) -> OperatorID? {
        r.notes.last { if case .closed = $0.entry { true } else { false } }?.author
    }

    mutating func callers(_ r: IncidentBook.Record) -> [String] {
        r.callers.map { c in
            let ref = r.ref.description, cid = c.id.description
            let pid = writer.id("person", ref, cid), callID = writer.id("call", ref, cid)
            var person: [String: Any] = [
                "personIncidentRoleRegistryText": [EIDORegistry.caller], "callIdentifier": [callID],
            ]
            var call: [String: Any] = [
                "standardPrimaryCallType": EIDORegistry.callType(c.channel), "direction": "incoming",
                "callStartTimestamp": c.receivedAt.iso8601, "callStateRegistryText": "callEnd",
                "queueIdentifier": c.channel.rawValue, "localCallType": c.channel.rawValue,
                "personReference": [["$ref": pid]],
            ]
            if !c.details.callerName.isEmpty || !c.details.callerNumber.isEmpty {
                person["ncPersonComponent"] = EIDOWriter.person(
                    name: c.details.callerName, number: c.details.callerNumber)
            }
            if let uri = EIDOWriter.tel(c.details.callerNumber) {
                let cb = writer.id("callback", ref, cid)
                callbacks.append(stamp(cb, at: c.receivedAt, by: nil, ["callBackInformationUri": [uri]]))
                person["callBackReference"] = ["$ref": cb]
                call["callBackReference"] = ["$ref": cb]
            }
            let origin = origins[c.id]
            if let origin {
                let (agency, note) = sender(origin, noteID: writer.id("note", ref, cid, "sent"), at: c.receivedAt)
                call["agencyReference"] = [["$ref": agency]]
                person["notesReference"] = [["$ref": note]]
            }
            if let p = c.details.location {
                let lid = writer.id("location", ref, cid)
                let pidf = PIDFLocation(
                    point: p, radius: origin?.accuracy, method: origin.map { $0.locationSource ?? "Manual" } ?? "Cell")
                locations.append(
                    stamp(
                        lid, at: c.receivedAt, by: nil,
                        [
                            "locationTypeDescriptionRegistryText": EIDORegistry.callerLocation,
                            "locationByValue": pidf.xml,
                            "locationDescriptionText": c.details.address,
                        ]))
                person["locationReference"] = [["$ref": lid]]
                call["locationReference"] = [["$ref": lid]]
            }
            if !c.details.account.isEmpty {
                let nid = writer.id("note", ref, cid)
                noteObjects.append(
                    stamp(nid, at: c.receivedAt, by: nil, ["notesActionComments": EIDOWriter.html(c.details.account)]))
                person["notesReference"] = ((person["notesReference"] as? [Any]) ?? []) + [["$ref": nid]]
            }
            persons.append(stamp(pid, at: c.receivedAt, by: nil, person))
            calls.append(stamp(callID, at: c.receivedAt, by: nil, call))
            return pid
        }
    }

    /// The agency a caller's EIDO came from, as a component (once per agency), and a note naming their document
    /// and incident; returns both `$id`s.
    mutating func sender(_ origin: EIDOIntake, noteID: String, at: Instant) -> (agency: String, note: String) {
        let slug = origin.agency.unicodeScalars.filter {
            $0.isASCII && ($0.properties.isAlphabetic || $0.properties.numericType != nil)
        }
        let aid = writer.id("sender", String(String.UnicodeScalarView(slug.prefix(40))))
        if !senderAgencies.contains(where: { $0["$id"] as? String == aid }) {
            senderAgencies.append(
                stamp(
                    aid, at: at, by: nil, agency: aid,
                    [
                        "agencyRoleDescriptionRegistryText": ["CallReceiving"], "agencyType": origin.agencyTypes ?? [],
                        "incidentOwningAgencyIndicator": false, "agencyJcard": EIDOWriter.jcard(name: origin.agency),
                    ]))
        }
        let their = origin.senderIncident.map { ", their incident \($0)" } ?? ""
        noteObjects.append(
            stamp(
                noteID, at: at, by: nil, agency: aid,
                ["notesActionComments": EIDOWriter.html("Sent by \(origin.agency) as EIDO \(origin.eido)\(their).")]))
        return (aid, noteID)
    }

    mutating func cautions(_ r: IncidentBook.Record) -> [String] {
        r.flags.map { f in
            let ref = r.ref.description
            let cid = writer.id("caution", ref, "\(f.id)"), nid = writer.id("note", ref, "flag-\(f.id)")
            cautionObjects.append(
                stamp(
                    cid, at: r.raisedAt, by: nil,
                    [
                        "cautionTypeInternalText": f.kind.label,
                        "cautionTypeCommonRegistryText": EIDORegistry.caution(f.kind), "cautionSeverity": "high",
                        "cautionSource": writer.agency,
                    ]))
            noteObjects.append(
                stamp(
                    nid, at: r.raisedAt, by: nil,
                    [
                        "notesActionComments": EIDOWriter.html("\(f.kind.tag) at this address: \(f.note)"),
                        "cautionReference": [["$ref": cid]],
                    ]))
            return nid
        }
    }

    mutating func resources(_ r: IncidentBook.Record) {
        for (k, u) in r.units.enumerated() {
            let ref = r.ref.description
            let rid = writer.id("unit", ref, u.callsign, "\(k + 1)")
            let assigner = r.notes.first { $0.at == u.assignedAt && $0.entry == .assigned(u.callsign) }?.author
            let unit = writer.units[u.callsign]
            let pool = unit == nil ? writer.force.aid.first { u.callsign.hasPrefix($0.prefix) } : nil
            if let pool, !partners.contains(pool) { partners.append(pool) }
            let agency = pool.map { writer.id("agency", $0.id) } ?? writer.agency
            let status = u.statuses.last?.0 ?? .assigned
            let registry = EIDORegistry.unitStatus(status)
            let type = unit?.type ?? .response
            let skills = (unit?.skills ?? []).sorted()
            let last = u.statuses.last?.1 ?? u.assignedAt
            resourceObjects.append(
                stamp(
                    rid, at: last, by: assigner, agency: agency,
                    [
                        "emergencyResourceName": u.callsign,
                        "emergencyResourceTypeCommonRegistryText": EIDORegistry.resourceType(type),
                        "emergencyResourceTypeInternalText": type.rawValue,
                        "resourceAttributeRegistryText": skills.map(EIDORegistry.attribute),
                        "resourceAttributeInternalText": skills.map(\.rawValue),
                        "primaryUnitStatusRegistryText": registry.primary,
                        "secondaryUnitStatusRegistryText": registry.secondary,
                        "unitStatusInternal": [status.code],
                        "agentReference": assigner.map { [["$ref": writer.id("agent", $0)]] } ?? [],
                    ]))
            var dispatch: [String: Any] = [
                "agencyReference": ["$ref": agency], "emergencyResourceReference": [["$ref": rid]],
            ]
            if let assigner { dispatch["agentReference"] = ["$ref": writer.id("agent", assigner)] }
            dispatches.append(stamp(writer.id("dispatch", ref, "\(k + 1)"), at: u.assignedAt, by: assigner, dispatch))
        }
    }

    mutating func agencies(at last: Instant) -> [[String: Any]] {
        var out = [
            stamp(
                writer.agency, at: last, by: nil,
                [
                    "agencyRoleDescriptionRegistryText": EIDORegistry.forceRoles,
                    "agencyType": EIDORegistry.forceTypes, "incidentOwningAgencyIndicator": true,
                    "agencyJcard": EIDOWriter.jcard(name: writer.force.name),
                ])
        ]
        for pool in partners {
            out.append(
                stamp(
                    writer.id("agency", pool.id), at: last, by: nil,
                    [
                        "agencyRoleDescriptionRegistryText": EIDORegistry.partnerRoles,
                        "agencyType": EIDORegistry.partnerTypes, "incidentOwningAgencyIndicator": false,
                        "agencyJcard": EIDOWriter.jcard(name: pool.name),
                    ]))
        }
        return out
    }

    mutating func agents() -> [[String: Any]] {
        agentsLast.keys.sorted().map { op in
            stamp(
                writer.id("agent", op), at: agentsLast[op] ?? latest, by: nil,
                [
                    "agentRoleRegistryText": [EIDORegistry.agentRole(writer.roles[op])],
                    "agencyReference": ["$ref": writer.agency],
                    "agentWorkstationPositionIdentification": op,
                ])
        }
    }
}
