import Foundation
import Testing
import VigilCore
@testable import VigilEIDO

@Suite("other agencies' EIDOs read into contacts: NENA's shape, broken files, and Vigil's own export round trip")
struct ImportReaderTests {
    /// Shaped like NENA's sample call transfer EIDO (a call, a callback, a PSAP agency, an agent, additional data,
    /// a routing location by value and a caller location by reference, no incident component), with its own values,
    /// CRLF line ends and tabs, and one person's time without a zone as in NENA's.
    static let transfer = """
        {
        \t"$id": "urn:emergency:uid:incidentid:f00d1e:psap.staffs.example",
        \t"lastUpdateTimeStamp": "2026-11-30T21:14:05.120Z",
        \t"updatedByAgencyReference": {"$ref": "psap.staffs.example"},
        \t"updatedByAgentReference": {"$ref": "jbloggs@psap.staffs.example"},
        \t"eidoVersion": "1.0",
        \t"issuingElementIdentification": "idx.staffs.example",
        \t"callComponent": [{
        \t\t"$id": "urn:emergency:uid:callid:f00d1e:psap.staffs.example",
        \t\t"lastUpdateTimeStamp": "2026-11-30T21:13:00Z",
        \t\t"updatedByAgencyReference": {"$ref": "psap.staffs.example"},
        \t\t"queueIdentifier": "sos@psap.staffs.example",
        \t\t"standardPrimaryCallType": "emergency",
        \t\t"direction": "incoming",
        \t\t"additionalDataReference": [{"$ref": "ad-1"}],
        \t\t"callStartTimestamp": "2026-11-30T21:12:00Z",
        \t\t"callStateRegistryText": "callAnswered",
        \t\t"callBackReference": {"$ref": "cb-1"},
        \t\t"agentReference": [{"$ref": "jbloggs@psap.staffs.example"}],
        \t\t"locationReference": [{"$ref": "loc-routing"}, {"$ref": "loc-caller"}],
        \t\t"personReference": [{"$ref": "person-1"}]
        \t}],
        \t"callbackComponent": [{
        \t\t"$id": "cb-1", "lastUpdateTimeStamp": "2026-11-30T21:12:00Z",
        \t\t"updatedByAgencyReference": {"$ref": "psap.staffs.example"},
        \t\t"callBackInformationUri": ["sip:+447700900456@carrier.example", "tel:+447700900456"]
        \t}],
        \t"agencyComponent": [{
        \t\t"$id": "psap.staffs.example", "lastUpdateTimeStamp": "2026-11-30T21:12:00Z",
        \t\t"updatedByAgencyReference": {"$ref": "psap.staffs.example"},
        \t\t"agencyRoleDescriptionRegistryText": ["CallReceiving"], "agencyType": ["psap"]
        \t}],
        \t"agentComponent": [{
        \t\t"$id": "jbloggs@psap.staffs.example", "lastUpdateTimeStamp": "2026-11-30T21:13:00Z",
        \t\t"updatedByAgencyReference": {"$ref": "psap.staffs.example"},
        \t\t"agentRoleRegistryText": ["Call Taking"], "agencyReference": {"$ref": "psap.staffs.example"}
        \t}],
        \t"additionalDataComponent": [{
        \t\t"$id": "ad-1", "lastUpdateTimeStamp": "2026-11-30T21:12:00Z",
        \t\t"updatedByAgencyReference": {"$ref": "psap.staffs.example"},
        \t\t"additionalDataByValue": "<?xml version=\\"1.0\\"?><com:EmergencyCallData.Comment xmlns:com=\\"urn:ietf:params:xml:ns:EmergencyCallData:Comment\\"><com:Comment xml:lang=\\"en\\">Caller &amp; child locked out</com:Comment></com:EmergencyCallData.Comment>"
        \t}],
        \t"locationComponent": [{
        \t\t"$id": "loc-routing", "lastUpdateTimeStamp": "2026-11-30T21:12:00Z",
        \t\t"updatedByAgencyReference": {"$ref": "psap.staffs.example"},
        \t\t"locationTypeDescriptionRegistryText": "RoutingLocation",
        \t\t"locationByValue": "<?xml version=\\"1.0\\" encoding=\\"UTF-8\\"?><presence xmlns=\\"urn:ietf:params:xml:ns:pidf\\" xmlns:gp=\\"urn:ietf:params:xml:ns:pidf:geopriv10\\" xmlns:gs=\\"http://www.opengis.net/pidflo/1.0\\" xmlns:gml=\\"http://www.opengis.net/gml\\" entity=\\"pres:x@example\\"><dm:device xmlns:dm=\\"urn:ietf:params:xml:ns:pidf:data-model\\" id=\\"d1\\"><gp:geopriv><gp:location-info><gs:Circle srsName=\\"urn:ogc:def:crs:EPSG::4326\\"><gml:pos>52.5862 -1.9829</gml:pos><gs:radius uom=\\"urn:ogc:def:uom:EPSG::9001\\">35</gs:radius></gs:Circle><civicAddress xmlns=\\"urn:ietf:params:xml:ns:pidf:geopriv10:civicAddr\\"><country>GB</country><A3>Walsall</A3><RD>Bridge</RD><STS>Street</STS><HNO>5</HNO></civicAddress></gp:location-info><gp:method>GPS</gp:method></gp:geopriv></dm:device></presence>"
        \t}, {
        \t\t"$id": "loc-caller", "lastUpdateTimeStamp": "2026-11-30T21:12:30Z",
        \t\t"updatedByAgencyReference": {"$ref": "psap.staffs.example"},
        \t\t"locationTypeDescriptionRegistryText": "Caller",
        \t\t"locationByReferenceUrl": "https://lis.carrier.example/loc?abc123"
        \t}],
        \t"personComponent": [{
        \t\t"$id": "person-1", "lastUpdateTimeStamp": "2026-11-30T21:12:00.0",
        \t\t"updatedByAgencyReference": {"$ref": "psap.staffs.example"},
        \t\t"personIncidentRoleRegistryText": ["Caller"],
        \t\t"callIdentifier": ["urn:emergency:uid:callid:f00d1e:psap.staffs.example"],
        \t\t"callBackReference": {"$ref": "cb-1"}
        \t}],
        \t"@context": {"@vocab": "./JSON-LD_Contexts/EmergencyIncidentDataObjectType.jsonld"}
        }
        """.replacingOccurrences(of: "\n", with: "\r\n")

