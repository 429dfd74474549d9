import Foundation

/// NENA-STA-021.1b's EIDO JSON schema (NENA911/EIDO-JSON `Schema/openapi.yaml`), written out as a table: each
/// component's required members and each member's type, so a document can be checked without a schema library.
/// It is a little stricter than the YAML in two places: a reference must be an object, and with `formats` every
/// date-time must be RFC 3339 (the schema names that format; NENA's own validator does not enforce formats).
public enum EIDOSchema {
    /// A member's type.
    indirect enum Kind {
        case string, dateTime, uri, integer, boolean, object, ref
        case strings(minItems: Int), refs
        case component(String), components(String)
        case oneOf([String])
    }

    struct Shape {
        var required: [String]
        var members: [String: Kind]
    }

    static let prologue = Shape(
        required: ["$id", "lastUpdateTimeStamp", "updatedByAgencyReference"],
        members: [
            "$id": .string, "lastUpdateTimeStamp": .dateTime, "updatedByAgencyReference": .ref,
            "updatedByAgentReference": .ref, "AlternateValueReferences": .refs,
            "externalInformationSourceReferences": .refs, "mediaReferences": .refs,
        ])

    static let strings = Kind.strings(minItems: 0)
    static let levels = Kind.oneOf(["highest", "high", "normal", "low", "lowest"])

