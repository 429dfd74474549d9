import ArgumentParser
import VigilCore
import VigilForce

/// The `--force` option shared by every subcommand that needs a force.
struct ForceOptions: ParsableArguments {
    @Option(
        name: .long,
        help: ArgumentHelp("A force file (TOML) to use instead of the built-in demo force.", valueName: "path"))
    var force: String?

    /// Loads the chosen force, or fails with one sentence naming file, line and field.
    func load() throws -> LoadedForce {
        do throws(TOMLFileError) {
            if let force { return try ForceLoader.load(path: force) }
            return try DemoForce.load()
        } catch {
            throw Failure(description: error.description)
        }
    }
}

/// An error printed as one sentence, with a non-zero exit.
struct Failure: Error, CustomStringConvertible {
    var description: String
    /// Errors often quote what the user or the log gave; they are escaped like any text bound for a terminal.
    init(description: String) { self.description = description.terminalSafe }
}