    @Test func aDocumentShapedLikeNENAsSampleBecomesA999ContactWithItsPlaceAndCallback() throws {
        let bytes = Array(Self.transfer.utf8)
        let docs = try #require(EIDOFile.documents(bytes))
        #expect(docs.count == 1 && Array(docs[0]) == bytes, "the document is kept byte for byte")
        let intake = try EIDOReader.intake(docs[0], number: 1)
        #expect(intake.eido == "urn:emergency:uid:incidentid:f00d1e:psap.staffs.example")
        #expect(intake.channel == .emergency && intake.agency == "psap.staffs.example")
        #expect(intake.details.callerNumber == "+447700900456")
        #expect(intake.details.location == GeoPoint(lat: 52.5862, lon: -1.9829))
        #expect(intake.details.address == "5 Bridge Street, Walsall")
        #expect(intake.locationSource == "GPS" && intake.accuracy == 35)
        #expect(intake.notes == ["Comment: Caller & child locked out"])
        #expect(intake.updated == EIDOTime.parse("2026-11-30T21:14:05Z"))
        #expect(Array(intake.document.utf8) == bytes)
        var s = try Shift.freshState()
        let events = try s.decide(.importEIDO(intake), by: Actor("H200", console: "t"), at: s.lastEventAt!).get()
        s.apply(events)
        let c = try #require(s.contacts[ContactID(1)])
        #expect(c.isWaiting && c.channel == .emergency && s.referrals[c.id]?.agency == "psap.staffs.example")
    }

