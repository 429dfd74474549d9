import Testing
import VigilCore
@testable import VigilForce

@Suite("the demo force's gazetteer finds what callers say")
struct GazetteerTests {
    static let demo = try! DemoForce.load().force

    func found(_ text: String) throws -> AddressMatch {
        try Self.demo.gazetteer.resolve(text).get()
    }

    @Test func principalStreetsAndLandmarksAreWhereTheCityHasThem() throws {
        let colmore = try found("10 Colmore Row, Birmingham")
        #expect(colmore.address == "10 Colmore Row, City Centre, Birmingham" && colmore.accuracy == .street)
        // St Philip's Cathedral stands on Colmore Row: house 10 is near its western end, within 300 m of it.
        #expect(colmore.location.distanceKm(to: GeoPoint(lat: 52.4812, lon: -1.8990)) < 0.3)
        #expect(Self.demo.area(containing: colmore.location)?.id == "birmingham")
        let station = try found("new street station")
        #expect(station.entry.name == "Birmingham New Street station" && station.accuracy == .place)
        #expect(try found("Broad St, Birmingham").entry.name == "Broad Street")
        #expect(try found("Molineux").entry.area == "wolverhampton")
    }

    @Test func typosWordOrderAndAbbreviationsAreForgiven() throws {
        #expect(try found("colmre row").entry.name == "Colmore Row")
        #expect(try found("Row Colmore").entry.name == "Colmore Row")
        #expect(try found("Hagley Rd Edgbaston").entry.name == "Hagley Road")
        #expect(try found("Queen Elizabeth Hosp").entry.name == "Queen Elizabeth Hospital")
        #expect(try found("merry hil").entry.name == "Merry Hill Shopping Centre")
        #expect(try found("40 Far Gosford St, CV1 5DZ").entry.name == "Far Gosford Street")
    }

    @Test func belowTheThresholdRaiseIsRefusedWithTheNearest() throws {
        let g = Self.demo.gazetteer
        guard case .failure(let miss) = g.resolve("Zebra Crossing Avenue") else {
            Issue.record("a street nobody has was found"); return
        }
        #expect(miss.message.hasPrefix("`Zebra Crossing Avenue` is not in the gazetteer"))
        // Two Lichfield Streets: the town is needed, and the message offers both.
        guard case .failure(let both) = g.resolve("Lichfield Street") else {
            Issue.record("an ambiguous street was taken"); return
        }
        #expect(both.message.contains("Wolverhampton") && both.message.contains("Walsall"), "\(both.message)")
        #expect(try found("Lichfield Street Walsall").entry.area == "walsall")
        #expect(try found("lichfield st wolverhampton").entry.area == "wolverhampton")
    }

    @Test func theSimulatorsStreetsAreHeldInEveryBeat() throws {
        let beat = try #require(Self.demo.beats.first)
        let streets = Self.demo.gazetteer.entries.filter { $0.kind == .street && $0.locality == beat.name }
        #expect(streets.count == 8)
        let street = try #require(streets.first)
        let m = try found("120 \(street.name), \(beat.name)")
        #expect(m.entry == street && m.accuracy == .street)
        // House 120 of 240 is half way along.
        #expect(m.location.distanceKm(to: street.point(forNumber: 120)) < 0.001)
    }
}
