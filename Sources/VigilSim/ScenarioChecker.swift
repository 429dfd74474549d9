import Foundation
import VigilCore
import VigilForce

/// The stated ranges of scenario numbers: wide enough for a force a hundred times the demo's, narrow enough that no
/// file can make a run allocate or loop without bound.
enum Limits {
    static let perDay = 1_000_000.0
    static let weight = 1_000_000.0
    static let people = 100_000
    /// A week: no span of a job (mobilising, at scene, transporting) is longer.
    static let spanMinutes = 10_080.0
}

/// Checks a scenario field by field, so each error names its line.
struct ScenarioChecker {
    let source: TOMLSource

    func fail(_ path: PathStep..., message: String) -> TOMLFileError { source.fail(path, message) }

    /// A number within its stated range (Number has already refused inf and nan), or an error naming the field.
    func number(
        _ n: Number, _ path: [PathStep], _ range: ClosedRange<Double>, _ unit: String = "",
        above lower: Bool = false
    ) throws(TOMLFileError) -> Double {
        let v = n.value
        guard range.contains(v), !(lower && v == range.lowerBound) else {
            let from = lower ? "more than \(range.lowerBound.plain)" : "from \(range.lowerBound.plain)"
            throw source.fail(
                path,
                "found \(v.plain), but it must be \(from) to \(range.upperBound.plain)\(unit.isEmpty ? "" : " " + unit)"
            )
        }
        return v
    }

    /// A whole number from the file within its stated range.
    func count(_ n: Whole, _ path: [PathStep], _ range: ClosedRange<Int>, _ unit: String = "") throws(TOMLFileError)
        -> Int
    {
        try count(n.value, path, range, unit)
    }

    /// A whole number within its stated range.
    func count(_ n: Int, _ path: [PathStep], _ range: ClosedRange<Int>, _ unit: String = "") throws(TOMLFileError)
        -> Int
    {
        guard range.contains(n) else {
            throw source.fail(
                path,
                "found \(n), but it must be from \(range.lowerBound) to \(range.upperBound)\(unit.isEmpty ? "" : " " + unit)"
            )
        }
        return n
    }

    func channel(_ key: String, _ path: [PathStep]) throws(TOMLFileError) -> Channel {
        guard let c = Channel(rawValue: key) else {
            throw source.fail(path + [.key(key)], "`\(key)` is not a channel; use 999, 101 or online")
        }
        return c
    }

    func channelTable(_ table: [String: Number], _ path: [PathStep], fractions: Bool) throws(TOMLFileError) -> [Channel:
        Double]
    {
        var out: [Channel: Double] = [:]
        for (k, n) in table.sorted(by: { $0.key < $1.key }) {
            let c = try channel(k, path)
            out[c] = try number(n, path + [.key(k)], fractions ? 0...1 : 0...Limits.weight)
        }
        return out
    }

    func spread(_ row: ScenarioFile.SpreadRow, _ path: [PathStep]) throws(TOMLFileError) -> Spread {
        switch (row.median?.value, row.p90?.value, row.mean?.value) {
        case (nil, nil, _?):
            return .exponential(mean: try number(row.mean!, path + [.key("mean")], 0...Limits.spanMinutes, "minutes"))
        case (_?, _?, nil):
            let median = try number(
                row.median!, path + [.key("median")], 0...Limits.spanMinutes, "minutes", above: true)
            let p90 = try number(row.p90!, path + [.key("p90")], 0...Limits.spanMinutes, "minutes", above: true)
            guard p90 >= median else { throw source.fail(path, "needs 0 < median ≤ p90 (minutes)") }
            return Spread(median: median, p90: p90)
        default:
            throw source.fail(
                path, "give either `median` and `p90` (log-normal) or `mean` alone (exponential), in minutes")
        }
    }

