import Foundation
import VigilCore

/// One parsed document's components, looked up by `$id` as its references name them.
struct Mapping {
    let doc: [String: Any]
    var byID: [String: [String: Any]] = [:]

    init(_ doc: [String: Any]) {
        self.doc = doc
        for (key, value) in doc where key.hasSuffix("Component") {
            for c in (value as? [[String: Any]]) ?? (value as? [String: Any]).map({ [$0] }) ?? [] {
                if let id = c["$id"] as? String, byID[id] == nil { byID[id] = c }
            }
        }
    }

    func list(_ key: String) -> [[String: Any]] { (doc[key] as? [[String: Any]]) ?? [] }
    func target(_ ref: Any?) -> [String: Any]? { ((ref as? [String: Any])?["$ref"] as? String).flatMap { byID[$0] } }
    func targets(_ refs: Any?) -> [[String: Any]] { ((refs as? [Any]) ?? []).compactMap(target) }

    /// The sending agency: the one that last updated the document, by its jCard's name, else its `$id`.
    func agencyName() -> String {
        let agency = sendingAgency()
        let ref = (doc["updatedByAgencyReference"] as? [String: Any])?["$ref"] as? String
        if let card = agency?["agencyJcard"] as? String, let name = Self.formattedName(jcard: card) { return name }
        return (agency?["$id"] as? String) ?? ref ?? "another agency"
    }

    /// The agency component of whoever last updated the document, else the first agency.
    func sendingAgency() -> [String: Any]? {
        let ref = (doc["updatedByAgencyReference"] as? [String: Any])?["$ref"] as? String
        return ref.flatMap { byID[$0] } ?? list("agencyComponent").first
    }

    /// The sending agency's types (`police`, `psap`…), as they gave them.
    func agencyTypes() -> [String]? { sendingAgency()?["agencyType"] as? [String] }

    /// `fn` from a jCard (RFC 7095) or a vCard text.
    static func formattedName(jcard: String) -> String? {
        if let parsed = try? JSONSerialization.jsonObject(with: Data(jcard.utf8)) as? [Any],
            let props = parsed.dropFirst().first as? [[Any]]
        {
            for p in props where (p.first as? String)?.lowercased() == "fn" {
                if let v = p.last as? String, !v.isEmpty { return v }
            }
        }
        for line in jcard.split(whereSeparator: \.isNewline) where line.uppercased().hasPrefix("FN") {
            if let colon = line.firstIndex(of: ":") { return String(line[line.index(after: colon)...]) }
        }
        return nil
    }

    /// Whether the sender marks it an emergency: an emergency call, a high call priority, or incident priority 1.
    func isEmergency(priority: Int?) -> Bool {
        if priority == 1 { return true }
        return list("callComponent").contains { call in
            let type = (call["standardPrimaryCallType"] as? String)?.lowercased()
            let level = call["priorityIdentifier"] as? String
            return type == "emergency" || level == "highest" || level == "high"
                || (call["queueIdentifier"] as? String) == Channel.emergency.rawValue
        }
    }

    /// The sender's disposition when their incident is closed: its status says so, or it has a disposition.
    func closed() -> String? {
        guard let incident = doc["incidentComponent"] as? [String: Any] else { return nil }
        let status = (incident["incidentStatusCommonRegistryText"] as? [String]) ?? []
        let disposition = (incident["dispositionComponent"] as? [[String: Any]])?.first
        guard status.contains(where: { $0.lowercased() == "closed" }) || disposition != nil else { return nil }
        let words = [disposition?["dispositionCommonRegistryCode"], disposition?["dispositionDescriptionText"]]
            .compactMap { $0 as? String }.filter { !$0.isEmpty }
        return words.isEmpty ? "closed" : words.map(Self.plain).joined(separator: ": ")
    }

    /// The caller: the first person whose role is Caller (else the first person), their name and callback number.
    func caller() -> (name: String, number: String) {
        let people = list("personComponent")
        let person =
            people.first {
                (($0["personIncidentRoleRegistryText"] as? [String]) ?? []).contains { $0.lowercased() == "caller" }
            } ?? people.first
        let name = person.map { Self.name($0["ncPersonComponent"]) } ?? ""
        var callback = target(person?["callBackReference"])
        // Else the callback of this person's own call: another caller's number is not theirs.
        if callback == nil, let id = person?["$id"] as? String {
            let own = list("callComponent").first { call in
                targets(call["personReference"]).contains { $0["$id"] as? String == id }
            }
            callback = target(own?["callBackReference"])
        }
        // With one person named, any call's callback, or the only callback, is theirs.
        if callback == nil, people.count <= 1 {
            callback =
                list("callComponent").lazy.compactMap { target($0["callBackReference"]) }.first
                ?? list("callbackComponent").first
        }
        let uris = (callback?["callBackInformationUri"] as? [String]) ?? []
        let uri = uris.first { $0.lowercased().hasPrefix("tel:") } ?? uris.first
        // The person's own number as written comes first; a callback URI has lost its spaces.
        let own = Self.niem(person?["ncPersonComponent"], "telephoneNumberFullID")
        return (name, own.isEmpty ? uri.map(Self.number) ?? "" : own)
    }

