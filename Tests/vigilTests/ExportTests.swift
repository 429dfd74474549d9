import Foundation
import Testing
import VigilCore
import VigilForce
import VigilSim
@testable import vigil

@Suite("incidents exported for other agencies and analysts")
struct ExportTests {
    @Test func everyIncidentBecomesAnEIDOWhoseReferencesResolve() throws {
        let scenario = try ScenarioLoader.load("weekday")
        let force = try DemoForce.load()
        let (summary, world) = try HeadlessRun.run(scenario, force: force, seed: 9, hours: 3)
        var book = IncidentBook()
        for e in world.events { book.add(e) }
        #expect(book.order.count == summary.incidents, "one record per incident raised")
        let assignments = world.events.filter { if case .unitAssigned = $0.change { true } else { false } }.count
        #expect(book.records.values.map(\.units.count).reduce(0, +) == assignments)

        let ref = try #require(
            book.order.first { book.records[$0]?.closedAt != nil && !(book.records[$0]?.units.isEmpty ?? true) })
        let record = try #require(book.records[ref])
        let object = EIDO.object(record, force: force.force)
        // Valid JSON, with every component the layout names.
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        let parsed = try #require(try JSONSerialization.jsonObject(with: data) as? [String: Any])
        for key in [
            "incidentComponent", "locationComponent", "personComponent", "emergencyResourceComponent", "notesComponent",
            "agencyComponent",
        ] {
            #expect((parsed[key] as? [[String: Any]])?.isEmpty == false, "\(key)")
        }
        let incident = try #require((parsed["incidentComponent"] as? [[String: Any]])?.first)
        #expect(incident["incidentTrackingIdentifier"] as? String == ref.description)
        #expect(incident["incidentStatusCommonRegistryText"] as? String == "Closed")
        #expect(
            (incident["disposition"] as? [[String: Any]])?.first?["dispositionCommonRegistryText"] as? String
                == record.closing?.description)
        // Every $ref names an $id in the same object.
        let text = String(decoding: data, as: UTF8.self)
        let ids = Set(matches(#""\$id":"([^"]+)""#, in: text))
        let refs = Set(matches(#""\$ref":"([^"]+)""#, in: text))
        #expect(!refs.isEmpty && refs.isSubset(of: ids), "unresolved: \(refs.subtracting(ids))")
        let location = try #require(
            (parsed["locationComponent"] as? [[String: Any]])?.first?["locationByValue"] as? String)
        #expect(location.contains("<gml:pos>\(record.location.lat) \(record.location.lon)</gml:pos>"))
    }

    func matches(_ pattern: String, in text: String) -> [String] {
        let re = try! NSRegularExpression(pattern: pattern)
        return re.matches(in: text, range: NSRange(text.startIndex..., in: text)).compactMap { m in
            Range(m.range(at: 1), in: text).map { String(text[$0]) }
        }
    }
}
