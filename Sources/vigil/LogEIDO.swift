import Foundation
import VigilCore

/// Incidents as Emergency Incident Data Objects: the NENA/EENA layout of components (incident, location, person,
/// emergency resource, notes, agency) tied together by `$id` and `$ref`, so another agency's system can read them.
enum EIDO {
    static func object(_ r: IncidentBook.Record, force: Force) -> [String: Any] {
        let id = r.ref.description
        let agency = "agency-\(force.code)"
        let location = "loc-\(id)"
        let people = r.callers.map { "person-\(id)-\($0.id)" }
        let resources = r.units.enumerated().map { "unit-\(id)-\($0.offset + 1)" }
        let notes = r.notes.indices.map { "note-\(id)-\($0 + 1)" }
        let updated = (r.notes.last?.at ?? r.raisedAt).iso8601
        var incident: [String: Any] = [
            "$id": "inc-\(id)", "componentIdentifier": "inc-\(id)", "incidentTrackingIdentifier": id,
            "incidentTypeCommonRegistryText": r.category.description, "incidentCommonPriorityNumber": r.grade.rawValue,
            "incidentStatusCommonRegistryText": r.closedAt == nil ? "Open" : "Closed",
            "incidentCreationTimeStamp": r.raisedAt.iso8601,
            "lastUpdateTimeStamp": updated, "updatedByAgencyReference": ["$ref": agency],
            "locationReference": [["$ref": location]],
            "personReference": people.map { ["$ref": $0] },
            "emergencyResourceReference": resources.map { ["$ref": $0] },
            "notesReference": notes.map { ["$ref": $0] },
        ]
        if let closing = r.closing {
            incident["disposition"] = [
                [
                    "dispositionCommonRegistryText": closing.description, "dispositionText": r.outcome ?? "",
                    "dispositionTimeStamp": r.closedAt?.iso8601 ?? updated,
                ]
            ]
        }
        let pidf = """
            <?xml version="1.0" encoding="UTF-8"?><location xmlns:gml="http://www.opengis.net/gml" \
            xmlns:ca="urn:ietf:params:xml:ns:pidf:geopriv10:civicAddr"><gml:Point srsName="urn:ogc:def:crs:EPSG::4326">\
            <gml:pos>\(r.location.lat) \(r.location.lon)</gml:pos></gml:Point><ca:civicAddress><ca:country>GB</ca:country>\
            <ca:A3>\(xml(force.area(r.area)?.name ?? r.area))</ca:A3><ca:LOC>\(xml(r.address))</ca:LOC></ca:civicAddress></location>
            """
        let locationComponent: [String: Any] = [
            "$id": location, "componentIdentifier": location, "locationByValue": pidf, "locationNotesText": r.address,
            "lastUpdateTimeStamp": r.raisedAt.iso8601,
        ]
        let persons: [[String: Any]] = zip(people, r.callers).map { pid, c in
            [
                "$id": pid, "componentIdentifier": pid, "personNameText": c.details.callerName,
                "personPhoneNumber": c.details.callerNumber,
                "personRoleText": "Caller (\(c.channel.rawValue))", "personContactTimeStamp": c.receivedAt.iso8601,
                "personNotesText": c.details.account,
            ]
        }
        let units: [[String: Any]] = zip(resources, r.units).map { rid, u in
            [
                "$id": rid, "componentIdentifier": rid, "emergencyResourceIdentifier": u.callsign,
                "agencyReference": ["$ref": agency],
                "emergencyResourceAssignedTimeStamp": u.assignedAt.iso8601,
                "emergencyResourceStatus": u.statuses.map {
                    ["statusText": $0.0.label, "statusTimeStamp": $0.1.iso8601]
                },
            ]
        }
        let noteObjects: [[String: Any]] = zip(notes, r.notes).map { nid, n in
            [
                "$id": nid, "componentIdentifier": nid, "notesEntryTimeStamp": n.at.iso8601,
                "notesActionComment": n.text,
                "authorReference": ["$ref": "agent-\(n.author)"],
            ]
        }
        return [
            "$id": "eido-\(id)", "eidoMessageIdentifier": "urn:vigil:\(force.code):eido:\(id)",
            "sendingSystemIdentifier": "Vigil (\(force.name))", "lastUpdateTimeStamp": updated,
            "incidentComponent": [incident], "locationComponent": [locationComponent], "personComponent": persons,
            "emergencyResourceComponent": units, "notesComponent": noteObjects,
            "agencyComponent": [
                [
                    "$id": agency, "componentIdentifier": agency, "agencyIdentifier": force.code,
                    "agencyName": force.name,
                ]
            ],
            "agentComponent": Array(Set(r.notes.map(\.author))).sorted().map {
                ["$id": "agent-\($0)", "agentIdentifier": $0, "agencyReference": ["$ref": agency]]
            },
        ]
    }

    static func xml(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;").replacingOccurrences(
            of: ">", with: "&gt;")
    }
}
