import ArgumentParser
import Foundation
import VigilCore
import VigilStore

extension Vigil.Log {
    /// Who did what and when, from the log.
    struct Audit: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "List who did what and when, from the log: every event's time, operator, console and what it was.",
            discussion: """
                Filters combine: vigil log audit --db F --operator D100 --incident 0014 --since 2026-11-25T21:00
                An incident's trail includes what happened to units on it (their statuses while assigned).
                """
        )

        @OptionGroup var store: StoreOptions

        @Option(help: "Only this operator's actions.")
        var `operator`: String?

        @Option(
            help: ArgumentHelp(
                "Only this incident: a full reference, or today's number such as 0014.", valueName: "ref"))
        var incident: String?

        @Option(help: ArgumentHelp("Only from this UK local time on, as YYYY-MM-DDTHH:MM.", valueName: "time"))
        var since: String?

        func validate() throws {
            if let since, Instant(ukLocal: since) == nil {
                throw ValidationError("--since must look like 2026-11-25T21:00")
            }
        }

        @OptionGroup var reader: ReaderOptions

        func run() throws {
            let log = try store.openToRead(reader) { _ in
                "audit"
                    + [
                        `operator`.map { " of \($0)" }, incident.map { " of incident \($0)" },
                        since.map { " since \($0)" },
                    ]
                    .compactMap { $0 }.joined()
            }
            let from = since.flatMap { Instant(ukLocal: $0) }
            var wanted: IncidentRef?
            if let incident {
                if let ref = IncidentRef(parsing: incident) {
                    wanted = ref
                } else {
                    // A short number means that day's incident: the log's own latest day, as a console would read it.
                    let (state, _) = try log.replay()
                    switch CommandParser(state: state, now: state.lastEventAt ?? Instant(seconds: 0)).parse(
                        "note \(incident) x")
                    {
                    case .success(.addNarrative(let ref, _)): wanted = ref
                    case .failure(let e): throw Failure(description: e.message)
                    default:
                        throw Failure(
                            description:
                                "\(incident) is not an incident reference; give WM-20261125-0014 or a number such as 0014"
                        )
                    }
                }
            }
            // Units assigned to the incident, while they are on it, so their statuses belong to its trail.
            var onIncident: Set<Callsign> = []
            var shown = 0
            var passedOver: [String] = []
            print("seq     time (UK)            operator  console     event")
            // Who did what is told from the events every reader applies: a row nobody signed is not its claimed
            // operator's doing, so it is named on standard error rather than listed as theirs.
            try log.eachEvent { e, notApplied in
                if let notApplied {
                    passedOver.append(
                        "seq \(e.seq) (\(e.event.change.typeName) as \(e.event.operatorID)) is not applied by any reader, and not listed: \(notApplied)"
                    )
                    return
                }
                do {
                    let change = e.event.change
                    var about = true
                    if let wanted {
                        switch change {
                        case .unitAssigned(let p) where p.incident == wanted: onIncident.insert(p.unit)
                        case .unitUnassigned(let p) where p.incident == wanted: onIncident.remove(p.unit)
                        case .incidentClosed(let p) where p.incident == wanted: onIncident.removeAll()
                        default: break
                        }
                        if case .unitStatusChanged(let p) = change {
                            about = onIncident.contains(p.unit)
                        } else {
                            about = change.incidents.contains(wanted)
                        }
                    }
                    guard about, `operator`.map({ $0 == e.event.operatorID }) ?? true,
                        from.map({ e.event.at >= $0 }) ?? true
                    else { return }
                    let t = e.event.at.ukLocal
                    print(
                        (String(e.seq).padded(7) + " \(t.date) \(t.timeText)  " + e.event.operatorID.padded(9) + " "
                            + e.event.console.padded(11) + " " + change.summary).terminalSafe)
                    shown += 1
                }
            }
            for line in passedOver { warn(line) }
            say("\(shown) events")
        }
    }
}

extension Vigil.Log {
    /// Who looked at callers' details.
    struct Access: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "List who opened callers' details, which record, when and from which console (the access log beside the event log)."
        )

        @OptionGroup var store: StoreOptions
        @Option(help: "Only this operator's looks.") var `operator`: String?
        @Option(help: ArgumentHelp("Only looks at this contact, e.g. C12.", valueName: "contact")) var contact: String?

        @OptionGroup var reader: ReaderOptions

        func run() throws {
            let log = try store.openToRead(reader) { _ in
                "access log" + (`operator`.map { " of \($0)" } ?? "") + (contact.map { " of \($0)" } ?? "")
            }
            let record = contact.map { c in c.uppercased().hasPrefix("C") ? "C" + c.dropFirst() : "C" + c }
            let entries = try log.accessLog(operator: `operator`, record: record)
            print("time (UK)            operator  console     record            what")
            for e in entries {
                let t = e.at.ukLocal
                print(
                    ("\(t.date) \(t.timeText)  " + e.operatorID.padded(9) + " " + e.console.padded(11) + " "
                        + e.record.padded(17) + " " + e.what).terminalSafe)
            }
            say("\(entries.count) looks")
        }
    }
}
