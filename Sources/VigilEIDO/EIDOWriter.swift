import VigilCore

/// Incidents as Emergency Incident Data Objects (NENA-STA-021.1b): one document per incident, its components
/// (incident, calls, callers, callbacks, locations, notes, units, dispatches, agencies, agents, cautions) tied
/// together by `$id` and `$ref`, each stamped with when and by whom it last changed.
public struct EIDOWriter: Sendable {
    public var force: Force
    /// Units of the force file, for each unit's type and skills; lent units are found by their pool's prefix.
    public var units: [Callsign: PoliceUnit]
    /// Every operator's role, for the agents' registry texts.
    public var roles: [OperatorID: Role]

    public init(force: Force, units: [Callsign: PoliceUnit], roles: [OperatorID: Role]) {
        self.force = force; self.units = units; self.roles = roles
    }

    /// Names the sending system: `vigil.wm`.
    public var issuer: String { "vigil.\(force.code.lowercased())" }
    var agency: String { "urn:vigil:\(force.code.lowercased()):agency" }

    func id(_ kind: String, _ parts: String...) -> String {
        "urn:vigil:\(force.code.lowercased()):\(kind):" + parts.joined(separator: ":")
    }

    /// The document's `$id`, after NENA's incident tracking identifier form.
    public func documentID(_ ref: IncidentRef) -> String { "urn:emergency:uid:incidentid:\(ref):\(issuer)" }

    /// One incident's EIDO, for JSONSerialization; `origins` says which callers came from other agencies' EIDOs.
    public func document(_ r: IncidentBook.Record, origins: [ContactID: EIDOIntake] = [:]) -> [String: Any] {
        let ref = r.ref.description
        var doc = Parts(writer: self)
        doc.origins = origins
        let incidentLocation = id("location", ref)
        doc.locations.append(
            doc.stamp(
                incidentLocation, at: r.raisedAt, by: r.raisedBy,
                [
                    "locationTypeDescriptionRegistryText": EIDORegistry.incidentLocation,
                    "locationByValue": PIDFLocation(
                        point: r.location, method: "Manual",
                        civic: ["country": "GB", "A3": force.area(r.area)?.name ?? r.area, "LOC": r.address]
                    ).xml,
                    "locationDescriptionText": r.address,
                ]))
        let notes = doc.notes(r)
        let people = doc.callers(r)
        let cautions = doc.cautions(r)
        doc.resources(r)
        var incident: [String: Any] = [
            "incidentTypeCommonRegistryText": EIDORegistry.incidentType(r.category),
            "incidentTypeInternalText": r.category.description,
            "incidentTypeInternalCode": r.category.kind.rawValue,
            "incidentStatusCommonRegistryText": [EIDORegistry.incidentStatus(closed: r.closedAt != nil)],
            "incidentStatusInternalText": [r.closedAt == nil ? "open" : "closed"],
            "internalIncidentId": ref,
            "incidentCommonPriorityNumber": r.grade.rawValue,
            "incidentPriorityInternalText": "Grade \(r.grade.rawValue) \(r.grade.name)",
            "beatOrDispatchGroupText": force.area(r.area)?.name ?? r.area,
            "locationReference": [["$ref": incidentLocation]],
            "personReference": people.map { ["$ref": $0] },
            "notesReference": (notes + cautions).map { ["$ref": $0] },
            "agentReference": doc.agentsSeen.sorted().map { ["$ref": id("agent", $0)] },
        ]
        if let closing = r.closing, let at = r.closedAt {
            incident["dispositionComponent"] = [
                doc.stamp(
                    id("disposition", ref), at: at, by: doc.closer(r),
                    [
                        "dispositionCommonRegistryCode": EIDORegistry.disposition(closing),
                        "dispositionPrimaryIndicator": true, "dispositionCategoryText": closing.description,
                        "dispositionDescriptionText": r.outcome ?? "",
                    ])
            ]
        }
        let last = doc.latest
        var root = doc.stamp(documentID(r.ref), at: last, by: r.notes.last?.author ?? r.raisedBy, [:])
        root["eidoVersion"] = "1.0"
        root["issuingElementIdentification"] = issuer
        root["incidentComponent"] = doc.stamp(id("incident", ref), at: last, by: r.raisedBy, incident)
        root["agencyComponent"] = doc.agencies(at: last) + doc.senderAgencies
        root["agentComponent"] = doc.agents()
        for (key, list) in [
            ("callComponent", doc.calls), ("callbackComponent", doc.callbacks), ("personComponent", doc.persons),
            ("locationComponent", doc.locations), ("notesComponent", doc.noteObjects),
            ("cautionComponent", doc.cautionObjects), ("emergencyResourceComponent", doc.resourceObjects),
            ("dispatchComponent", doc.dispatches),
        ] where !list.isEmpty {
            root[key] = list
        }
        return root
    }

    /// A name as a jCard (RFC 7095), the form `agencyJcard` takes.
    static func jcard(name: String) -> String {
        let escaped = name.replacingEach { ch in
            ch == "\"" ? "\\\"" : ch == "\\" ? "\\\\" : ch.isASCII && ch.asciiValue! < 0x20 ? " " : nil
        }
        return "[\"vcard\",[[\"version\",{},\"text\",\"4.0\"],[\"fn\",{},\"text\",\"\(escaped)\"]]]"
    }

    /// A caller as NIEM's person (nc.yaml's ncPersonType): the whole name as given, since callers' names are not
    /// split reliably, and the number they called from. NIEM holds every property in an array, and text as `value`.
    static func person(name: String, number: String) -> [String: Any] {
        var p: [String: Any] = [:]
        if !name.isEmpty { p["name"] = [["personFullName": [["value": name]]]] }
        if !number.isEmpty {
            p["homeContactInformation"] = [
                ["contactTelephoneNumber": [["full": [["telephoneNumberFullID": [["value": number]]]]]]]
            ]
        }
        return p
    }

    /// A note's text as the HTML5 `notesActionComments` holds.
    static func html(_ s: String) -> String {
        s.replacingEach { ch in ch == "&" ? "&amp;" : ch == "<" ? "&lt;" : ch == ">" ? "&gt;" : nil }
    }

    /// A telephone number as a `tel:` URI (RFC 3966): digits and a leading +, visual separators dropped.
    static func tel(_ number: String) -> String? {
        var out = ""
        for ch in number {
            if ch.isASCII, ch.isNumber { out.append(ch) } else if ch == "+", out.isEmpty { out.append(ch) }
        }
        return out.contains(where: \.isNumber) ? "tel:" + out : nil
    }
}

extension String {
    func replacingEach(_ f: (Character) -> String?) -> String {
        var out = ""
        for ch in self { if let r = f(ch) { out += r } else { out.append(ch) } }
        return out
    }
}