    /// Every component type, by its schema name; each also takes the prologue.
    static let shapes: [String: Shape] = [
        "EmergencyIncidentDataObjectType": Shape(
            required: ["eidoVersion", "issuingElementIdentification", "agencyComponent"],
            members: [
                "eidoVersion": .oneOf(["1.0"]), "eidoExtensionId": strings, "issuingElementIdentification": .string,
                "mergeComponent": .components("MergeInformationType"),
                "linkComponent": .components("LinkInformationType"),
                "incidentComponent": .component("IncidentInformationType"),
                "callComponent": .components("CallInformationType"), "callbackComponent": .components("CallbackType"),
                "dispatchComponent": .components("DispatchInformationType"),
                "notesComponent": .components("NotesType"),
                "emergencyResourceComponent": .components("EmergencyResourceType"),
                "alarmsSensorsComponent": .components("AlarmsSensorsType"),
                "agencyComponent": .components("AgencyType"), "agentComponent": .components("AgentType"),
                "additionalDataComponent": .components("AdditionalDataType"),
                "locationComponent": .components("LocationInformationType"),
                "personComponent": .components("PersonInformationType"),
                "vehicleComponent": .components("VehicleInformationType"),
                "cautionComponent": .components("CautionType"), "mediaComponent": .components("MediaType"),
                "sharedCommunicationResourceComponent": .components("SharedCommunicationResourceType"),
                "externalInformationSourceComponent": .components("ExternalInformationSourceType"),
                "@context": .object,
            ]),
        "AgencyType": Shape(
            required: ["agencyRoleDescriptionRegistryText", "agencyType"],
            members: [
                "agencyJcard": .string, "agencyRoleDescriptionRegistryText": strings, "agencyType": strings,
                "notesReference": .refs, "incidentOwningAgencyIndicator": .boolean,
                "actingOnBehalfOfAgencyReference": .refs, "agencyCallLegState": .components("CallLegStateType"),
            ]),
        "AgentType": Shape(
            required: ["agentRoleRegistryText", "agencyReference"],
            members: [
                "agentJcard": .string, "agentWorkstationPositionIdentification": .string,
                "agentRoleRegistryText": .strings(minItems: 1), "agencyReference": .ref, "notesReference": .refs,
                "agentCallLegState": .components("CallLegStateType"),
            ]),
        "MergeInformationType": Shape(
            required: ["incidentMergeDirectionCode", "incidentTrackingIdentifier"],
            members: [
                "incidentTrackingIdentifier": .string,
                "incidentMergeDirectionCode": .oneOf(["REPLACING", "REPLACED", "SPLIT"]),
            ]),
        "LinkInformationType": Shape(
            required: ["incidentTrackingIdentifier", "linkDirectionCode"],
            members: [
                "incidentTrackingIdentifier": .string, "transactionReasonText": .string,
                "involvedAgencyReference": .ref, "linkDirectionCode": .oneOf(["PARENT", "CHILD", "RELATED", "UNLINK"]),
            ]),
        "NotesType": Shape(
            required: ["notesActionComments"],
            members: ["notesActionComments": .string, "agentReference": .ref, "cautionReference": .refs]),
        "AdditionalDataType": Shape(
            required: [],
            members: [
                "additionalDataByReferenceUrl": .string, "additionalDataByValue": .string,
                "additionalDataDereferencedFromReference": .ref, "urlPurpose": .string, "notesReference": .refs,
                "cautionReference": .refs,
            ]),
        "LocationInformationType": Shape(
            required: ["locationTypeDescriptionRegistryText"],
            members: [
                "locationTypeDescriptionRegistryText": .string, "locationByValue": .string,
                "locationByReferenceUrl": .uri, "locationDereferencedFromReference": .ref,
                "locationDescriptionText": .string, "crossStreetByValue": strings, "crossStreetByReferenceUrl": strings,
                "intersectingStreetByValue": strings, "intersectingStreetByReferenceUrl": strings,
                "cellTowerSectorId": .string, "additionalDataReference": .refs, "localIdentifier": strings,
                "notesReference": .refs,
            ]),
        "PersonInformationType": Shape(
            required: ["personIncidentRoleRegistryText"],
            members: [
                "ncPersonComponent": .object, "personIncidentRoleRegistryText": strings, "callIdentifier": strings,
                "locationReference": .refs, "destinationReference": .ref, "eta": .dateTime, "notesReference": .refs,
                "additionalDataReference": .refs, "callBackReference": .ref,
                "personCallLegState": .components("CallLegStateType"), "itemReference": .refs,
            ]),
        "DispositionType": Shape(
            required: ["dispositionCommonRegistryCode"],
            members: [
                "dispositionCommonRegistryCode": .string, "dispositionPrimaryIndicator": .boolean,
                "dispositionCategoryText": .string, "dispositionDescriptionText": .string, "notesReference": .refs,
            ]),
        "VehicleInformationType": Shape(
            required: ["vehicleRelationshipType", "vehicleRelationshipTimeStamp"],
            members: [
                "ncVehicleComponent": .object, "vehicleRelationshipType": .strings(minItems: 1),
                "vehicleRelationshipTimeStamp": .dateTime, "additionalDataReference": .refs,
                "locationReference": .refs, "destinationReference": .ref, "eta": .dateTime, "notesReference": .refs,
                "jCommercialVehicleComponent": .object, "itemReference": .refs,
            ]),
        "IncidentInformationType": Shape(
            required: ["incidentTypeCommonRegistryText"],
            members: [
                "incidentTypeInternalCode": .string, "incidentTypeInternalText": .string,
                "incidentTypeCommonRegistryText": .string, "incidentStatusInternalText": strings,
                "incidentStatusCommonRegistryText": strings, "internalIncidentId": .string, "agentReference": .refs,
                "locationReference": .refs, "personReference": .refs, "organizationReference": .refs,
                "vehicleReference": .refs, "documentIdentification": strings, "reportNumberType": .string,
                "incidentPriorityInternalText": .string, "incidentCommonPriorityNumber": .integer,
                "beatOrDispatchGroupText": .string, "dispositionComponent": .components("DispositionType"),
                "notesReference": .refs,
            ]),
        "UpdatedCBNType": Shape(
            required: ["updatedCbnIdentifierUri"],
            members: ["updatedCbnIdentifierUri": .uri, "updatedCbnCallerDescription": .string]),
        "CallInformationType": Shape(
            required: ["callStateRegistryText", "standardPrimaryCallType", "direction", "callStartTimestamp"],
            members: [
                "relatedCallIdentifier": strings, "queueIdentifier": .string, "standardPrimaryCallType": .string,
                "standardSecondaryCallType": .string, "localCallType": .string,
                "direction": .oneOf(["incoming", "outgoing", "internal"]), "priorityIdentifier": levels,
                "additionalDataReference": .refs, "callStartTimestamp": .dateTime, "answerDate": .dateTime,
                "callStateRegistryText": .string, "agentReference": .refs, "callBackReference": .ref,
                "verstat": .string, "sipIdentity": .string, "locationReference": .refs, "notesReference": .refs,
                "personReference": .refs, "organizationReference": .refs, "agencyReference": .refs,
            ]),
        "CallbackType": Shape(
            required: [],
            members: [
                "callBackInformationUri": strings, "deviceContactHeader": .string,
                "updatedCbn": .component("UpdatedCBNType"),
            ]),
        "EmergencyResourceType": Shape(
            required: [
                "agentReference", "emergencyResourceTypeCommonRegistryText", "primaryUnitStatusRegistryText",
                "resourceAttributeRegistryText", "secondaryUnitStatusRegistryText",
            ],
            members: [
                "emergencyResourceTypeCommonRegistryText": .string, "emergencyResourceTypeInternalText": .string,
                "resourceAttributeRegistryText": strings, "resourceAttributeInternalText": strings,
                "emergencyResourceName": .string, "primaryUnitStatusRegistryText": .string,
                "secondaryUnitStatusRegistryText": strings, "notesReference": .refs, "unitStatusInternal": strings,
                "agentReference": .refs, "unitLocationReference": .ref, "unitDestinationReference": .ref,
                "eta": .dateTime, "personReference": .refs, "vehicleReference": .refs, "itemReference": .refs,
                "activeOnIncidentId": .string, "stackedOnIncidentId": strings,
            ]),
        "DispatchInformationType": Shape(
            required: [],
            members: [
                "agencyReference": .ref, "agentReference": .ref, "emergencyResourceReference": .refs,
                "notesReference": .refs,
            ]),
        "AlarmsSensorsType": Shape(
            required: [],
            members: [
                "csaaAlarmInformation": .string, "alarmUrl": .uri, "agentReference": .ref, "notesReference": .refs,
            ]),
        "MediaType": Shape(
            required: ["uri", "contentType"], members: ["uri": .string, "contentType": .string, "label": .string]),
        "CallLegStateType": Shape(
            required: ["callReference", "callStateRegistryText"],
            members: ["callReference": .ref, "callStateRegistryText": .string]),
        "SharedCommunicationResourceType": Shape(
            required: ["sharedCommunicationResourceType"],
            members: [
                "sharedCommunicationResourceType": .string, "sharedCommunicationResourceByReferenceUrl": .string,
                "sharedCommunicationResourceByValue": .string, "connectedSharedCommunicationResources": .refs,
                "notesReference": .refs,
            ]),
        "ExternalInformationSourceType": Shape(
            required: ["externalSourceRegistryText"],
            members: ["externalSourceRegistryText": .string, "externalSourceAcessString": .string]),
        "CautionType": Shape(
            required: ["cautionTypeInternalText", "cautionTypeCommonRegistryText", "cautionSeverity"],
            members: [
                "cautionTypeInternalText": .string, "cautionTypeCommonRegistryText": .string,
                "cautionTypeCommonSubRegistryText": strings, "cautionSeverity": levels, "cautionSource": .string,
                "startDate": .dateTime,
            ]),
    ]