    func category(_ text: String, _ path: [PathStep]) throws(TOMLFileError) -> Category {
        switch Category.parse(text) {
        case .success(let c): return c
        case .failure(let e):
            throw source.fail(path, e.message + (e.suggestion.map { "; did you mean `\($0)`?" } ?? ""))
        }
    }

    func minuteOfDay(_ text: String, _ path: [PathStep]) throws(TOMLFileError) -> Int {
        let parts = text.split(separator: ":").map { Int($0) }
        guard parts.count == 2, let h = parts[0], let m = parts[1], (0..<24).contains(h), (0..<60).contains(m) else {
            throw source.fail(path, "`\(text)` is not a time of day; write it as HH:MM, e.g. 07:00")
        }
        return h * 60 + m
    }

    func build(_ raw: ScenarioFile) throws(TOMLFileError) -> Scenario {
        guard let start = Instant(ukLocal: raw.start) else {
            throw fail(
                .key("start"), message: "`\(raw.start)` is not a date and time; write it as 2026-11-25T07:00 (UK local)"
            )
        }
        guard raw.hours.value > 0, raw.hours.value <= 24 * 14 else {
            throw fail(.key("hours"), message: "must be more than 0 and at most two weeks (336)")
        }
        let d = raw.demand
        let demand: [PathStep] = [.key("demand")]
        // Demand is bounded up front: a run allocates and loops in proportion to it.
        let incidentsPerDay = try number(d.incidentsPerDay, demand + [.key("incidents_per_day")], 1...Limits.perDay)
        let contactsPerDay = try d.contactsPerDay.map { n throws(TOMLFileError) in
            try number(n, demand + [.key("contacts_per_day")], 1...2 * Limits.perDay)
        }
        let selfGenerated =
            try d.selfGeneratedPerDay.map { n throws(TOMLFileError) in
                try number(n, demand + [.key("self_generated_per_day")], 0...Limits.perDay)
            } ?? 0
        let weekendFactor =
            try d.weekendFactor.map { n throws(TOMLFileError) in
                try number(n, demand + [.key("weekend_factor")], 0...10, above: true)
            } ?? 1
        var hourly: [Double] = []
        for (i, n) in d.hourly.enumerated() {
            hourly.append(try number(n, demand + [.key("hourly"), .index(i)], 0...Limits.weight))
        }
        guard hourly.count == 24, hourly.reduce(0, +) > 0 else {
            throw fail(
                .key("demand"), .key("hourly"), message: "needs 24 weights, one per hour from midnight, not all zero")
        }
        guard (0..<1).contains(d.duplicateShare.value) else {
            throw fail(.key("demand"), .key("duplicate_share"), message: "must be from 0 up to (not including) 1")
        }
        var grades: [Grade: Double] = [:]
        for (k, n) in d.grades.sorted(by: { $0.key < $1.key }) {
            guard
                let g = [
                    "emergency": Grade.emergency, "priority": .priority, "scheduled": .scheduled,
                    "resolution": .resolution,
                ][k]
            else {
                throw fail(
                    .key("demand"), .key("grades"), .key(k),
                    message: "`\(k)` is not a grade; use emergency, priority, scheduled or resolution")
            }
            grades[g] = try number(n, demand + [.key("grades"), .key(k)], 0...Limits.weight)
        }
        guard grades.values.reduce(0, +) > 0 else {
            throw fail(.key("demand"), .key("grades"), message: "needs at least one grade with weight")
        }
        let channels = try channelTable(d.channels, [.key("demand"), .key("channels")], fractions: false)
        guard channels.values.reduce(0, +) > 0 else {
            throw fail(.key("demand"), .key("channels"), message: "needs at least one channel with weight")
        }
        let resolve = try channelTable(
            d.resolveWithoutIncident, [.key("demand"), .key("resolve_without_incident")], fractions: true)
        guard !raw.categories.isEmpty else {
            throw fail(.key("categories"), message: "needs at least one [[categories]] entry")
        }
        var categories: [Scenario.WeightedCategory] = []
        for (i, row) in raw.categories.enumerated() {
            _ = try number(row.weight, [.key("categories"), .index(i), .key("weight")], 0...Limits.weight, above: true)
            categories.append(
                .init(
                    category: try category(row.category, [.key("categories"), .index(i), .key("category")]),
                    weight: row.weight.value))
        }
        let answerAfter =
            try raw.handling.answerAfterSeconds.map { n throws(TOMLFileError) in
                try number(n, [.key("handling"), .key("answer_after_seconds")], 0...3_600, "seconds")
            } ?? 0
        let handlers = try count(raw.handling.handlers, [.key("handling"), .key("handlers")], 0...Limits.people)
        var handling: [Channel: Double] = [:]
        for (k, n) in raw.handling.meanSeconds.sorted(by: { $0.key < $1.key }) {
            let path: [PathStep] = [.key("handling"), .key("mean_seconds"), .key(k)]
            handling[try channel(k, Array(path.dropLast()))] = try number(n, path, 0...86_400, "seconds")
        }
        for c in Channel.allCases where (handling[c] ?? 0) <= 0 {
            throw fail(
                .key("handling"), .key("mean_seconds"),
                message: "needs a mean above 0 seconds for each of 999, 101 and online")
        }
        var onScene: [CategoryKind: Spread] = [:]
        for (k, row) in raw.onScene.sorted(by: { $0.key < $1.key }) {
            guard let kind = CategoryKind(rawValue: k) else {
                throw fail(
                    .key("on_scene"), .key(k),
                    message:
                        "`\(k)` is not a category; use \(CategoryKind.allCases.map(\.rawValue).joined(separator: ", "))"
                )
            }
            onScene[kind] = try spread(row, [.key("on_scene"), .key(k)])
        }
        for kind in CategoryKind.allCases where onScene[kind] == nil {
            throw fail(.key("on_scene"), message: "needs a median and p90 for \(kind.rawValue)")
        }
        let dispatch = raw.dispatch
        let transportShare = try number(dispatch.transportShare, [.key("dispatch"), .key("transport_share")], 0...1)
        guard !raw.shifts.isEmpty else { throw fail(.key("shifts"), message: "needs at least one [[shifts]] entry") }
        var shifts: [Scenario.Shift] = []
        for (i, row) in raw.shifts.enumerated() {
            let response = try count(
                row.response, [.key("shifts"), .index(i), .key("response")], 0...Limits.people, "units")
            let neighbourhood = try count(
                row.neighbourhood, [.key("shifts"), .index(i), .key("neighbourhood")], 0...Limits.people, "units")
            var byArea: [AreaID: Scenario.AreaShift] = [:]
            for (area, a) in (row.areas ?? [:]).sorted(by: { $0.key < $1.key }) {
                let path: [PathStep] = [.key("shifts"), .index(i), .key("areas"), .key(area)]
                byArea[area] = Scenario.AreaShift(
                    response: try a.response.map { n throws(TOMLFileError) in
                        try count(n, path + [.key("response")], 0...response, "units (at most the shift's)")
                    },
                    neighbourhood: try a.neighbourhood.map { n throws(TOMLFileError) in
                        try count(n, path + [.key("neighbourhood")], 0...neighbourhood, "units (at most the shift's)")
                    })
            }
            shifts.append(
                .init(
                    startMinute: try minuteOfDay(row.start, [.key("shifts"), .index(i), .key("start")]),
                    response: response, neighbourhood: neighbourhood, byArea: byArea))
        }
        shifts.sort { $0.startMinute < $1.startMinute }
        var injects: [Scenario.Inject] = []
        for (i, row) in (raw.injects ?? []).enumerated() {
            let path: [PathStep] = [.key("injects"), .index(i)]
            guard let at = Instant(ukLocal: row.at) else {
                throw source.fail(
                    path + [.key("at")], "`\(row.at)` is not a date and time; write it as 2026-11-25T19:30 (UK local)")
            }
            func need<T>(_ v: T?, _ key: String) throws(TOMLFileError) -> T {
                guard let v else { throw source.fail(path + [.key("kind")], "a \(row.kind) inject needs `\(key)`") }
                return v
            }
            let kind: Scenario.Inject.Kind
            switch row.kind {
            case "major-incident":
                let loc = try need(row.location, "location")
                guard loc.count == 2 else {
                    throw source.fail(path + [.key("location")], "expected [latitude, longitude]")
                }
                let lat = try number(loc[0], path + [.key("location"), .index(0)], -90...90, "degrees latitude")
                let lon = try number(loc[1], path + [.key("location"), .index(1)], -180...180, "degrees longitude")
                kind = .majorIncident(
                    location: GeoPoint(lat: lat, lon: lon), address: try need(row.address, "address"),
                    category: try category(try need(row.category, "category"), path + [.key("category")]),
                    calls: try count(try need(row.calls, "calls"), path + [.key("calls")], 1...10_000, "calls"),
                    overMinutes: try count(
                        row.overMinutes?.value ?? 15, path + [.key("over_minutes")], 1...1_440, "minutes"),
                    units: try count(row.units?.value ?? 4, path + [.key("units")], 1...1_000, "units"))
            case "breakdown": kind = .breakdown(try need(row.unit, "unit"))
            case "surge":
                kind = .surge(
                    factor: try number(try need(row.factor, "factor"), path + [.key("factor")], 0...100),
                    minutes: try count(try need(row.minutes, "minutes"), path + [.key("minutes")], 1...1_440, "minutes")
                )
            case "phone-outage":
                kind = .phoneOutage(
                    minutes: try count(try need(row.minutes, "minutes"), path + [.key("minutes")], 1...1_440, "minutes")
                )
            case "mutual-aid":
                kind = .mutualAid(
                    partner: try need(row.partner, "partner"),
                    units: try count(try need(row.units, "units"), path + [.key("units")], 1...99, "units"),
                    arriveMinutes: try count(
                        row.arriveMinutes?.value ?? 60, path + [.key("arrive_minutes")], 0...1_440, "minutes"),
                    hours: try number(row.hours ?? Number(8), path + [.key("hours")], 0.25...48, "hours"))
            default:
                throw source.fail(
                    path + [.key("kind")],
                    "`\(row.kind)` is not an inject; use major-incident, breakdown, surge, phone-outage or mutual-aid")
            }
            injects.append(.init(at: at, kind: kind, label: row.label ?? row.kind))
        }
        var scenario = Scenario(
            name: raw.name, description: raw.description ?? "", force: raw.force ?? "demo", start: start,
            hours: raw.hours.value,
            seed: UInt64(max(0, raw.seed?.value ?? 1)), incidentsPerDay: incidentsPerDay,
            selfGeneratedPerDay: selfGenerated, contactsPerDay: contactsPerDay, hourly: hourly,
            weekendFactor: weekendFactor, duplicateShare: d.duplicateShare.value, gradeMix: grades,
            channelMix: channels,
            resolveShare: resolve, categories: categories, callHandlers: handlers,
            answerAfterSeconds: answerAfter, handlingSeconds: handling,
            autoDispatch: dispatch.auto,
            mobiliseMinutes: try spread(dispatch.mobiliseMinutes, [.key("dispatch"), .key("mobilise_minutes")]),
            onSceneMinutes: onScene, transportShare: transportShare,
            transportMinutes: try spread(dispatch.transportMinutes, [.key("dispatch"), .key("transport_minutes")]),
            deskResolutionMinutes: try spread(
                dispatch.deskResolutionMinutes, [.key("dispatch"), .key("desk_resolution_minutes")]),
            shifts: shifts,
            handoverMinutes: try count(
                raw.handoverMinutes?.value ?? 30, [.key("handover_minutes")], 0...240, "minutes"),
            injects: injects.sorted { $0.at < $1.at })
        scenario.workload = try workload(raw.workload)
        return scenario
    }
}
