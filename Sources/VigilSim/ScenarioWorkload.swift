import VigilCore
import VigilForce

/// What really consumes response capacity beyond travel and time at scene: arrests and custody, write-ups, hospital
/// waits, scene guards, refreshment breaks, jobs that need two units, and grade 3 appointments. Every setting has a
/// stated default (used when a scenario leaves it out), and each shows on consoles as a unit status or in the
/// incident's narrative.
public struct Workload: Hashable, Sendable {
    /// Share of incidents, by category, that end in an arrest: the crew takes the prisoner to custody and stays
    /// through booking-in (status "with prisoner"). Keys are categories (`crime/assault`) or kinds (`crime`).
    public var arrestShare: [String: Double] = [:]
    /// Minutes from leaving the scene with a prisoner to being free again: transport, the custody queue, booking in.
    public var custodyMinutes = Spread(median: 200, p90: 330)
    /// Share of jobs, by category, followed by statements and a crime report; the unit takes grade 1 only meanwhile.
    public var writeUpShare: [String: Double] = [:]
    public var writeUpMinutes = Spread(median: 40, p90: 90)
    /// Share of jobs, by category, where the crew waits with the person at hospital or for a mental-health bed.
    public var hospitalShare: [String: Double] = [:]
    public var hospitalMinutes = Spread(median: 180, p90: 420)
    /// Share of jobs, by category, where one unit stays to guard the scene.
    public var sceneGuardShare: [String: Double] = [:]
    public var sceneGuardMinutes = Spread(median: 240, p90: 480)
    /// Minutes of refreshment per unit per shift (0: none), taken only when at least `refreshmentWhenFree` response
    /// units are free in the unit's area; a grade 1 ends it.
    public var refreshmentMinutes = 45.0
    public var refreshmentWhenFree = 2
    /// Units each category needs at once (domestic abuse and weapons are attended by two; the default is one).
    public var unitsNeeded: [String: Int] = [:]
    /// Free response units each area keeps back for grade 1: a grade 2 waits rather than take the last of them.
    public var reserveForGrade1 = 0
    /// Share of grade 3 incidents booked as an appointment, and how many hours ahead.
    public var appointmentShare = 0.0
    public var appointmentHours = Spread(median: 6, p90: 20)

    public init() {}

    /// The value for `category` in a table keyed by category or kind: the most specific key wins
    /// (`crime/assault+domestic-abuse`, then `crime/assault`, then `crime`).
    static func lookup<T>(_ table: [String: T], _ category: Category) -> T? {
        guard !table.isEmpty else { return nil }
        if let v = table[category.description] { return v }
        if let d = category.detail, let v = table["\(category.kind.rawValue)/\(d)"] { return v }
        return table[category.kind.rawValue]
    }

    func share(_ table: [String: Double], _ category: Category) -> Double { Self.lookup(table, category) ?? 0 }
    func units(for category: Category) -> Int { Self.lookup(unitsNeeded, category) ?? 1 }
}

extension ScenarioFile {
    /// The `[workload]` table: every field optional, defaults as `Workload` states them.
    struct WorkloadRow: Decodable {
        var arrestShare: [String: Number]?
        var custodyMinutes: SpreadRow?
        var writeUpShare: [String: Number]?
        var writeUpMinutes: SpreadRow?
        var hospitalShare: [String: Number]?
        var hospitalMinutes: SpreadRow?
        var sceneGuardShare: [String: Number]?
        var sceneGuardMinutes: SpreadRow?
        var refreshmentMinutes: Number?
        var refreshmentWhenFree: Whole?
        var unitsNeeded: [String: Whole]?
        var reserveForGrade1: Whole?
        var appointmentShare: Number?
        var appointmentHours: SpreadRow?

        enum CodingKeys: String, CodingKey {
            case arrestShare = "arrest_share", custodyMinutes = "custody_minutes", writeUpShare = "write_up_share",
                writeUpMinutes = "write_up_minutes", hospitalShare = "hospital_share",
                hospitalMinutes = "hospital_minutes", sceneGuardShare = "scene_guard_share",
                sceneGuardMinutes = "scene_guard_minutes", refreshmentMinutes = "refreshment_minutes",
                refreshmentWhenFree = "refreshment_when_free", unitsNeeded = "units_needed",
                appointmentShare = "appointment_share", appointmentHours = "appointment_hours",
                reserveForGrade1 = "reserve_for_grade_1"
        }
    }
}

extension ScenarioChecker {
    /// Checks `[workload]`, naming the line and field of any bad value.
    func workload(_ row: ScenarioFile.WorkloadRow?) throws(TOMLFileError) -> Workload {
        var w = Workload()
        guard let row else { return w }
        let base: [PathStep] = [.key("workload")]
        func shares(_ table: [String: Number]?, _ key: String) throws(TOMLFileError) -> [String: Double] {
            var out: [String: Double] = [:]
            for (k, n) in (table ?? [:]).sorted(by: { $0.key < $1.key }) {
                let path = base + [.key(key), .key(k)]
                try categoryKey(k, path)
                out[k] = try number(n, path, 0...1)
            }
            return out
        }
        func span(_ r: ScenarioFile.SpreadRow?, _ key: String, _ fallback: Spread) throws(TOMLFileError) -> Spread {
            try r.map { r throws(TOMLFileError) in try spread(r, base + [.key(key)]) } ?? fallback
        }
        w.arrestShare = try shares(row.arrestShare, "arrest_share")
        w.custodyMinutes = try span(row.custodyMinutes, "custody_minutes", w.custodyMinutes)
        w.writeUpShare = try shares(row.writeUpShare, "write_up_share")
        w.writeUpMinutes = try span(row.writeUpMinutes, "write_up_minutes", w.writeUpMinutes)
        w.hospitalShare = try shares(row.hospitalShare, "hospital_share")
        w.hospitalMinutes = try span(row.hospitalMinutes, "hospital_minutes", w.hospitalMinutes)
        w.sceneGuardShare = try shares(row.sceneGuardShare, "scene_guard_share")
        w.sceneGuardMinutes = try span(row.sceneGuardMinutes, "scene_guard_minutes", w.sceneGuardMinutes)
        if let n = row.refreshmentMinutes {
            w.refreshmentMinutes = try number(n, base + [.key("refreshment_minutes")], 0...240, "minutes")
        }
        if let n = row.refreshmentWhenFree {
            w.refreshmentWhenFree = try count(n, base + [.key("refreshment_when_free")], 0...Limits.people, "units")
        }
        for (k, n) in (row.unitsNeeded ?? [:]).sorted(by: { $0.key < $1.key }) {
            let path = base + [.key("units_needed"), .key(k)]
            try categoryKey(k, path)
            w.unitsNeeded[k] = try count(n, path, 1...20, "units")
        }
        if let n = row.reserveForGrade1 {
            w.reserveForGrade1 = try count(n, base + [.key("reserve_for_grade_1")], 0...Limits.people, "units")
        }
        if let n = row.appointmentShare {
            w.appointmentShare = try number(n, base + [.key("appointment_share")], 0...1)
        }
        w.appointmentHours = try span(row.appointmentHours, "appointment_hours", w.appointmentHours)
        return w
    }

    /// A table key must be a category or a kind, so a typo cannot silently apply to nothing.
    func categoryKey(_ key: String, _ path: [PathStep]) throws(TOMLFileError) {
        if CategoryKind(rawValue: key) != nil { return }
        _ = try category(key, path)
    }
}
