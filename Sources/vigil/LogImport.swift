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
                contact, or to the incident it became. An invalid document is named with the field at fault and the \
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
            guard let documents = EIDOFile.documents(bytes) else {
                throw Failure(description: "\(file) is not EIDO JSON: it should hold one object or an array of them.")
            }
            let log = try store.open(as: `operator`, pinStdin: pinStdin)
            let session = try LogSession(store: log)
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
            let wasOn = session.state.signedOn[id] != nil
            if !wasOn { _ = try SignOn.actOnce([], session: session, by: actor, at: now, only: .signOn) }
            defer { if !wasOn { _ = try? SignOn.actOnce([], session: session, by: actor, at: now, only: .signOff) } }
            var tally = Tally()
            for (k, bytes) in documents.enumerated() {
                let line = try importOne(bytes, number: k + 1, session: session, by: actor, at: now, tally: &tally)
                print(line.terminalSafe)
            }
            print(tally.summary(of: documents.count))
            if tally.invalid > 0 { throw ExitCode(1) }
        }

        struct Tally {
            var imported = 0, updated = 0, unchanged = 0, invalid = 0
            func summary(of n: Int) -> String {
                "\(n) document\(n == 1 ? "" : "s"): \(imported) imported, \(updated) updated, "
                    + "\(unchanged) already imported, \(invalid) not imported."
            }
        }

        func importOne(
            _ bytes: ArraySlice<UInt8>, number n: Int, session: LogSession, by actor: Actor, at now: Instant,
            tally: inout Tally
        ) throws -> String {
            let intake: EIDOIntake
            do {
                intake = try EIDOReader.intake(bytes, number: n)
            } catch {
                tally.invalid += 1
                return error.description
            }
            let label = "Document \(n) (\(intake.eido))"
            switch try session.executeAll([.importEIDO(intake)], by: actor, at: now) {
            case .success(let events):
                guard case .eidoImported(let e) = events.last?.event.change else { return "\(label): imported." }
                if e.update {
                    tally.updated += 1
                    let parts = [(e.newNotes.count, "new note"), (e.changes.count, "change")].filter { $0.0 > 0 }
                    let what = parts.map { "\($0.0) \($0.1)\($0.0 == 1 ? "" : "s")" }.joined(separator: " and ")
                    return "\(label): \(what) added to \(e.contact)."
                }
                tally.imported += 1
                return "\(label): \(e.contact) waits in the \(intake.channel.rawValue) queue, from \(intake.agency)."
            case .failure(let e):
                switch e {
                case .eidoAlreadyImported, .eidoNothingNew: tally.unchanged += 1
                default: tally.invalid += 1
                }
                return "\(label): \(e.message)"
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
