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
    var seed: Int?
    var demand: Demand
    var categories: [CategoryRow]
    var handling: Handling
    var dispatch: Dispatch
    var on_scene: [String: SpreadRow]
    var shifts: [ShiftRow]
    var handover_minutes: Int?
    var injects: [InjectRow]?

    struct Demand: Decodable {
        var incidents_per_day: Number
        var contacts_per_day: Number?
        var self_generated_per_day: Number?
        var hourly: [Number]
        var weekend_factor: Number?
        var duplicate_share: Number
        var grades: [String: Number]
        var channels: [String: Number]
        var resolve_without_incident: [String: Number]
    }
    struct CategoryRow: Decodable { var category: String; var weight: Number }
    struct Handling: Decodable { var handlers: Int; var mean_seconds: [String: Number]; var answer_after_seconds: Number? }
    struct Dispatch: Decodable {
        var auto: Bool
        var mobilise_minutes: SpreadRow
        var transport_share: Number
        var transport_minutes: SpreadRow
        var desk_resolution_minutes: SpreadRow
    }
    /// `{ median, p90 }` for a log-normal span, or `{ mean }` for an exponential one.
    struct SpreadRow: Decodable { var median: Number?; var p90: Number?; var mean: Number? }
    struct ShiftRow: Decodable { var start: String; var response: Int; var neighbourhood: Int }
    struct InjectRow: Decodable {
        var at: String
        var kind: String
        var label: String?
        var location: [Number]?
        var address: String?
        var category: String?
        var calls: Int?
        var over_minutes: Int?
        var units: Int?
        var unit: String?
        var factor: Number?
        var minutes: Int?
    }
}

/// Reads scenario files: TOML in, a checked `Scenario` out, or one error naming file, line and field.
public enum ScenarioLoader {
    /// The scenarios shipped with Vigil.
    public static let builtIns = ["weekday", "friday-night", "major-incident"]

    /// The text of a built-in scenario.
    public static func builtInText(_ name: String) throws(ForceFileError) -> String {
        guard let url = Bundle.module.url(forResource: name, withExtension: "toml", subdirectory: "scenarios"),
              let text = try? String(contentsOf: url, encoding: .utf8) else {
            throw ForceFileError(file: name, line: nil, field: nil, message: "the built-in scenario is missing from this build")
        }
        return text
    }

    /// A built-in scenario by name, or a file by path.
    public static func load(_ nameOrPath: String) throws(ForceFileError) -> Scenario {
        if builtIns.contains(nameOrPath) { return try parse(try builtInText(nameOrPath), file: "\(nameOrPath).toml") }
        let text = try TOMLSource.readText(path: nameOrPath, missing: "no such file; give a path or one of \(builtIns.joined(separator: ", "))")
        var scenario = try parse(text, file: nameOrPath)
        if scenario.force != "demo", !scenario.force.hasPrefix("/") {
            scenario.force = (URL(fileURLWithPath: nameOrPath).deletingLastPathComponent().appendingPathComponent(scenario.force)).path
        }
        return scenario
    }

    /// Parses scenario text; `file` names it in errors.
    public static func parse(_ text: String, file: String) throws(ForceFileError) -> Scenario {
        let source = TOMLSource(text: text, file: file)
        let raw = try source.decode(ScenarioFile.self, from: text, what: "a scenario")
        return try ScenarioChecker(source: source).build(raw)
    }
}

/// Checks a scenario field by field, so each error names its line.
struct ScenarioChecker {
    let source: TOMLSource

    func fail(_ path: PathStep..., message: String) -> ForceFileError { source.fail(path, message) }

    func channel(_ key: String, _ path: [PathStep]) throws(ForceFileError) -> Channel {
        guard let c = Channel(rawValue: key) else { throw source.fail(path + [.key(key)], "`\(key)` is not a channel; use 999, 101 or online") }
        return c
    }

    func channelTable(_ table: [String: Number], _ path: [PathStep], fractions: Bool) throws(ForceFileError) -> [Channel: Double] {
        var out: [Channel: Double] = [:]
        for (k, n) in table.sorted(by: { $0.key < $1.key }) {
            let v = n.value
            let c = try channel(k, path)
            guard v >= 0, !fractions || v <= 1 else { throw source.fail(path + [.key(k)], fractions ? "must be between 0 and 1" : "must not be negative") }
            out[c] = v
        }
        return out
    }