    @Test func aBrokenDocumentIsNamedWithItsFieldAndTheRestStillRead() throws {
        let good = Self.transfer
        let noStamp = good.replacingOccurrences(
            of: "\t\"lastUpdateTimeStamp\": \"2026-11-30T21:14:05.120Z\",\r\n", with: ""
        )
        .replacingOccurrences(of: "f00d1e", with: "beef02")
        let noAgencyType = good.replacingOccurrences(of: ", \"agencyType\": [\"psap\"]", with: "")
        let file = "[\n" + [good, noStamp, "{\"$id\": oops}", noAgencyType].joined(separator: ",\n") + "\n]"
        let docs = try #require(EIDOFile.documents(Array(file.utf8)))
        #expect(docs.count == 4)
        var outcomes: [String] = []
        for (k, d) in docs.enumerated() {
            do {
                _ = try EIDOReader.intake(d, number: k + 1)
                outcomes.append("ok")
            } catch {
                outcomes.append(error.description)
            }
        }
        #expect(outcomes[0] == "ok")
        #expect(
            outcomes[1]
                == "Document 2 (urn:emergency:uid:incidentid:beef02:psap.staffs.example): lastUpdateTimeStamp is missing; it was not imported."
        )
        #expect(outcomes[2] == "Document 3 is not valid JSON; it was not imported.")
        #expect(
            outcomes[3]
                == "Document 4 (urn:emergency:uid:incidentid:f00d1e:psap.staffs.example): agencyComponent[0].agencyType is missing; it was not imported."
        )
        #expect(EIDOFile.documents(Array("not json".utf8)) == nil)
        #expect(EIDOFile.documents(Array("[{\"a\": \"unterminated".utf8))?.count == 1)
    }

    /// Export, then import into a fresh log's state: each incident comes back as a contact with the same facts.
    @Test func vigilsOwnExportComesBackWithTheSameIncidentFacts() throws {
        let shift = try Shift.exported()
        var s = try Shift.freshState()
        let actor = Actor("H200", console: "t")
        for (k, (bytes, _)) in shift.documents.enumerated() {
            let intake = try EIDOReader.intake(bytes[...], number: k + 1)
            #expect(Array(intake.document.utf8) == bytes)
            s.apply(try s.decide(.importEIDO(intake), by: actor, at: s.lastEventAt!).get())
        }
        #expect(s.waitingContacts.count == shift.book.order.count)
        for (k, ref) in shift.book.order.enumerated() {
            let r = try #require(shift.book.records[ref])
            let c = try #require(s.contacts[ContactID(k + 1)])
            let referral = try #require(s.referrals[c.id])
            #expect(referral.agency == "West Midlands (demo)" && referral.senderIncident == ref.description)
            #expect(referral.grade == r.grade && referral.category == r.category, "\(ref)")
            #expect(c.details.address == r.address && c.details.location == r.location, "\(ref)")
            if let caller = r.callers.first {
                #expect(c.details.callerName == caller.details.callerName, "\(ref)")
                #expect(c.details.callerNumber == caller.details.callerNumber, "\(ref)")
            }
            let emergency = r.grade == .emergency || r.callers.contains { $0.channel == .emergency }
            #expect(c.channel == (emergency ? .emergency : .nonEmergency), "\(ref)")
            let lines = r.notes.map(\.text)
            #expect(
                Array(referral.notes.suffix(lines.count)) == lines || referral.notes.contains(lines.last!), "\(ref)")
        }
        // The same file again adds nothing.
        let again = try EIDOReader.intake(shift.documents[0].bytes[...], number: 1)
        #expect(throws: DispatchError.self) { try s.decide(.importEIDO(again), by: actor, at: s.lastEventAt!).get() }
    }

    @Test func placesAndTimesAreReadAsTheStandardsTheyComeFromSay() {
        let circle = PIDFLocation(
            point: GeoPoint(lat: 52.1, lon: -2.2), radius: 40, method: "Cell", civic: ["LOC": "A & B <C>"])
        #expect(PIDFLocation(xml: circle.xml) == circle)
        #expect(PIDFLocation(xml: "<<<>>> &bogus; <pos>1 2</pos>")?.point == GeoPoint(lat: 1, lon: 2))
        #expect(PIDFLocation(xml: "no xml at all") == nil)
        #expect(PIDFLocation(xml: "<a:pos>5 6</a:pos><b:HNO>1&#x41;</b:HNO>")?.civic["HNO"] == "1A")
        #expect(
            EIDOTime.parse("2026-11-30T21:14:05+01:00")
                == Instant(year: 2026, month: 11, day: 30, hour: 20, minute: 14, second: 5))
        #expect(EIDOTime.parse("2026-11-30T21:14:05", strict: true) == nil)
        #expect(EIDOTime.parse("2026-11-30T21:14:05") != nil)
        #expect(EIDOTime.parse("2026-02-30T00:00:00Z") == nil)
        #expect(EIDOTime.parse("99999-01-01T00:00:00Z") == nil)
    }
}

@Suite("a file of EIDOs splits into documents whatever it holds")
struct EIDOFileTests {
    /// Found by the fuzzer: a stray closing brace where a document should be looped for ever, appending.
    @Test func strayBracketsEndTheSplitInsteadOfLoopingForEver() throws {
        #expect(EIDOFile.documents(Array("[}".utf8)).map { $0.map { Array($0) } } == [Array("}".utf8)])
        #expect(EIDOFile.documents(Array("[{\"a\":1} }, {}]".utf8))?.count == 1, "the rest is one broken document")
        #expect(EIDOFile.documents(Array("[{}, {} ]".utf8))?.count == 2)
        #expect(EIDOFile.documents(Array("[]".utf8))?.count == 0)
        #expect(
            EIDOFile.documents(Array("  {\"x\": \"]\"}  ".utf8)).map { $0.map { Array($0) } } == [
                Array("{\"x\": \"]\"}".utf8)
            ])
    }
}
