import ArgumentParser
import Foundation
import VigilCore
import VigilSim
import VigilStore

extension Vigil {
    /// The debrief of a shift from its log: response, breaches, answer times, unresourced time and choices.
    struct Report: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Debrief a shift from its log: response against targets, breaches, 999 answer times and each dispatcher's choices.",
            discussion: """
                Works on any log, simulated or live. Each assignment is set beside the unit the recommendation offered at that \
                moment, with the minutes of ETA lost and the rules broken.
                Example: vigil report --db shift.sqlite --out debrief/   (writes debrief.md and CSV tables)
                """
        )

        @OptionGroup var store: StoreOptions

        @Option(
            help: ArgumentHelp(
                "Also write debrief.md and CSV tables into this folder (made if missing).", valueName: "dir"))
        var out: String?

        @Option(help: "Rows to show on the terminal in each long list.")
        var rows = 20

        @OptionGroup var reader: ReaderOptions

        func run() throws {
            let log = try store.openToRead(reader) { _ in "report of the whole log" }
            let header = try log.header()
            let force = try log.loadedForce()
            var debrief = Debrief(from: force.initialState(at: header.createdAt), at: header.createdAt)
            var seq: Int64 = 0
            while true {
                let page = try log.read(after: seq, limit: 10_000)
                guard let lastRow = page.last else { break }
                for e in page { debrief.add(e.event) }
                seq = lastRow.seq
            }
            let name = URL(fileURLWithPath: store.db).lastPathComponent
            let text = DebriefText(
                debrief, title: "\(name), \(force.force.name)\(header.training ? " (TRAINING)" : "")")
            print(text.markdown(limit: max(0, rows)).terminalSafeLines, terminator: "")
            guard let out else { return }
            do {
                try FileManager.default.createDirectory(atPath: out, withIntermediateDirectories: true)
                let dir = URL(fileURLWithPath: out)
                try Data(text.markdown().utf8).write(to: dir.appendingPathComponent("debrief.md"), options: .atomic)
                for file in text.csvFiles() {
                    try Data(file.text.utf8).write(to: dir.appendingPathComponent(file.name), options: .atomic)
                }
            } catch {
                throw Failure(
                    description: "could not write the debrief into \(out): \((error as NSError).localizedDescription)")
            }
            print("\nWrote debrief.md and \(text.csvFiles().map(\.name).joined(separator: ", ")) to \(out).")
        }
    }
}
