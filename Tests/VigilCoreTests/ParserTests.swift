import Testing
@testable import VigilCore
import VigilWorkload

@Suite("the command language")
struct ParserTests {
    static func world() -> (DispatchState, IncidentRef) {
        var s = Fixture.world()
        let ref = raise(&s, at: GeoPoint(lat: 52.552, lon: -1.902))
        for _ in 0..<13 { raise(&s, at: GeoPoint(lat: 52.47, lon: -1.9)) }
        return (s, ref)
    }

    func parse(_ line: String, _ s: DispatchState) -> Result<Command, CommandLineError> {
        CommandParser(state: s, now: Fixture.t0 + .minutes(5)).parse(line)
    }

    @Test func examplesFromTheIssue() throws {
        let (s, _) = Self.world()
        let r14 = Fixture.ref(14)
        #expect(try parse("assign 0014 N11", s).get() == .assign(r14, ["N11"]))
        #expect(try parse("status n11 scene", s).get() == .setStatus("N11", .atScene, position: nil))
        #expect(try parse("grade 0014 1 \"weapon seen\"", s).get() == .grade(r14, .emergency, reason: "weapon seen"))
        #expect(try parse("note 14 'caller hung up'", s).get() == .addNarrative(r14, "caller hung up"))
        #expect(try parse("link 0013 0014", s).get() == .mergeIncident(Fixture.ref(13), into: r14))
        #expect(try parse("link c2 0014", s).get() == .linkContact(ContactID(2), to: r14))
        #expect(
            try parse("close 0014 crime/burglary", s).get()
                == .closeIncident(r14, Category(.crime, "burglary"), outcome: ""))
        #expect(try parse("move N11 south", s).get() == .moveUnit("N11", to: "south"))
        #expect(try parse("move N11 So", s).get() == .moveUnit("N11", to: "south"))
        #expect(try parse("  ASSIGN   WM-20261125-0001  arv  ", s).get() == .assign(Fixture.ref(1), ["ARV1"]))
        #expect(
            try parse("status S71 off at=52.4,-1.9", s).get()
                == .setStatus("S71", .offDuty, position: GeoPoint(lat: 52.4, lon: -1.9)))
        #expect(
            try parse("thrive 1 t=h v=high \"child present\"", s).get()
                == .recordThrive(Fixture.ref(1), Thrive(threat: .high, vulnerability: .high, text: "child present")))
        #expect(try parse("answer", s).get() == .answerContact(nil))
        #expect(try parse("ass 1 n11", s).get() == .assign(Fixture.ref(1), ["N11"]), "verbs take unambiguous prefixes")
        #expect(try parse("pause", s).get() == .pauseShift)
        #expect(try parse("resume", s).get() == .resumeShift)
        #expect(try parse("speed 60", s).get() == .setShiftSpeed(60))
        #expect(try parse("speed x10", s).get() == .setShiftSpeed(10))
        #expect(try parse("speed MAX", s).get() == .setShiftSpeed(0))
        #expect(try parse("inject 2", s).get() == .fireInject(2))
        #expect(try parse("inject 2 again", s).get() == .fireInject(2, again: true))
        #expect(try parse("handlers 3", s).get() == .setSimHandlers(3))
        guard case .failure(let e) = parse("handlers lots", s) else { Issue.record("took `lots`"); return }
        #expect(e.description.contains("not a number of call handlers"))
        for c in [Command.fireInject(2, again: true), .setSimHandlers(3)] {
            let line = try #require(c.commandLine)
            #expect(try parse(line, s).get() == c, "the formatter writes what the parser reads: \(line)")
        }
    }

    @Test func errorsNameTheColumnAndSuggestAFix() {
        let (s, _) = Self.world()
        func error(_ line: String) -> CommandLineError? {
            if case .failure(let e) = parse(line, s) { return e }
            Issue.record("parsed: \(line)")
            return nil
        }
        #expect(error("status N11 scnee")?.description == "column 12: unknown status `scnee`; did you mean `scene`?")
        #expect(error("asign 0001 N11")?.description == "column 1: unknown command `asign`; did you mean `assign`?")
        #expect(
            error("assign 0001 N1")?.description == "column 13: `N1` could be 3 units (N11, N12, N13); use more letters"
        )
        #expect(error("assign 0001 N14")?.suggestion != nil)
        #expect(
            error("assign 0099 N11")?.description
                == "column 8: there is no incident 0099 today; use the full reference for other days")
        #expect(
            error("close 0001 crime/burglry")?.description
                == "column 18: unknown crime type `burglry`; did you mean `crime/burglary`?")
        #expect(error("close 0001 crim")?.suggestion == "crime")
        #expect(error("note 0001 \"unfinished")?.description == "column 11: unclosed quote; add a closing \"")
        #expect(error("grade 0001 5 \"x\"")?.column == 12)
        #expect(error("assign 0001")?.description == "column 12: callsign, or `best` is missing")
        #expect(error("status N11 scene at=91,0")?.column == 18)
        #expect(error("")?.column == 1)
        #expect(error("signon now")?.description == "column 8: unexpected `now`")
        #expect(error("s N11 scene")?.message.contains("could be") == true)
        #expect(error("speed 5")?.description == "column 7: `5` is not a shift speed; use 1, 10, 60 or max")
        #expect(
            error("inject 0")?.description
                == "column 8: `0` is not an inject number; use a number from 1, as the scenario lists them")
    }

    @Test func bestTakesTheRecommendation() throws {
        let (s, ref) = Self.world()
        #expect(try parse("assign 0001 best", s).get() == .assign(ref, [s.recommend(for: ref).best!.callsign]))
    }

    @Test(arguments: [5, 6, 7] as [UInt64])
    func commandsRoundTripThroughText(seed: UInt64) {
        var s = Fixture.world()
        var workload = RandomWorkload(seed: seed, actors: [Fixture.actor("S1")], chaos: 0)
        var now = Fixture.t0
        var checked = 0
        for _ in 0..<600 {
            now = now + .seconds(30)
            let (command, actor) = workload.next(in: s, now: now)
            if let line = command.commandLine {
                // Only commands naming things that exist can resolve against the state.
                let parsed = CommandParser(state: s, now: now).parse(line)
                if case .success(let back) = parsed {
                    #expect(back == command, "\(line)")
                    checked += 1
                } else if case .success = s.decide(command, by: actor, at: now) {
                    Issue.record("accepted command did not parse: \(line) → \(parsed)")
                }
            }
            if case .success(let e) = s.decide(command, by: actor, at: now) { s.apply(e) }
        }
        #expect(checked > 300)
    }

    @Test func fuzzRandomAndMutatedInputNeverCrashes() {
        let (s, _) = Self.world()
        let parser = CommandParser(state: s, now: Fixture.t0)
        var rng = SplitMix64(seed: 42)
        let alphabet = Array("abcdefghijklmnopqrstuvwxyz0123456789 =\"',.-+/\\\t#@éß→🚓\u{0}")
        let seeds = [
            "assign 0001 N11", "status N11 scene at=52.5,-1.9", "grade 0001 1 \"weapon seen\"",
            "close 0001 crime/burglary+hate \"x\"",
            "receive 999 at=52.5,-1.9 address=\"1 A St\" caller=\"Bo\" \"account\"",
            "flag firearms \"1 A St\" at=52,-1 expires=2027-01-31",
            "thrive 1 t=h h=m r=l i=l v=h e=m \"t\"", "link c1 0001", "unflag F1", "raise C1 1 crime",
        ]
        var parsed = 0
        for i in 0..<20_000 {
            var line: String
            if i % 2 == 0 {
                line = String(
                    (0..<Int(rng.next() % 40)).map { _ in alphabet[Int(rng.next() % UInt64(alphabet.count))] })
            } else {
                var chars = Array(seeds[Int(rng.next() % UInt64(seeds.count))])
                for _ in 0..<Int(rng.next() % 4 + 1) {
                    let at = chars.isEmpty ? 0 : Int(rng.next() % UInt64(chars.count))
                    switch rng.next() % 3 {
                    case 0 where !chars.isEmpty: chars.remove(at: at)
                    case 1: chars.insert(alphabet[Int(rng.next() % UInt64(alphabet.count))], at: at)
                    default: if !chars.isEmpty { chars[at] = alphabet[Int(rng.next() % UInt64(alphabet.count))] }
                    }
                }
                line = String(chars)
            }
            switch parser.parse(line) {
            case .success: parsed += 1
            case .failure(let e):
                #expect(e.column >= 1 && e.column <= line.count + 1, "column in range for \(line.debugDescription)")
                #expect(!e.message.isEmpty)
            }
        }
        #expect(parsed > 100, "mutations of valid lines sometimes stay valid")
    }
}
