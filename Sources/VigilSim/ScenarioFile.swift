import Foundation
import VigilCore
import VigilForce

/// The TOML shape of a scenario file, before checking.
struct ScenarioFile: Decodable {
    var name: String
    var description: String?
    var force: String?
    var start: String
    var hours: Number
    var seed: Whole?
    var demand: Demand
    var categories: [CategoryRow]
    var handling: Handling
    var dispatch: Dispatch
    var onScene: [String: SpreadRow]
    var shifts: [ShiftRow]
    var handoverMinutes: Whole?
    var injects: [InjectRow]?
    var workload: WorkloadRow?

    struct Demand: Decodable {
        var incidentsPerDay: Number
        var contactsPerDay: Number?
        var selfGeneratedPerDay: Number?
        var hourly: [Number]
        var weekendFactor: Number?
        var duplicateShare: Number
        var grades: [String: Number]
        var channels: [String: Number]
        var resolveWithoutIncident: [String: Number]

        enum CodingKeys: String, CodingKey {
            case incidentsPerDay = "incidents_per_day", contactsPerDay = "contacts_per_day", selfGeneratedPerDay =
                "self_generated_per_day", hourly, weekendFactor = "weekend_factor", duplicateShare = "duplicate_share",
                grades, channels, resolveWithoutIncident = "resolve_without_incident"
        }
    }
    struct CategoryRow: Decodable { var category: String; var weight: Number }
    struct Handling: Decodable {
        var handlers: Whole; var meanSeconds: [String: Number]; var answerAfterSeconds: Number?;
        enum CodingKeys: String, CodingKey {
            case handlers, meanSeconds = "mean_seconds", answerAfterSeconds = "answer_after_seconds"
        }
    }
    struct Dispatch: Decodable {
        var auto: Bool
        var mobiliseMinutes: SpreadRow
        var transportShare: Number
        var transportMinutes: SpreadRow
        var deskResolutionMinutes: SpreadRow

        enum CodingKeys: String, CodingKey {
            case auto, mobiliseMinutes = "mobilise_minutes", transportShare = "transport_share", transportMinutes =
                "transport_minutes", deskResolutionMinutes = "desk_resolution_minutes"
        }
    }
    /// `{ median, p90 }` for a log-normal span, or `{ mean }` for an exponential one.
    struct SpreadRow: Decodable { var median: Number?; var p90: Number?; var mean: Number? }
    struct ShiftRow: Decodable {
        var start: String; var response: Whole; var neighbourhood: Whole
        /// Areas staffed differently from their share, e.g. `{ walsall = { response = 12 } }`.
        var areas: [String: AreaShiftRow]?
    }
    struct AreaShiftRow: Decodable { var response: Whole?; var neighbourhood: Whole? }
    struct InjectRow: Decodable {
        var at: String
        var kind: String
        var label: String?
        var location: [Number]?
        var address: String?
        var category: String?
        var calls: Whole?
        var overMinutes: Whole?
        var units: Whole?
        var unit: String?
        var factor: Number?
        var minutes: Whole?
        var partner: String?
        var arriveMinutes: Whole?
        var hours: Number?

        enum CodingKeys: String, CodingKey {
            case at, kind, label, location, address, category, calls, overMinutes = "over_minutes", units, unit, factor,
                minutes, partner, arriveMinutes = "arrive_minutes", hours
        }
    }

    enum CodingKeys: String, CodingKey {
        case name, description, force, start, hours, seed, demand, categories, handling, dispatch, onScene = "on_scene",
            shifts, handoverMinutes = "handover_minutes", injects, workload
    }
}

/// Reads scenario files: TOML in, a checked `Scenario` out, or one error naming file, line and field.
public enum ScenarioLoader {
    /// The scenarios shipped with Vigil.
    public static let builtIns = ["weekday", "friday-night", "major-incident"]

    /// The text of a built-in scenario.
    public static func builtInText(_ name: String) throws(TOMLFileError) -> String {
        guard let url = Bundle.module.url(forResource: name, withExtension: "toml", subdirectory: "scenarios"),
            let text = try? String(contentsOf: url, encoding: .utf8)
        else {
            throw TOMLFileError(
                file: name, line: nil, field: nil, message: "the built-in scenario is missing from this build")
        }
        return text
    }

    /// A built-in scenario by name, or a file by path.
    public static func load(_ nameOrPath: String) throws(TOMLFileError) -> Scenario {
        if builtIns.contains(nameOrPath) { return try parse(try builtInText(nameOrPath), file: "\(nameOrPath).toml") }
        let text = try TOMLSource.readText(
            path: nameOrPath, missing: "no such file; give a path or one of \(builtIns.joined(separator: ", "))")
        var scenario = try parse(text, file: nameOrPath)
        if scenario.force != "demo", !scenario.force.hasPrefix("/") {
            scenario.force =
                (URL(fileURLWithPath: nameOrPath).deletingLastPathComponent().appendingPathComponent(scenario.force))
                .path
        }
        return scenario
    }

    /// Parses scenario text; `file` names it in errors.
    public static func parse(_ text: String, file: String) throws(TOMLFileError) -> Scenario {
        let source = TOMLSource(text: text, file: file)
        let raw = try source.decode(ScenarioFile.self, from: text, what: "a scenario")
        return try ScenarioChecker(source: source).build(raw)
    }
}
