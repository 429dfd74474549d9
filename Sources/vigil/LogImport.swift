import ArgumentParser
import Foundation
import VigilCore
import VigilEIDO
import VigilStore

extension Vigil.Log {
    /// Takes in other agencies' incidents.
    struct Import: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Take in other agencies' incidents, sent as EIDO JSON, as contacts waiting in the queues.",
            discussion: """
                FILE holds one Emergency Incident Data Object (NENA-STA-021.1b) or a JSON array of them. Each becomes \
                a contact in the 999 queue when its priority or call marks an emergency, otherwise in the 101 queue, \
                with the sending agency, the caller, callback number, location (source and accuracy where given) and \
                notes; the document is kept in the log byte for byte. A document already imported (by its $id) adds \
                nothing, unless its lastUpdateTimeStamp is newer: then its new notes and changes are added to the \
                contact, or to the incident it became, or wait as a new contact when that one was dealt with. A \
                document whose incident the sender had closed is recorded, not queued. An invalid document is named with the field at fault and the \
                rest still import; the exit status is then 1. Import signs the operator on like any command: on a \
                live log their PIN is asked for (or read with --pin-stdin).
                """
        )

        enum Format: String, ExpressibleByArgument, CaseIterable { case eido }

        @OptionGroup var store: StoreOptions

        @Option(help: "The operator taking the incidents in (a call handler, dispatcher, trainer or supervisor).")
        var `operator`: String

        @Option(help: "The console name stamped on the events.")
        var console = "import"

        @Flag(help: "Read the operator's PIN from the first line of standard input.")
        var pinStdin = false

        @Option(help: "What FILE holds.")
        var format: Format = .eido

        @Argument(help: ArgumentHelp("The file of EIDO JSON.", valueName: "file"))
        var file: String

        /// Bigger files are refused rather than read: a document is at most 1 MiB.
        static let largestFile = 64 << 20

        func run() throws {
            let bytes = try Self.read(file)
            if bytes.starts(with: [0xFF, 0xFE]) || bytes.starts(with: [0xFE, 0xFF]) {
                throw Failure(description: "\(file) is UTF-16 text; EIDO JSON is exchanged as UTF-8.")
            }
            guard let split = EIDOFile.split(bytes) else {
                throw Failure(description: "\(file) is not EIDO JSON: it should hold one object or an array of them.")
            }
            let log = try store.open(as: `operator`, pinStdin: pinStdin)
            let session = try LogSession(store: log, trusted: Heads.trusted(log))
            let now = try actionTime(nil, session: session)
            for w in session.warnings { warn(w) }
            let id = session.state.operatorID(matching: `operator`)
            let actor = Actor(id, console: console)
            try SignOn.authenticateIfLive(id, session: session, console: console, now: now, pinStdin: pinStdin)
            // Refused once, not once per document.
            if let role = session.state.operators[id]?.role, !role.may(.receiveContact) {
                throw Failure(
                    description: "A \(role.label) may not take in contacts; ask a call handler or dispatcher.")
            }
            var tally = Tally()
            let documents = split.documents
            for first in stride(from: 0, to: documents.count, by: Self.batch) {
                let range = first..<min(documents.count, first + Self.batch)
                let lines = try importBatch(
                    range.map { (documents[$0], $0 + 1) }, session: session, by: actor, at: now, tally: &tally)
                for line in lines { print(line.terminalSafe) }
            }
            if let problem = split.problem {
                tally.invalid += 1
                print("\(file): \(problem); the documents above were read.".terminalSafe)
            }
            print(tally.summary(of: documents.count))
            if tally.invalid > 0 { throw ExitCode(1) }
        }

        /// Documents committed together, each batch one transaction with its own sign-on and sign-off (unless the
        /// operator is on at a console), so no import leaves them signed on, however it ends, and two at once do
        /// not sign each other off.
        static let batch = 200

        struct Tally {
            var imported = 0, updated = 0, unchanged = 0, invalid = 0
            func summary(of n: Int) -> String {
                "\(n) document\(n == 1 ? "" : "s"): \(imported) imported, \(updated) updated, "
                    + "\(unchanged) already imported, \(invalid) not imported."
            }
        }

        /// Reads a batch, commits what reads in one go, and falls back to one document at a time when any is
        /// refused (already imported, say), so each gets its own answer; returns a line per document, in order.
        func importBatch(
            _ batch: [(ArraySlice<UInt8>, Int)], session: LogSession, by actor: Actor, at now: Instant,
            tally: inout Tally
        ) throws -> [String] {
            var lines = [String](repeating: "", count: batch.count)
            var read: [(Int, EIDOIntake)] = []
            for (k, (bytes, n)) in batch.enumerated() {
                do {
                    read.append((k, try EIDOReader.intake(bytes, number: n)))
                } catch {
                    tally.invalid += 1
                    lines[k] = error.description
                }
            }
            let together =
                read.isEmpty
                ? nil : try? SignOn.actOnce(read.map { .importEIDO($0.1) }, session: session, by: actor, at: now)
            let imported = together.map(Self.imports)
            for (j, (k, intake)) in read.enumerated() {
                let label = "Document \(batch[k].1) (\(intake.eido))"
                if let imported, imported.count == read.count {
                    lines[k] = "\(label): " + said(imported[j], state: session.state, tally: &tally)
                    continue
                }
                switch try session.executeAll(
                    SignOn.around([.importEIDO(intake)], session: session, by: actor), by: actor, at: now)
                {
                case .success(let events):
                    let e = Self.imports(events).first
                    lines[k] = "\(label): " + (e.map { said($0, state: session.state, tally: &tally) } ?? "imported.")
                case .failure(let e):
                    switch e {
                    case .eidoAlreadyImported, .eidoNothingNew: tally.unchanged += 1
                    default: tally.invalid += 1
                    }
                    lines[k] = "\(label): \(e.message)"
                }
            }
            return lines
        }

        /// The imports among committed events, in order.
        static func imports(_ events: [StoredEvent]) -> [EIDOImported] {
            events.compactMap { if case .eidoImported(let p) = $0.event.change { p } else { nil } }
        }

        /// What became of one document.
        func said(_ e: EIDOImported, state: DispatchState, tally: inout Tally) -> String {
            let queue = "the \(e.intake.channel.rawValue) queue"
            if !e.update {
                tally.imported += 1
                if let closed = e.intake.closed {
                    return "\(e.contact) is on record, from \(e.intake.agency), who had closed it (\(closed))."
                }
                return "\(e.contact) waits in \(queue), from \(e.intake.agency)."
            }
            tally.updated += 1
            let parts = [(e.newNotes.count, "new note"), (e.changes.count, "change")].filter { $0.0 > 0 }
            let what = parts.map { "\($0.0) \($0.1)\($0.0 == 1 ? "" : "s")" }.joined(separator: " and ")
            if let old = e.reopens {
                return "\(old) is dealt with, so this newer version (\(what)) waits as \(e.contact) in \(queue)."
            }
            switch state.contacts[e.contact]?.state {
            case .raised(let ref), .linked(let ref): return "\(what) added to \(ref), raised from \(e.contact)."
            default: return "\(what) added to \(e.contact)."
            }
        }

        static func read(_ path: String) throws -> [UInt8] {
            let attributes = try? FileManager.default.attributesOfItem(atPath: path)
            guard let size = (attributes?[.size] as? NSNumber)?.intValue,
                let data = FileManager.default.contents(atPath: path)
            else { throw Failure(description: "\(path) could not be read; give a file of EIDO JSON.") }
            guard size <= largestFile, data.count <= largestFile else {
                throw Failure(description: "\(path) is over 64 MiB; split it into smaller files of EIDOs.")
            }
            return [UInt8](data)
        }
    }
}
