import ArgumentParser
import Foundation
import VigilCore
import VigilEIDO
import VigilForce
import VigilStore

extension Vigil {
    /// Create, check, replay, follow and export event logs.
    struct Log: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create, check, replay, follow and export event logs.",
            subcommands: [
                Init.self, Verify.self, SignCheckpoint.self, Backup.self, Replay.self, Tail.self, Export.self,
                Audit.self, Access.self, Soak.self, Drive.self, Copy.self, Standby.self, Watch.self, Snapshot.self,
                Import.self, Upgrade.self,
            ]
        )
    }
}

extension Vigil.Log {
    /// Creates a log for a force.
    struct Init: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create an event log for a force (the demo force by default).")

        @Option(
            name: .long,
            help: ArgumentHelp(
                "The new event log: a SQLite file, which must not exist, or an empty PostgreSQL database as its administrator (postgres://admin@host:port/database; the password from PGPASSWORD).",
                valueName: "path"))
        var db: String

        @OptionGroup var forceOptions: ForceOptions

        @Flag(
            help:
                "Mark the log as a training log, so it can never be mistaken for live; its commits are faster and less durable."
        )
        var training = false

        @Option(
            help: ArgumentHelp(
                "Creation time, UK local, as YYYY-MM-DDTHH:MM (training logs only; default: now).", valueName: "time"))
        var at: String?

        @Flag(
            help:
                "Read the first supervisor's PIN from the first line of standard input (on a terminal it is asked for twice)."
        )
        var pinStdin = false

