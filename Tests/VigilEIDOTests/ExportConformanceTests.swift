import Foundation
import Testing
import VigilCore
@testable import VigilEIDO

@Suite("every exported EIDO conforms to NENA-STA-021.1b's schema")
struct ExportConformanceTests {
    @Test func everyDocumentOfAShiftConformsAndItsReferencesResolve() throws {
        let shift = try Shift.exported()
        #expect(shift.documents.count == shift.book.order.count && shift.documents.count > 50)
        for (k, (_, doc)) in shift.documents.enumerated() {
            #expect(EIDOSchema.problems(doc) == [], "document \(k + 1)")
            let text = String(decoding: try JSONSerialization.data(withJSONObject: doc), as: UTF8.self)
            let ids = Set(Self.matches(#""\$id":"([^"]+)""#, in: text))
            let refs = Set(Self.matches(#""\$ref":"([^"]+)""#, in: text))
            #expect(refs.isSubset(of: ids), "document \(k + 1) refers to \(refs.subtracting(ids))")
            let incident = try #require(doc["incidentComponent"] as? [String: Any], "a single object")
            #expect(incident["internalIncidentId"] as? String == shift.book.order[k].description)
            #expect(
                doc["eidoVersion"] as? String == "1.0" && doc["issuingElementIdentification"] as? String == "vigil.wm")
        }
    }

    @Test func aClosedIncidentCarriesItsCallersUnitsDispatchesAndDisposition() throws {
        let shift = try Shift.exported()
        let k = try #require(
            shift.book.order.firstIndex {
                let r = shift.book.records[$0]
                return r?.closedAt != nil && !(r?.units.isEmpty ?? true) && !(r?.callers.isEmpty ?? true)
            })
        let record = try #require(shift.book.records[shift.book.order[k]])
        let doc = shift.documents[k].json
        let incident = try #require(doc["incidentComponent"] as? [String: Any])
        #expect(incident["incidentStatusCommonRegistryText"] as? [String] == ["Closed"])
        #expect(incident["incidentCommonPriorityNumber"] as? Int == record.grade.rawValue)
        #expect(incident["incidentTypeInternalText"] as? String == record.category.description)
        let disposition = try #require((incident["dispositionComponent"] as? [[String: Any]])?.first)
        #expect(disposition["dispositionCategoryText"] as? String == record.closing?.description)
        let units = try #require(doc["emergencyResourceComponent"] as? [[String: Any]])
        #expect(units.map { $0["emergencyResourceName"] as? String } == record.units.map(\.callsign))
        #expect(units.allSatisfy { !(($0["agentReference"] as? [Any]) ?? []).isEmpty }, "who sent each unit")
        #expect((doc["dispatchComponent"] as? [Any])?.count == record.units.count)
        #expect((doc["callComponent"] as? [Any])?.count == record.callers.count)
        #expect((doc["notesComponent"] as? [Any])?.count ?? 0 >= record.notes.count)
        let location = try #require((doc["locationComponent"] as? [[String: Any]])?.first)
        let xml = try #require(location["locationByValue"] as? String)
        let pidf = try #require(PIDFLocation(xml: xml))
        #expect(pidf.point == record.location)
    }

    /// Each finding of the issue, planted in a good document, is caught at its path.
    @Test func theCheckFindsEachThingTheExportOnceGotWrong() throws {
        let good = try #require(
            try Shift.exported(hours: 1).documents.first { $0.json["emergencyResourceComponent"] != nil }
        ).json
        #expect(EIDOSchema.problems(good) == [])
        func planted(_ change: (inout [String: Any]) -> Void) -> [String] {
            var doc = good
            change(&doc)
            return EIDOSchema.problems(doc)
        }
        func edit(_ key: String, _ k: Int = 0, _ change: @escaping (inout [String: Any]) -> Void) -> (
            inout [String: Any]
        ) -> Void {
            { doc in
                var list = doc[key] as! [[String: Any]]
                change(&list[k])
                doc[key] = list
            }
        }
        #expect(planted { $0["eidoVersion"] = nil } == ["eidoVersion is missing"])
        #expect(planted { $0["eidoVersion"] = "1.1" } == ["eidoVersion is not one of 1.0"])
        #expect(planted { $0["issuingElementIdentification"] = nil } == ["issuingElementIdentification is missing"])
        #expect(planted { $0["updatedByAgencyReference"] = nil } == ["updatedByAgencyReference is missing"])
        #expect(
            planted { $0["incidentComponent"] = [$0["incidentComponent"]!] } == ["incidentComponent is not an object"])
        #expect(
            planted(edit("agencyComponent") { $0["lastUpdateTimeStamp"] = nil })
                == ["agencyComponent[0].lastUpdateTimeStamp is missing"])
        #expect(
            planted(edit("agencyComponent") { $0["agencyType"] = nil }) == ["agencyComponent[0].agencyType is missing"])
        #expect(
            planted(edit("agentComponent") { $0["agentRoleRegistryText"] = [String]() })
                == ["agentComponent[0].agentRoleRegistryText needs at least 1 item"])
        #expect(
            planted(edit("personComponent") { $0["personIncidentRoleRegistryText"] = nil })
                == ["personComponent[0].personIncidentRoleRegistryText is missing"])
        #expect(
            planted(edit("locationComponent") { $0["locationTypeDescriptionRegistryText"] = nil })
                == ["locationComponent[0].locationTypeDescriptionRegistryText is missing"])
        #expect(
            planted(edit("notesComponent") { $0["notesActionComments"] = nil })
                == ["notesComponent[0].notesActionComments is missing"])
        for key in [
            "emergencyResourceTypeCommonRegistryText", "primaryUnitStatusRegistryText",
            "secondaryUnitStatusRegistryText",
            "resourceAttributeRegistryText", "agentReference",
        ] {
            #expect(
                planted(edit("emergencyResourceComponent") { $0[key] = nil })
                    == ["emergencyResourceComponent[0].\(key) is missing"])
        }
        #expect(
            planted { $0["lastUpdateTimeStamp"] = "2026-11-25 07:00" } == [
                "lastUpdateTimeStamp is not an RFC 3339 date-time"
            ])
        #expect(
            planted(edit("callComponent") { $0["direction"] = "inbound" })
                == ["callComponent[0].direction is not one of incoming, outgoing, internal"])
        #expect(
            planted(edit("agencyComponent") { $0["incidentOwningAgencyIndicator"] = 1 })
                == ["agencyComponent[0].incidentOwningAgencyIndicator is not true or false"])
        #expect(
            planted(edit("dispatchComponent") { $0["agencyReference"] = "urn:x" })
                == ["dispatchComponent[0].agencyReference is not a reference object"])
    }

    /// `.ci/run` exports a shift with the real binary and names the file here.
    @Test func theFileCIExportedConforms() throws {
        guard let path = ProcessInfo.processInfo.environment["VIGIL_EIDO_EXPORT"] else {
            #expect(ProcessInfo.processInfo.environment["CI"] != "true", "CI must name an exported file")
            return
        }
        let data = try #require(FileManager.default.contents(atPath: path))
        let docs = try #require(try JSONSerialization.jsonObject(with: data) as? [[String: Any]])
        #expect(!docs.isEmpty)
        for (k, doc) in docs.enumerated() { #expect(EIDOSchema.problems(doc) == [], "document \(k + 1)") }
    }

    static func matches(_ pattern: String, in text: String) -> [String] {
        let re = try! NSRegularExpression(pattern: pattern)
        return re.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { m in
            Range(m.range(at: 1), in: text).map { String(text[$0]) }
        }
    }
}
