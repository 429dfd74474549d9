import Testing
import VigilCore
@testable import VigilForce

@Suite("mutual-aid partners in force files")
struct AidFileTests {
    static let withAid =
        ForceFileTests.minimal + """

            [[mutual_aid]]
            id = "next-door"
            name = "Next Door Police"
            prefix = "nd"
            units = 12
            station = "s"
            """

    func error(_ text: String) -> String {
        do { _ = try ForceLoader.parse(text, file: "m.toml"); return "accepted" } catch { return error.description }
    }

    @Test func partnersLoadAndTheDemoHasThree() throws {
        let f = try ForceLoader.parse(Self.withAid, file: "m.toml")
        #expect(
            f.force.aid == [AidPool(id: "next-door", name: "Next Door Police", prefix: "ND", units: 12, station: "s")])
        #expect(f.force.lender(of: "ND12")?.id == "next-door")
        #expect(
            f.force.lender(of: "ND13") == nil && f.force.lender(of: "ND1") == nil && f.force.lender(of: "A11") == nil)
        let demo = try DemoForce.load().force
        #expect(demo.aid.map(\.name) == ["Staffordshire Police", "West Mercia Police", "Warwickshire Police"])
        #expect(demo.aid.allSatisfy { demo.station($0.station) != nil })
    }

    @Test func badPartnersNameTheirLine() {
        func bad(_ old: String, _ new: String) -> String {
            error(Self.withAid.replacingOccurrences(of: old, with: new))
        }
        #expect(
            error(String(Self.withAid.dropLast(3)) + "\"nowhere\"")
                == "m.toml:33: mutual_aid[0].station: there is no station `nowhere`; use an id from [[stations]]")
        #expect(
            bad("units = 12", "units = 0")
                == "m.toml:32: mutual_aid[0].units: found 0, but a partner lends 1 to 99 units")
        #expect(bad("units = 12", "units = 1e9").hasPrefix("m.toml:32: mutual_aid[0].units:"))
        #expect(
            bad("prefix = \"nd\"", "prefix = \"N1\"")
                == "m.toml:31: mutual_aid[0].prefix: a callsign prefix is 1 to 4 letters, e.g. SF")
        // A prefix that would name lent units like the force's own is refused: A11 is the force's.
        #expect(
            bad("prefix = \"nd\"", "prefix = \"A\"")
                == "m.toml:31: mutual_aid[0].prefix: A would name lent units like the force's own A11")
        #expect(
            bad("id = \"next-door\"", "id = \"off\"").hasPrefix("m.toml:29: mutual_aid[0].id: a partner id is 1 to 32"))
        #expect(
            bad("Next Door Police", "\\u001b[2J")
                == "m.toml:30: mutual_aid[0].name: a partner's name is 1 to 40 printable characters, e.g. \"Staffordshire Police\""
        )
        let twice =
            Self.withAid
            + "\n\n[[mutual_aid]]\nid = \"other\"\nname = \"O\"\nprefix = \"ND\"\nunits = 2\nstation = \"s\"\n"
        #expect(error(twice) == "m.toml:38: mutual_aid[1].prefix: ND is already `next-door`'s prefix")
    }
}
