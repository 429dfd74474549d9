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
        #expect(c.isWaiting && c.channel == .emergency && s.referrals[c.id]?.sent.agency == "psap.staffs.example")
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
        // Closed incidents come back on record, not as calls to take.
        let open = shift.book.order.filter { shift.book.records[$0]?.closedAt == nil }
        #expect(s.waitingContacts.count == open.count && open.count < shift.book.order.count)
        for (k, ref) in shift.book.order.enumerated() {
            let r = try #require(shift.book.records[ref])
            let c = try #require(s.contacts[ContactID(k + 1)])
            let referral = try #require(s.referrals[c.id])
            #expect(referral.sent.agency == "West Midlands (demo)" && referral.sent.senderIncident == ref.description)
            #expect(referral.sent.grade == r.grade && referral.sent.category == r.category, "\(ref)")
            #expect(c.details.address == r.address && c.details.location == r.location, "\(ref)")
            if let caller = r.callers.first {
                #expect(c.details.callerName == caller.details.callerName, "\(ref)")
                #expect(c.details.callerNumber == caller.details.callerNumber, "\(ref)")
            }
            #expect(c.isWaiting == (r.closedAt == nil), "\(ref)")
            #expect(
                c.resolution
                    == r.closedAt.map { _ in
                        "Closed by West Midlands (demo) before it was sent: \(EIDORegistry.disposition(r.closing!)): \(r.outcome!)"
                    })
            let emergency = r.grade == .emergency || r.callers.contains { $0.channel == .emergency }
            #expect(c.channel == (emergency ? .emergency : .nonEmergency), "\(ref)")
            let lines = r.notes.map(\.text)
            #expect(
                Array(referral.sent.notes.suffix(lines.count)) == lines || referral.sent.notes.contains(lines.last!),
                "\(ref)")
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

@Suite("what an attacker found in EIDO files")
struct EIDOReaderFindingsTests {
    static let good = ImportReaderTests.transfer

    func read(_ text: String) -> String {
        do {
            _ = try EIDOReader.intake(Array(text.utf8)[...], number: 1)
            return "ok"
        } catch {
            return error.description
        }
    }