    /// A NIEM person's name (`name[].personFullName[].value`, else given and surname), or their telephone number
    /// (`…contactTelephoneNumber[].full[].telephoneNumberFullID[].value`), however deep the sender nested them.
    static func niem(_ person: Any?, _ key: String) -> String {
        func text(_ v: Any?) -> String? {
            if let s = v as? String { return s.isEmpty ? nil : s }
            if let list = v as? [Any] { return list.lazy.compactMap(text).first }
            return (v as? [String: Any]).flatMap { text($0["value"]) }
        }
        func find(_ v: Any?, depth: Int = 0) -> String? {
            guard depth < 12 else { return nil }
            if let list = v as? [Any] { return list.lazy.compactMap { find($0, depth: depth + 1) }.first }
            guard let o = v as? [String: Any] else { return nil }
            if let hit = o.first(where: { $0.key.lowercased() == key.lowercased() }), let s = text(hit.value) {
                return s
            }
            return o.keys.sorted().lazy.compactMap { find(o[$0], depth: depth + 1) }.first
        }
        return find(person) ?? ""
    }

    static func name(_ person: Any?) -> String {
        let full = niem(person, "personFullName")
        if !full.isEmpty { return full }
        return [niem(person, "personGivenName"), niem(person, "personSurName")].filter { !$0.isEmpty }
            .joined(separator: " ")
    }

    /// The number in `tel:+44…;ext=1` or `sip:8195551212@osp.com`.
    static func number(_ uri: String) -> String {
        var rest = Substring(uri)
        if let colon = rest.firstIndex(of: ":"), ["tel", "sip", "sips"].contains(rest[..<colon].lowercased()) {
            rest = rest[rest.index(after: colon)...]
        }
        return String(rest.prefix { $0 != ";" && $0 != "@" })
    }

    /// The place: the incident's location first, then the caller's, then any; the first with a point or address.
    func place() -> (point: GeoPoint?, radius: Double?, method: String?, address: String, url: String?) {
        let all = list("locationComponent")
        let incident = doc["incidentComponent"] as? [String: Any]
        func typed(_ t: String) -> [[String: Any]] {
            all.filter { ($0["locationTypeDescriptionRegistryText"] as? String)?.lowercased() == t }
        }
        let ordered = typed("incident") + targets(incident?["locationReference"]) + typed("caller") + all
        var url: String?
        for c in ordered {
            let pidf = (c["locationByValue"] as? String).flatMap(PIDFLocation.init(xml:))
            let description = (c["locationDescriptionText"] as? String) ?? ""
            let address = description.isEmpty ? pidf?.addressLine ?? "" : description
            if pidf?.point != nil || !address.isEmpty {
                return (pidf?.point, pidf?.radius, pidf?.method, address, nil)
            }
            if url == nil { url = c["locationByReferenceUrl"] as? String }
        }
        return (nil, nil, nil, "", url)
    }

    /// Every note as plain text, oldest first, with the comments the caller's device sent as additional data.
    func notes() -> [String] {
        let stamped = list("notesComponent").enumerated().map { k, n in
            (EIDOTime.parse((n["lastUpdateTimeStamp"] as? String) ?? "")?.seconds ?? 0, k, n)
        }
        var out = stamped.sorted { ($0.0, $0.1) < ($1.0, $1.1) }.compactMap { _, _, n -> String? in
            (n["notesActionComments"] as? String).map(Self.plain)
        }
        for a in list("additionalDataComponent") {
            guard let xml = a["additionalDataByValue"] as? String else { continue }
            XMLScan.elements(xml) { name, text in
                if name == "Comment", !text.isEmpty { out.append("Comment: \(text)") }
            }
        }
        return out
    }

    /// HTML5 notes as text: tags dropped (a line break becomes a space), entities decoded.
    static func plain(_ html: String) -> String {
        var out = "", inTag = false
        for ch in html {
            if ch == "<" {
                inTag = true; out.append(" ")
            } else if ch == ">", inTag {
                inTag = false
            } else if !inTag {
                out.append(ch)
            }
        }
        return XMLScan.decode(out)
    }
}
