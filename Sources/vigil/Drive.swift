import ArgumentParser
import Foundation
import VigilCore
import VigilStore

extension Vigil.Log {
    /// A console without a screen, for load tests: works calls through to assigned units as fast as it can, takes in
    /// the other consoles' events as a console would, and reports commit latencies and how soon others' work showed.
    struct Drive: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Drive a log as a headless console for a while and print its figures as JSON (for `vigil bench`).",
            shouldDisplay: false
        )

        @OptionGroup var store: StoreOptions
        @Flag(help: "Read the operator's PIN from the first line of standard input (live logs).") var pinStdin = false
        @Option(help: "The operator driving (signed on at this console).") var `operator`: String
        @Option(help: "The console name.") var console: String
        @Option(help: "How long to drive, in seconds.") var seconds = 60.0
        @Option(
            help: "Commands a second to aim for, polling for others' work between them as a console does (0: flat out)."
        )
        var rate = 0.0

        func run() throws {
            let log = try store.open(as: `operator`, pinStdin: pinStdin)
            let session = try LogSession(store: log, snapshotEvery: 0, trusted: Heads.trusted(log))
            // A load or crash test on a live log acts like any operator: its PIN first.
            try SignOn.authenticateIfLive(
                `operator`, session: session, console: console, now: try commandTime(nil), pinStdin: pinStdin)
            let actor = Actor(`operator`, console: console)
            func wallMillis() -> Int64 { Int64(Date().timeIntervalSince1970 * 1000) }
            func now() -> Instant { Instant(seconds: Int64(Date().timeIntervalSince1970)) }
            var commits: [Double] = [], seen: [Double] = []
            var commands = 0, refused = 0
            // Others' work carries the wall time it was issued in its text: "drive <console> <ms>".
            func takeIn(_ events: [StoredEvent]) {
                let t = wallMillis()
                for e in events where e.event.console != console {
                    let text: String
                    switch e.event.change {
                    case .contactReceived(let p): text = p.details.account
                    case .narrativeAdded(let p): text = p.text
                    default: continue
                    }
                    let parts = text.split(separator: " ")
                    if parts.count == 3, parts[0] == "drive", let sent = Int64(parts[2]) {
                        seen.append(Double(t - sent))
                    }
                }
            }
            var next = Date()
            func run(_ command: Command) throws -> [StoredEvent]? { try run { _ in command } }
            // The command is made after the wait, so the time written into it is when it was really issued.
            func run(_ make: (Int64) -> Command) throws -> [StoredEvent]? {
                // Paced like a busy person: wait for the next slot, taking in others' work every 50 ms meanwhile.
                if rate > 0 {
                    next = max(next, Date()).addingTimeInterval(1 / rate)
                    while Date() < next {
                        takeIn(try session.refresh())
                        usleep(UInt32(max(0, min(0.05, next.timeIntervalSinceNow)) * 1_000_000))
                    }
                }
                let command = make(wallMillis())
                let t0 = Date()
                let result = try session.execute(command, by: actor, at: now())
                commits.append(Date().timeIntervalSince(t0) * 1000)
                commands += 1
                // Others' work taken in while committing is seen now, as a console would show it.
                takeIn(try session.refresh())
                if case .success(let events) = result { return events }
                refused += 1
                return nil
            }
            if session.state.signedOn[`operator`] != actor.console { _ = try run(.signOn) }
            let started = Date()
            let box = session.state.force.bounds
            var k = 0
            while Date().timeIntervalSince(started) < seconds {
                k += 1
                takeIn(try session.refresh())
                let place = GeoPoint(
                    lat: box.minLat + Double(k % 97) / 97 * (box.maxLat - box.minLat),
                    lon: box.minLon + Double(k % 89) / 89 * (box.maxLon - box.minLon))
                guard
                    let received = try run({ ms in
                        .receiveContact(
                            .emergency,
                            ContactDetails(
                                location: place, address: "\(k) Load Street",
                                account: "drive \(console) \(ms)"))
                    }),
                    case .contactReceived(let contact)? = received.first?.event.change
                else { continue }
                let id = contact.contact
                guard try run(.answerContact(id)) != nil,
                    let raised = try run(
                        .raiseIncident(
                            from: id, grade: .priority, category: Category(.crime, "theft"), location: nil, address: nil
                        )),
                    case .incidentRaised(let incident)? = raised.last?.event.change
                else { continue }
                let ref = incident.incident
                _ = try run { ms in .addNarrative(ref, "drive \(console) \(ms)") }
                if let best = session.state.recommend(for: ref, limit: 1).best {
                    _ = try run(.assign(ref, [best.callsign]))
                }
                _ = try run(.closeIncident(ref, Category(.crime, "theft"), outcome: "load test"))
            }
            let elapsed = Date().timeIntervalSince(started)
            _ = try session.execute(.signOff, by: actor, at: now())
            let object: [String: Any] = [
                "console": console, "seconds": elapsed, "commands": commands, "refused": refused,
                "commit_ms": commits, "seen_ms": seen,
            ]
            print(String(decoding: try JSONSerialization.data(withJSONObject: object), as: UTF8.self))
        }
    }
}