    @Test func anUnusableRadiusIsRefusedRatherThanPassingForAnExactFix() {
        for radius in ["inf", "nan", "-5", "1e999", "2000000", "0x1p5"] {
            let doc = Self.good.replacingOccurrences(of: ">35</gs:radius>", with: ">\(radius)</gs:radius>")
            #expect(
                read(doc).hasSuffix("locationByValue's radius is not a distance up to 1000 km; it was not imported."),
                "\(radius)")
        }
        let hex = Self.good.replacingOccurrences(of: "52.5862 -1.9829", with: "0x1p5 -1.9829")
        #expect(read(hex) == "ok")
        #expect(PIDFLocation(xml: "<pos>0x1p5 -1.9</pos><method>GPS</method>")?.point == nil)
    }

    @Test func aFileCutOffOrWithATrailingCommaIsSaidToBe() throws {
        let one = Self.good
        let cut = try #require(EIDOFile.split(Array("[\(one),".utf8)))
        #expect(cut.documents.count == 1 && cut.problem == "it ends before its array closes (cut off?)")
        let unclosed = try #require(EIDOFile.split(Array("[\(one), \(one)".utf8)))
        #expect(unclosed.documents.count == 2 && unclosed.problem != nil)
        let trailing = try #require(EIDOFile.split(Array("[\(one),]".utf8)))
        #expect(
            trailing.documents.count == 1 && trailing.problem == "its array ends with a comma after the last document")
        #expect(try #require(EIDOFile.split(Array("[\(one)]".utf8))).problem == nil)
    }

    @Test func aMemberGivenTwiceIsRefusedByName() {
        let twice = Self.good.replacingOccurrences(
            of: "\"eidoVersion\": \"1.0\",", with: "\"eidoVersion\": \"1.0\", \"\\u0065idoVersion\": \"1.0\",")
        #expect(read(twice).hasSuffix("the member eidoVersion is given twice in one object; it was not imported."))
        #expect(EIDOFile.duplicateKey(Array(#"{"a": {"b": 1}, "b": [{"b": 2}, {"b": 3}]}"#.utf8)[...]) == nil)
        #expect(EIDOFile.duplicateKey(Array(#"{"a": [{"x": 1, "y": 2, "x": 3}]}"#.utf8)[...]) == "x")
    }

    @Test func utf16OrNULsAreNotUTF8Text() {
        var utf16 = [UInt8]()
        for u in "{\"$id\": \"x\"}".utf16 { utf16 += [UInt8(u & 0xFF), UInt8(u >> 8)] }
        #expect(throws: EIDOReadError.self) { try EIDOReader.intake(utf16[...], number: 1) }
    }

    @Test func timesKeepTheirFractionToOrderQuickUpdates() {
        #expect(EIDOTime.stamp("2026-11-25T07:00:00.1Z")?.1 == 100_000_000)
        #expect(EIDOTime.stamp("2026-11-25T07:00:00.123456789123Z")?.1 == 123_456_789)
        #expect(EIDOTime.stamp("2026-11-25T07:00:00Z")?.1 == 0)
    }

    /// An incident raised from another agency's EIDO says so when it is exported again: the sender as an agency, a
    /// note naming their document and incident, and the place's source and accuracy.
    @Test func anIncidentRaisedFromAnImportSaysWhereItCameFrom() throws {
        var w = try Handling()
        let intake = try EIDOReader.intake(Array(Self.good.utf8)[...], number: 1)
        try w.act(.importEIDO(intake))
        try w.act(.answerContact(ContactID(1)))
        try w.act(
            .raiseIncident(
                from: ContactID(1), grade: .emergency, category: Category(.publicSafety, "concern-for-welfare"),
                location: nil, address: nil))
        let writer = EIDOWriter(force: w.state.force, units: [:], roles: [:])
        let record = try #require(w.book.records.values.first)
        let doc = writer.document(record, origins: w.book.origins)
        let json = try #require(
            try JSONSerialization.jsonObject(with: JSONSerialization.data(withJSONObject: doc)) as? [String: Any])
        #expect(EIDOSchema.problems(json) == [])
        let agencies = try #require(json["agencyComponent"] as? [[String: Any]])
        #expect(
            agencies.contains {
                ($0["agencyJcard"] as? String)?.contains("psap.staffs.example") == true
                    && $0["agencyType"] as? [String] == ["psap"]
            })
        let notes = try #require(json["notesComponent"] as? [[String: Any]]).compactMap {
            $0["notesActionComments"] as? String
        }
        #expect(
            notes.contains(
                "Sent by psap.staffs.example as EIDO urn:emergency:uid:incidentid:f00d1e:psap.staffs.example."))
        let places = try #require(json["locationComponent"] as? [[String: Any]]).compactMap {
            ($0["locationByValue"] as? String).flatMap(PIDFLocation.init(xml:))
        }
        #expect(places.contains { $0.method == "GPS" && $0.radius == 35 })
    }

    /// Found by a tester: notes that came while the call was in hand were on screen but not in the export.
    @Test func whatTheSenderAddedBeforeTheCallWasRaisedIsExported() throws {
        var w = try Handling()
        var intake = try EIDOReader.intake(Array(Self.good.utf8)[...], number: 1)
        try w.act(.importEIDO(intake))
        try w.act(.answerContact(ContactID(1)))
        intake.updated = intake.updated + .minutes(2)
        intake.notes.append("Suspects left in a silver Astra")
        try w.act(.importEIDO(intake))
        try w.act(
            .raiseIncident(
                from: ContactID(1), grade: .emergency, category: Category(.crime, "burglary"), location: nil,
                address: nil))
        let record = try #require(w.book.records.values.first)
        #expect(record.callers.first?.details.account.contains("silver Astra") == true)
        let doc = EIDOWriter(force: w.state.force, units: [:], roles: [:]).document(record, origins: w.book.origins)
        let text = String(decoding: try JSONSerialization.data(withJSONObject: doc), as: UTF8.self)
        #expect(text.contains("Suspects left in a silver Astra"))
    }

    /// A first caller who gave no number must not take a second caller's: each call's callback is its own caller's.
    @Test func aCallerWithoutANumberDoesNotTakeAnotherCallersCallback() throws {
        var w = try Handling()
        let here = GeoPoint(lat: 52.4776, lon: -1.9102)
        try w.act(
            .receiveContact(.emergency, ContactDetails(callerName: "No Number", location: here, address: "1 Road")))
        try w.act(.answerContact(ContactID(1)))
        try w.act(
            .raiseIncident(
                from: ContactID(1), grade: .emergency, category: Category(.crime, "assault"), location: nil,
                address: nil))
        let ref = try #require(w.state.openIncidents.first)
        try w.act(
            .receiveContact(
                .emergency, ContactDetails(callerName: "Second", callerNumber: "07700900999", location: here)))
        try w.act(.answerContact(ContactID(2)))
        try w.act(.linkContact(ContactID(2), to: ref))
        let record = try #require(w.book.records[ref])
        #expect(record.callers.count == 2)
        let doc = EIDOWriter(force: w.state.force, units: [:], roles: [:]).document(record)
        let bytes = [UInt8](try JSONSerialization.data(withJSONObject: doc))
        let intake = try EIDOReader.intake(bytes[...], number: 1)
        #expect(intake.details.callerName == "No Number" && intake.details.callerNumber == "")
    }
}