    func spread(_ row: ScenarioFile.SpreadRow, _ path: [PathStep]) throws(ForceFileError) -> Spread {
        switch (row.median?.value, row.p90?.value, row.mean?.value) {
        case (nil, nil, let mean?):
            guard mean >= 0 else { throw source.fail(path + [.key("mean")], "must not be negative (minutes)") }
            return .exponential(mean: mean)
        case (let median?, let p90?, nil):
            guard median > 0, p90 >= median else { throw source.fail(path, "needs 0 < median ≤ p90 (minutes)") }
            return Spread(median: median, p90: p90)
        default:
            throw source.fail(path, "give either `median` and `p90` (log-normal) or `mean` alone (exponential), in minutes")
        }
    }

    func category(_ text: String, _ path: [PathStep]) throws(ForceFileError) -> Category {
        switch Category.parse(text) {
        case .success(let c): return c
        case .failure(let e): throw source.fail(path, e.message + (e.suggestion.map { "; did you mean `\($0)`?" } ?? ""))
        }
    }

    func minuteOfDay(_ text: String, _ path: [PathStep]) throws(ForceFileError) -> Int {
        let parts = text.split(separator: ":").map { Int($0) }
        guard parts.count == 2, let h = parts[0], let m = parts[1], (0..<24).contains(h), (0..<60).contains(m) else {
            throw source.fail(path, "`\(text)` is not a time of day; write it as HH:MM, e.g. 07:00")
        }
        return h * 60 + m
    }

