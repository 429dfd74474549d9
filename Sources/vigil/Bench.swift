import ArgumentParser
import VigilBench
import VigilStore

extension Vigil {
    /// Prints benchmark figures; meaningful only on a release build.
    struct Bench: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Measure the dispatch core and the event log, and print figures against their targets.",
            discussion: "Run it on a release build: swift run -c release vigil bench"
        )

        @Flag(help: "Shorter runs, for a smoke test.")
        var quick = false

        @Option(
            help: ArgumentHelp("Run one group only: apply, recommend, store, sim, tui or consoles.", valueName: "group")
        )
        var only: String?

        @Option(
            help: ArgumentHelp(
                "A PostgreSQL administrator's URL: the store and consoles groups then run on fresh databases there (the store's beside SQLite), dropped afterwards.",
                valueName: "url"))
        var db: String?

        func validate() throws {
            if let only, !["apply", "recommend", "store", "sim", "tui", "consoles"].contains(only) {
                throw ValidationError("--only takes apply, recommend, store, sim, tui or consoles")
            }
            if let db, !EventStore.isServerURL(db) {
                throw ValidationError(
                    "--db takes a PostgreSQL administrator's URL (postgres://admin@host:port/postgres)")
            }
        }

        func run() throws {
            #if DEBUG
                print("warning: this is a debug build; figures are only meaningful with -c release")
            #endif
            let figures = try CoreBenchmarks.run(quick: quick, only: only, server: db) { print($0) }
            print("")
            for f in figures { print(f.line) }
            if figures.contains(where: { !$0.met }) { throw ExitCode(1) }
        }
    }
}