        func run() throws {
            let text: String
            do throws(TOMLFileError) {
                if let path = forceOptions.force {
                    text = try ForceLoader.read(path: path).text
                } else {
                    text = try DemoForce.text()
                }
            } catch {
                throw Failure(description: error.description)
            }
            let created = try actionTime(at, training: training)
            // A live log is never without a supervisor who can sign on to it: the first one's PIN is set now.
            var credential: Credential?
            if !training {
                let force: LoadedForce
                do throws(TOMLFileError) {
                    force = try ForceLoader.parse(text, file: forceOptions.force ?? "demo force")
                } catch {
                    throw Failure(description: error.description)
                }
                guard let boss = force.operators.first(where: { $0.role == .supervisor }) else {
                    throw Failure(
                        description:
                            "the force file names no supervisor in [[operators]]; a live log needs one to administer it"
                    )
                }
                credential = try SignOn.newCredential(for: boss.id, from: SecretSource(fromStdin: pinStdin))
            }
            let store = try EventStore.create(
                path: db, forceText: text, createdAt: created, training: training, durability: training ? .fast : .live,
                firstCredential: credential)
            Heads.claim(store)
            OpenLogs.add(store)
            let force = try store.loadedForce()
            print(
                "Created \(store.path) for \(force.force.name): \(force.force.areas.count) areas, \(force.units.count) units."
                    .terminalSafe)
            if store.isServer, var address = try? ServerAddress(url: db) {
                address.user = nil
                address.password = nil
                print(
                    "Consoles and `vigil do` sign in as their operator's own role: --db \(address.redacted) --operator ID."
                        .terminalSafe)
            }
            if let credential {
                print(
                    "\(credential.operatorID) is its first supervisor, with the PIN just given; add operators with `vigil operator add --as \(credential.operatorID)`."
                )
            }
            if training {
                print(
                    "TRAINING log: marked as training for every console, and commits are not forced to disk (\(store.isServer ? "synchronous_commit=off" : "synchronous=NORMAL")) for speed."
                )
            }
        }
    }

    /// Checks the whole log.
    struct Verify: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Check the schema, every payload, the whole hash chain and every snapshot of a log, and that it is not cut off.",
            discussion: """
                Reads the log only (a copy on write-protected media verifies too). Fails when the log ends before, or                 disagrees with, the head this machine last saw of it (--allow-older verifies an older backup deliberately),                 and, with --checkpoint and --key, when it no longer holds the head a signed checkpoint recorded.
                """)

        @OptionGroup var store: StoreOptions

        @Flag(help: "Verify an older copy (a backup or evidential copy) that ends before the head this machine saw.")
        var allowOlder = false

        @Option(
            help: ArgumentHelp(
                "A checkpoint written by `vigil log checkpoint`, to prove the log still holds its head.",
                valueName: "file"))
        var checkpoint: String?

        @Option(
            help: ArgumentHelp(
                "The public key to check the checkpoint with: its file (kept off the log's host) or base64 text.",
                valueName: "key"))
        var key: String?

        func validate() throws {
            if (checkpoint == nil) != (key == nil) {
                throw ValidationError("--checkpoint and --key go together: the key is never taken from the checkpoint")
            }
        }

        func run() throws {
            let store = try EventStore.openReadOnly(path: self.store.db)
            for w in store.warnings { warn(w) }
            let report = try store.verify()
            var failed = !report.isIntact
            print(report.summary.terminalSafe)
            for line in report.lines.dropFirst() { print(line.terminalSafe) }
            if let problem = try Heads.problem(store) {
                if allowOlder {
                    print("NOTE: \(problem); verified as an older copy (--allow-older).".terminalSafe)
                    if report.isIntact, case .replaced = try Heads.memory.standing(of: store) { Heads.claim(store) }
                } else {
                    print("FAILED: \(problem).".terminalSafe)
                    failed = true
                }
            } else if report.isIntact {
                Heads.remember(store)
            }
            for fork in Heads.forks(store) { print("NOTE: \(fork).".terminalSafe) }
            if let checkpoint, let key {
                guard let data = FileManager.default.contents(atPath: checkpoint),
                    let c = try? JSONDecoder().decode(VigilStore.Checkpoint.self, from: data)
                else {
                    throw Failure(
                        description: "\(checkpoint) is not a Vigil checkpoint (JSON from `vigil log checkpoint`)")
                }
                let publicKey = try CheckpointKey.publicKey(from: key)
                if let problem = try store.problem(with: c, key: publicKey) {
                    print("FAILED: \(problem).".terminalSafe)
                    failed = true
                } else {
                    print(
                        "OK: the log still holds seq \(c.seq) as signed at \(c.time) (key \(CheckpointKey.fingerprint(publicKey)))."
                    )
                }
            }
            if failed { throw ExitCode(1) }
        }
    }

    /// Signs the log's head, to keep off the host.
    struct SignCheckpoint: ParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "checkpoint",
            abstract:
                "Write an Ed25519-signed checkpoint of the log's head (seq, hash, time) for `log verify --checkpoint`.",
            discussion: """
                The signing key is made on first use in the state folder ($XDG_STATE_HOME/vigil or ~/.local/state/vigil),                 0600, with its public half beside it (checkpoint-key.pub). Keep the public key and the checkpoints off the                 log's host: whoever can rewrite the log and its checkpoints together defeats them.
                """)

        @OptionGroup var store: StoreOptions
        @Option(help: ArgumentHelp("Where to write the checkpoint (JSON).", valueName: "file")) var out: String

        func run() throws {
            let log = try store.openReadOnly()
            let report = try log.verify()
            guard report.isIntact else {
                throw Failure(description: "the log does not verify (\(report.summary)); no checkpoint was signed")
            }
            let folder = HeadMemory.defaultFolder()
            let key = try CheckpointKey.loadOrCreate(folder: folder)
            let now = try commandTime(nil)
            let c = try log.checkpoint(signedWith: key, at: now)
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.sortedKeys, .prettyPrinted]
            guard
                FileManager.default.createFile(
                    atPath: out, contents: try encoder.encode(c), attributes: [.posixPermissions: 0o600])
            else {
                throw Failure(description: "\(out) cannot be written; check the folder")
            }
            print("Signed seq \(c.seq) of \(store.shown) at \(c.time) with key \(c.key) into \(out).".terminalSafe)
            print(
                "Public key: \(folder)/checkpoint-key.pub (copy it off this host; verify with --key that copy)."
                    .terminalSafe)
        }
    }

    /// A consistent copy while consoles write.
    struct Backup: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Copy a log consistently while consoles write (SQLite's online backup), 0600, and verify the copy.",
            discussion:
                "Back up with this, not by copying the file: a copy of the .db alone can miss what is still in its -wal."
        )

        @OptionGroup var store: StoreOptions
        @Option(help: ArgumentHelp("The copy to make; it must not exist.", valueName: "path")) var to: String
        @OptionGroup var reader: ReaderOptions

        func run() throws {
            // A backup holds every caller's details: on a live log, who takes it proves it, and it is in the access log.
            let log = try store.openToRead(reader) { state in "backup to \(to) of \(state.nextContact - 1) contacts" }
            let report = try log.backup(to: to)
            print("Backed up \(store.shown) to \(to): \(report.summary)".terminalSafe)
            if !report.isIntact { throw ExitCode(1) }
        }
    }

    /// Rebuilds state from the log and says how long it took.
    struct Replay: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Rebuild the state from every event, then print a summary and the time it took.")

        @OptionGroup var store: StoreOptions
        @OptionGroup var reader: ReaderOptions

        func run() throws {
            let log = try store.openToRead(reader) { _ in "replay of the whole log" }
            let t0 = Date()
            let (state, last) = try log.replay()
            let seconds = Date().timeIntervalSince(t0)
            let rate = seconds > 0 ? Int(Double(state.eventCount) / seconds) : 0
            print(
                "Replayed \(state.eventCount) events (last seq \(last)) in \(Int(seconds * 1000)) ms, \(rate) events/s."
            )
            print(
                "\(state.incidents.count) incidents (\(state.openIncidentCount) open), \(state.contacts.count) contacts (\(state.waitingContacts.count) waiting), \(state.units.count) units."
            )
            let header = try log.header()
            let at = state.lastEventAt ?? header.createdAt
            var runner = ScriptRunner(state: state, start: at, actor: Actor("-", console: "replay"))
            print(runner.runLine("load", number: 0).joined(separator: "\n"))
        }
    }

    /// Prints the newest events, and optionally follows new ones.
    struct Tail: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the newest events; with --follow, keep printing new ones as they are appended.")

        @OptionGroup var store: StoreOptions
        @OptionGroup var reader: ReaderOptions

        @Option(name: [.short, .long], help: "How many of the newest events to print first.")
        var count = 20

        @Flag(help: "Keep watching and print new events within a quarter of a second (Ctrl-C stops).")
        var follow = false

        func run() throws {
            let log = try store.openToRead(reader) { _ in
                "tail of the newest \(count) events" + (follow ? ", following" : "")
            }
            // Rows are shown as stored; each no reader applies (unsigned, say) is named on standard error.
            let session = try LogSession(store: log, snapshotEvery: 0, trusted: Heads.trusted(log))
            let last = session.lastSeq
            let first = max(0, last - Int64(max(0, count)))
            for e in try log.read(after: first, limit: Int(last - first)) {
                print("\(e.seq) \(e.event.line)".terminalSafe)
            }
            var named = 0
            func nameRejected() {
                for line in session.rejected.dropFirst(named) { warn(line) }
                named = session.rejected.count
            }
            nameRejected()
            guard follow else { return }
            let watch = try log.watch(after: last)
            while true {
                let new = try watch.poll()
                for e in new { print("\(e.seq) \(e.event.line)".terminalSafe) }
                if !new.isEmpty {
                    try session.refresh()
                    nameRejected()
                }
                fflush(nil)
                usleep(100_000)
            }
        }
    }

    /// Writes every event for other tools.
    struct Export: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Write the log for other tools: every event as JSON lines or CSV, or every incident as EIDO JSON or CSV."
        )

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case jsonl, csv, eido, incidentsCSV = "incidents-csv"
        }

        @OptionGroup var store: StoreOptions

        @Option(
            help: """
                jsonl or csv: one line per event. eido: a JSON array, one Emergency Incident Data Object per incident \
                (NENA-STA-021.1b), for other agencies' systems. incidents-csv: one row per incident, for analysts.
                """)
        var format: Format = .jsonl

        @OptionGroup var reader: ReaderOptions

        func run() throws {
            let log = try store.openToRead(reader) { state in
                "export (\(format.rawValue)) of \(state.nextContact - 1) contacts"
            }
            if format == .csv { print("seq,occurred_at,recorded_at,operator,console,type,summary,hash") }
            var book = IncidentBook()
            var roles: [OperatorID: Role] = [:]
            var passedOver: [String] = []
            // Every row goes into the raw exports, as stored; what happened (EIDO, incidents) is told only from the
            // events every reader applies. Either way, each row no reader applies is named on standard error.
            try log.eachEvent { e, notApplied in
                if let notApplied { passedOver.append("seq \(e.seq) is not applied by any reader: \(notApplied)") }
                switch format {
                case .jsonl: print(try LogExport.jsonLine(e).jsonTerminalSafe)
                case .csv: print(LogExport.csvRow(e).csvForStdout)
                case .eido, .incidentsCSV:
                    guard notApplied == nil else { return }
                    book.add(e.event)
                    if case .operatorRegistered(let p) = e.event.change { roles[p.operator.id] = p.operator.role }
                }
            }
            for line in passedOver + log.passedOver { warn(line) }
            let loaded = try log.loadedForce()
            let force = loaded.force
            switch format {
            case .eido:
                for o in loaded.operators where roles[o.id] == nil { roles[o.id] = o.role }
                let writer = EIDOWriter(
                    force: force,
                    units: Dictionary(loaded.units.map { ($0.callsign, $0) }, uniquingKeysWith: { a, _ in a }),
                    roles: roles)
                let objects = book.order.compactMap { book.records[$0] }.map {
                    writer.document($0, origins: book.origins)
                }
                let data = try JSONSerialization.data(
                    withJSONObject: objects, options: [.sortedKeys, .withoutEscapingSlashes, .prettyPrinted])
                print(String(decoding: data, as: UTF8.self).jsonTerminalSafe)
            case .incidentsCSV:
                print(
                    "incident,grade,category,closing,outcome,area,address,lat,lon,raised_at,raised_by,first_assigned,first_at_scene,closed_at,units,callers"
                )
                for r in book.order.compactMap({ book.records[$0] }) {
                    let atScene = r.units.flatMap(\.statuses).filter { $0.0 == .atScene }.map(\.1).min()
                    print(
                        [
                            r.ref.description, "\(r.grade.rawValue)", r.category.description,
                            r.closing?.description ?? "", r.outcome ?? "",
                            r.area, r.address, "\(r.location.lat)", "\(r.location.lon)", r.raisedAt.iso8601, r.raisedBy,
                            r.units.first?.assignedAt.iso8601 ?? "", atScene?.iso8601 ?? "", r.closedAt?.iso8601 ?? "",
                            r.units.map(\.callsign).joined(separator: " "), "\(r.callers.count)",
                        ].map(LogExport.csvField).joined(separator: ",").csvForStdout)
                }
            case .jsonl, .csv:
                break
            }
        }
    }
}