    func build(_ raw: ScenarioFile) throws(ForceFileError) -> Scenario {
        guard let start = Instant(ukLocal: raw.start) else {
            throw fail(.key("start"), message: "`\(raw.start)` is not a date and time; write it as 2026-11-25T07:00 (UK local)")
        }
        guard raw.hours.value > 0, raw.hours.value <= 24 * 14 else { throw fail(.key("hours"), message: "must be more than 0 and at most two weeks (336)") }
        let d = raw.demand
        let hourly = d.hourly.map(\.value)
        guard d.incidents_per_day.value > 0 else { throw fail(.key("demand"), .key("incidents_per_day"), message: "must be more than 0") }
        if let c = d.contacts_per_day, !(c.value > 0) { throw fail(.key("demand"), .key("contacts_per_day"), message: "must be more than 0") }
        if let c = d.self_generated_per_day, !(c.value >= 0) { throw fail(.key("demand"), .key("self_generated_per_day"), message: "must not be negative") }
        guard hourly.count == 24, hourly.allSatisfy({ $0 >= 0 }), hourly.reduce(0, +) > 0 else {
            throw fail(.key("demand"), .key("hourly"), message: "needs 24 weights, one per hour from midnight, not all zero")
        }
        guard (0..<1).contains(d.duplicate_share.value) else { throw fail(.key("demand"), .key("duplicate_share"), message: "must be from 0 up to (not including) 1") }
        var grades: [Grade: Double] = [:]
        for (k, n) in d.grades.sorted(by: { $0.key < $1.key }) {
            let v = n.value
            guard let g = ["emergency": Grade.emergency, "priority": .priority, "scheduled": .scheduled, "resolution": .resolution][k] else {
                throw fail(.key("demand"), .key("grades"), .key(k), message: "`\(k)` is not a grade; use emergency, priority, scheduled or resolution")
            }
            guard v >= 0 else { throw fail(.key("demand"), .key("grades"), .key(k), message: "must not be negative") }
            grades[g] = v
        }
        guard grades.values.reduce(0, +) > 0 else { throw fail(.key("demand"), .key("grades"), message: "needs at least one grade with weight") }
        let channels = try channelTable(d.channels, [.key("demand"), .key("channels")], fractions: false)
        guard channels.values.reduce(0, +) > 0 else { throw fail(.key("demand"), .key("channels"), message: "needs at least one channel with weight") }
        let resolve = try channelTable(d.resolve_without_incident, [.key("demand"), .key("resolve_without_incident")], fractions: true)
        guard !raw.categories.isEmpty else { throw fail(.key("categories"), message: "needs at least one [[categories]] entry") }
        var categories: [Scenario.WeightedCategory] = []
        for (i, row) in raw.categories.enumerated() {
            guard row.weight.value > 0 else { throw fail(.key("categories"), .index(i), .key("weight"), message: "must be more than 0") }
            categories.append(.init(category: try category(row.category, [.key("categories"), .index(i), .key("category")]), weight: row.weight.value))
        }
        if let a = raw.handling.answer_after_seconds, !(a.value >= 0) {
            throw fail(.key("handling"), .key("answer_after_seconds"), message: "must not be negative")
        }
        guard raw.handling.handlers >= 0 else { throw fail(.key("handling"), .key("handlers"), message: "must not be negative") }
        let handling = try channelTable(raw.handling.mean_seconds, [.key("handling"), .key("mean_seconds")], fractions: false)
        for c in Channel.allCases where (handling[c] ?? 0) <= 0 {
            throw fail(.key("handling"), .key("mean_seconds"), message: "needs a mean above 0 seconds for each of 999, 101 and online")
        }
        var onScene: [CategoryKind: Spread] = [:]
        for (k, row) in raw.on_scene.sorted(by: { $0.key < $1.key }) {
            guard let kind = CategoryKind(rawValue: k) else {
                throw fail(.key("on_scene"), .key(k), message: "`\(k)` is not a category; use \(CategoryKind.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            onScene[kind] = try spread(row, [.key("on_scene"), .key(k)])
        }
        for kind in CategoryKind.allCases where onScene[kind] == nil {
            throw fail(.key("on_scene"), message: "needs a median and p90 for \(kind.rawValue)")
        }
        let dispatch = raw.dispatch
        guard (0...1).contains(dispatch.transport_share.value) else { throw fail(.key("dispatch"), .key("transport_share"), message: "must be between 0 and 1") }
        guard !raw.shifts.isEmpty else { throw fail(.key("shifts"), message: "needs at least one [[shifts]] entry") }
        var shifts: [Scenario.Shift] = []
        for (i, row) in raw.shifts.enumerated() {
            guard row.response >= 0, row.neighbourhood >= 0 else {
                throw fail(.key("shifts"), .index(i), .key("response"), message: "unit counts must not be negative")
            }
            shifts.append(.init(startMinute: try minuteOfDay(row.start, [.key("shifts"), .index(i), .key("start")]),
                                response: row.response, neighbourhood: row.neighbourhood))
        }
        shifts.sort { $0.startMinute < $1.startMinute }
        var injects: [Scenario.Inject] = []
        for (i, row) in (raw.injects ?? []).enumerated() {
            let path: [PathStep] = [.key("injects"), .index(i)]
            guard let at = Instant(ukLocal: row.at) else {
                throw source.fail(path + [.key("at")], "`\(row.at)` is not a date and time; write it as 2026-11-25T19:30 (UK local)")
            }
            func need<T>(_ v: T?, _ key: String) throws(ForceFileError) -> T {
                guard let v else { throw source.fail(path + [.key("kind")], "a \(row.kind) inject needs `\(key)`") }
                return v
            }
            let kind: Scenario.Inject.Kind
            switch row.kind {
            case "major-incident":
                let loc = try need(row.location, "location")
                guard loc.count == 2 else { throw source.fail(path + [.key("location")], "expected [latitude, longitude]") }
                kind = .majorIncident(location: GeoPoint(lat: loc[0].value, lon: loc[1].value), address: try need(row.address, "address"),
                                      category: try category(try need(row.category, "category"), path + [.key("category")]),
                                      calls: max(1, try need(row.calls, "calls")), overMinutes: max(1, row.over_minutes ?? 15),
                                      units: max(1, row.units ?? 4))
            case "breakdown": kind = .breakdown(try need(row.unit, "unit"))
            case "surge": kind = .surge(factor: max(0, try need(row.factor, "factor").value), minutes: max(1, try need(row.minutes, "minutes")))
            case "phone-outage": kind = .phoneOutage(minutes: max(1, try need(row.minutes, "minutes")))
            default:
                throw source.fail(path + [.key("kind")], "`\(row.kind)` is not an inject; use major-incident, breakdown, surge or phone-outage")
            }
            injects.append(.init(at: at, kind: kind, label: row.label ?? row.kind))
        }
        return Scenario(
            name: raw.name, description: raw.description ?? "", force: raw.force ?? "demo", start: start, hours: raw.hours.value,
            seed: UInt64(max(0, raw.seed ?? 1)), incidentsPerDay: d.incidents_per_day.value,
            selfGeneratedPerDay: d.self_generated_per_day?.value ?? 0, contactsPerDay: d.contacts_per_day?.value, hourly: hourly,
            weekendFactor: d.weekend_factor?.value ?? 1, duplicateShare: d.duplicate_share.value, gradeMix: grades, channelMix: channels,
            resolveShare: resolve, categories: categories, callHandlers: raw.handling.handlers,
            answerAfterSeconds: raw.handling.answer_after_seconds?.value ?? 0, handlingSeconds: handling,
            autoDispatch: dispatch.auto, mobiliseMinutes: try spread(dispatch.mobilise_minutes, [.key("dispatch"), .key("mobilise_minutes")]),
            onSceneMinutes: onScene, transportShare: dispatch.transport_share.value,
            transportMinutes: try spread(dispatch.transport_minutes, [.key("dispatch"), .key("transport_minutes")]),
            deskResolutionMinutes: try spread(dispatch.desk_resolution_minutes, [.key("dispatch"), .key("desk_resolution_minutes")]),
            shifts: shifts, handoverMinutes: max(0, raw.handover_minutes ?? 30), injects: injects.sorted { $0.at < $1.at })
    }
}