    /// What is wrong with a document, one line per problem, each naming the member's path; empty when it conforms.
    /// `formats` also checks date-times are RFC 3339 and URIs have a scheme.
    public static func problems(_ document: Any, formats: Bool = true) -> [String] {
        var out: [String] = []
        check(document, as: "EmergencyIncidentDataObjectType", at: "", formats: formats, into: &out)
        return out
    }

    static func check(_ value: Any, as type: String, at path: String, formats: Bool, into out: inout [String]) {
        guard let object = value as? [String: Any] else {
            out.append("\(path.isEmpty ? "the document" : path) is not an object")
            return
        }
        guard let shape = shapes[type] else { return }
        for name in prologue.required + shape.required where object[name] == nil {
            out.append("\(join(path, name)) is missing")
        }
        for (name, member) in object {
            guard let kind = shape.members[name] ?? prologue.members[name] else { continue }
            check(member, kind, at: join(path, name), formats: formats, into: &out)
        }
    }

    static func check(_ value: Any, _ kind: Kind, at path: String, formats: Bool, into out: inout [String]) {
        switch kind {
        case .string:
            if !(value is String) { out.append("\(path) is not a string") }
        case .dateTime:
            guard let s = value as? String else { return out.append("\(path) is not a string") }
            if formats, EIDOTime.parse(s, strict: true) == nil { out.append("\(path) is not an RFC 3339 date-time") }
        case .uri:
            guard let s = value as? String else { return out.append("\(path) is not a string") }
            if formats, !s.contains(":") { out.append("\(path) is not a URI") }
        case .integer:
            guard let n = value as? NSNumber, !isBool(n), n.doubleValue == n.doubleValue.rounded(),
                abs(n.doubleValue) <= 2_147_483_647
            else { return out.append("\(path) is not a 32-bit integer") }
        case .boolean:
            guard let n = value as? NSNumber, isBool(n) else { return out.append("\(path) is not true or false") }
        case .object:
            if !(value is [String: Any]) { out.append("\(path) is not an object") }
        case .ref:
            guard let r = value as? [String: Any] else { return out.append("\(path) is not a reference object") }
            if !(r["$ref"] is String) { out.append("\(join(path, "$ref")) is missing or not a string") }
        case .strings(let minItems):
            guard let list = value as? [Any] else { return out.append("\(path) is not an array") }
            if list.count < minItems { out.append("\(path) needs at least \(minItems) item") }
            for (k, item) in list.enumerated() where !(item is String) { out.append("\(path)[\(k)] is not a string") }
        case .refs:
            guard let list = value as? [Any] else { return out.append("\(path) is not an array") }
            for (k, item) in list.enumerated() { check(item, .ref, at: "\(path)[\(k)]", formats: formats, into: &out) }
        case .component(let type):
            check(value, as: type, at: path, formats: formats, into: &out)
        case .components(let type):
            guard let list = value as? [Any] else { return out.append("\(path) is not an array") }
            for (k, item) in list.enumerated() {
                check(item, as: type, at: "\(path)[\(k)]", formats: formats, into: &out)
            }
        case .oneOf(let allowed):
            guard let s = value as? String, allowed.contains(s) else {
                return out.append("\(path) is not one of \(allowed.joined(separator: ", "))")
            }
        }
    }

    static func join(_ path: String, _ name: String) -> String { path.isEmpty ? name : "\(path).\(name)" }

    /// JSONSerialization gives true and false as NSNumbers of type `c`, and never makes other numbers that type.
    static func isBool(_ n: NSNumber) -> Bool { String(cString: n.objCType) == "c" }
}
