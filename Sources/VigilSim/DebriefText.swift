import Foundation
import VigilCore

/// The debrief written out: Markdown for people (also what the terminal shows) and CSV tables for analysts.
public struct DebriefText: Sendable {
    public let debrief: Debrief
    public let title: String
    /// When the shift is judged to end: breaches still open count up to here.
    public let end: Instant
    /// The scenario's inject labels, in order, when known (a training shift's console knows its scenario).
    public let injectLabels: [String]

    public init(_ debrief: Debrief, title: String, end: Instant? = nil, injectLabels: [String] = []) {
        self.debrief = debrief
        self.title = title
        self.injectLabels = injectLabels
        self.end = end ?? debrief.last ?? debrief.state.lastEventAt ?? Instant(seconds: 0)
    }

    /// The whole debrief in Markdown; `limit` caps the long lists (breaches, off-recommendation choices).
    public func markdown(limit: Int = .max) -> String {
        let d = debrief, s = d.stats
        var out: [String] = ["# Debrief: \(title)", ""]
        if let first = d.first {
            out.append(
                "\(local(first)) to \(local(end)); \(s.incidents) incidents from \(s.contacts) contacts; \(s.events) events."
            )
        } else {
            out.append("No events yet.")
        }
        out += [
            "", "## Response against targets", "",
            "| grade | raised | attended | median min | 90th min | target | within target |",
            "|---|---:|---:|---:|---:|---|---:|",
        ]
        for g in [Grade.emergency, .priority, .scheduled] {
            let p = Percentiles(s.responseMinutes[g] ?? [])
            let target = g == .emergency ? "15 min (20 rural)" : g == .priority ? "60 min" : "48 h"
            out.append(
                "| \(g.rawValue) \(g.name) | \(s.incidentsByGrade[g] ?? 0) | \(p.count) | \(f1(p.median)) | \(f1(p.p90)) | \(target) | \(pct(s.withinTargetShare(g, until: end), of: s.judged(g, until: end))) |"
            )
        }
        if !d.injects.isEmpty || !injectLabels.isEmpty {
            out += ["", "## Injects fired (\(d.injects.count))", ""]
            if d.injects.isEmpty {
                out.append("None fired.")
            } else {
                out += ["| time | inject | fired by | |", "|---|---|---|---|"]
                for i in d.injects {
                    let label = injectLabels.indices.contains(i.inject - 1) ? injectLabels[i.inject - 1] : ""
                    out.append(
                        "| \(local(i.at)) | \(i.inject) \(label) | \(i.operatorID) | \(i.repeated ? "again" : "") |")
                }
            }
        }
        let breaches = d.breaches(by: end)
        out += ["", "## Breaches (\(breaches.count))", ""]
        if breaches.isEmpty {
            out.append("None: every attended incident met its target, and none still open is past it.")
        } else {
            out += [
                "| incident | grade | category | area | raised | first at scene | minutes | units |",
                "|---|---|---|---|---|---|---:|---|",
            ]
            for b in breaches.prefix(limit) {
                out.append(
                    "| \(b.ref) | \(b.grade.rawValue) | \(b.category) | \(b.area) | \(local(b.since)) | \(b.firstAtScene.map(local) ?? "not attended") | \(f1(b.responseMinutes(until: end))) | \(b.units.map(\.description).joined(separator: " ")) |"
                )
            }
            if breaches.count > limit {
                out += ["", "… and \(breaches.count - limit) more (all of them in breaches.csv with `--out`)."]
            }
        }
        out += [
            "", "## Calls answered", "", "| channel | answered | median s | 90th s | within 10 s |",
            "|---|---:|---:|---:|---:|",
        ]
        for c in Channel.allCases {
            let waits = s.answerSeconds[c] ?? []
            let p = Percentiles(waits)
            let quick = waits.isEmpty ? 0 : Double(waits.filter { $0 <= 10 }.count) / Double(waits.count)
            out.append("| \(c.rawValue) | \(p.count) | \(f0(p.median)) | \(f0(p.p90)) | \(pct(quick, of: p.count)) |")
        }
        out += [
            "", "## By operator", "",
            "Calls each answered and how long they had rung; incidents raised at the grade the call warranted (where a",
            "simulator knew it); time from raising to the first unit each sent, by grade; grade 1 and 2 incidents that",
            "breached while waiting on a desk they held.", "",
            "| operator | calls | median ring s | graded right | grade 1 first unit min | grade 2 first unit min | desk breaches |",
            "|---|---:|---:|---:|---:|---:|---:|",
        ]
        let desks = d.deskScores(by: end)
        for id in Set(d.answerSeconds.keys).union(d.firstUnitMinutes.keys).union(d.grading.keys).union(desks.keys)
            .sorted()
        {
            let rings = Percentiles(d.answerSeconds[id] ?? [])
            let first = d.firstUnitMinutes[id] ?? [:]
            func median(_ g: Grade) -> String {
                let p = Percentiles(first[g] ?? [])
                return p.count == 0 ? "–" : "\(f1(p.median)) (\(p.count))"
            }
            let graded = d.grading[id].map { "\($0.right)/\($0.raised)" } ?? "–"
            out.append(
                "| \(id) | \(rings.count) | \(rings.count == 0 ? "–" : f0(rings.median)) | \(graded) | \(median(.emergency)) | \(median(.priority)) | \(desks[id].map { "\($0.breached)/\($0.incidents)" } ?? "–") |"
            )
        }
        let waiting = d.unresourcedMinutes(until: end)
        out += [
            "", "## Unresourced time", "", "Minutes from raising (or regrading) to the first unit assigned.", "",
            "| grade | incidents | median | 90th | longest | total hours |", "|---|---:|---:|---:|---:|---:|",
        ]
        for g in [Grade.emergency, .priority, .scheduled] {
            let m = waiting[g] ?? []
            let p = Percentiles(m)
            out.append(
                "| \(g.rawValue) \(g.name) | \(m.count) | \(f1(p.median)) | \(f1(p.p90)) | \(f1(m.max() ?? 0)) | \(f1(m.reduce(0, +) / 60)) |"
            )
        }
        out.append("")
        out.append("At most \(s.maxUnresourced) incidents were waiting for a unit at once.")
        if !s.aidUnits.isEmpty {
            out.append(
                "Neighbouring forces lent \(s.aidUnits.count) units under mutual aid; they took \(s.aidAssignments) assignments."
            )
        }
        out += [
            "", "## Assignments against the recommendation", "",
            "| operator | assignments | top choice | ETA lost (min) | rules broken |", "|---|---:|---:|---:|---:|",
        ]
        for row in d.byOperator {
            out.append(
                "| \(row.operatorID) | \(row.assignments) | \(pct(Double(row.top) / Double(max(row.assignments, 1)), of: row.assignments)) | \(f1(row.etaLost)) | \(row.broken) |"
            )
        }
        let off = d.assignments.filter { !$0.topChoice }
        if !off.isEmpty {
            out += [
                "", "Choices other than the recommendation:", "",
                "| time | operator | incident | grade | chosen | ETA | recommended | ETA | lost min | rules broken |",
                "|---|---|---|---|---|---:|---|---:|---:|---|",
            ]
            for a in off.prefix(limit) {
                out.append(
                    "| \(local(a.at)) | \(a.operatorID) | \(a.incident) | \(a.grade.rawValue) | \(a.chosen) | \(eta(a.chosenETA)) | \(a.recommended?.description ?? "none") | \(eta(a.recommendedETA)) | \(f1(a.etaLostMinutes)) | \(a.rulesBroken.joined(separator: "; ")) |"
                )
            }
            if off.count > limit {
                out += ["", "… and \(off.count - limit) more (all of them in assignments.csv with `--out`)."]
            }
        }
        return out.joined(separator: "\n") + "\n"
    }

    /// The CSV tables, by file name.
    public func csvFiles() -> [(name: String, text: String)] {
        let d = debrief, s = d.stats
        var response = ["grade,raised,attended,median_minutes,p90_minutes,within_target"]
        for g in [Grade.emergency, .priority, .scheduled] {
            let p = Percentiles(s.responseMinutes[g] ?? [])
            response.append(
                "\(g.rawValue),\(s.incidentsByGrade[g] ?? 0),\(p.count),\(f2(p.median)),\(f2(p.p90)),\(f4(s.withinTargetShare(g, until: end)))"
            )
        }
        var breaches = ["incident,grade,category,area,since,first_at_scene,minutes,units"]
        for b in d.breaches(by: end) {
            breaches.append(
                csv([
                    b.ref.description, "\(b.grade.rawValue)", b.category.description, b.area, b.since.iso8601,
                    b.firstAtScene?.iso8601 ?? "", f2(b.responseMinutes(until: end)),
                    b.units.map(\.description).joined(separator: " "),
                ]))
        }
        var answers = ["channel,answered,median_seconds,p90_seconds"]
        for c in Channel.allCases {
            let p = Percentiles(s.answerSeconds[c] ?? [])
            answers.append("\(c.rawValue),\(p.count),\(f2(p.median)),\(f2(p.p90))")
        }
        var incidents = [
            "incident,grade,category,area,rural,since,first_assigned,first_at_scene,closed,response_minutes,breached"
        ]
        for o in d.outcomes.values.sorted(by: { ($0.since, $0.ref) < ($1.since, $1.ref) }) {
            incidents.append(
                csv([
                    o.ref.description, "\(o.grade.rawValue)", o.category.description, o.area, o.rural ? "yes" : "no",
                    o.since.iso8601, o.firstAssigned?.iso8601 ?? "", o.firstAtScene?.iso8601 ?? "",
                    o.closed?.iso8601 ?? "",
                    o.firstAtScene == nil ? "" : f2(o.responseMinutes(until: end)), o.breached(by: end) ? "yes" : "no",
                ]))
        }
        var assignments = [
            "at,operator,incident,grade,chosen,chosen_eta_minutes,recommended,recommended_eta_minutes,top_choice,eta_lost_minutes,rules_broken"
        ]
        for a in d.assignments {
            assignments.append(
                csv([
                    a.at.iso8601, a.operatorID, a.incident.description, "\(a.grade.rawValue)", a.chosen.description,
                    a.chosenETA.map { f2($0.minutes) } ?? "", a.recommended?.description ?? "",
                    a.recommendedETA.map { f2($0.minutes) } ?? "",
                    a.topChoice ? "yes" : "no", f2(a.etaLostMinutes), a.rulesBroken.joined(separator: "; "),
                ]))
        }
        return [
            ("response.csv", response), ("breaches.csv", breaches), ("answers.csv", answers),
            ("incidents.csv", incidents),
            ("assignments.csv", assignments),
        ].map { ($0.0, $0.1.joined(separator: "\n") + "\n") }
    }

    func local(_ t: Instant) -> String { "\(t.ukLocal.date) \(t.ukLocal.shortTimeText)" }
    func eta(_ d: Duration?) -> String { d.map { f1($0.minutes) } ?? "–" }
    func pct(_ x: Double, of n: Int) -> String { n == 0 ? "–" : "\(f1(x * 100))%" }
    func f0(_ x: Double) -> String { fixed(x, 0) }
    func f1(_ x: Double) -> String { fixed(x, 1) }
    func f2(_ x: Double) -> String { fixed(x, 2) }
    func f4(_ x: Double) -> String { fixed(x, 4) }

    /// Fixed decimals without Foundation's locale-dependent formatting.
    func fixed(_ x: Double, _ places: Int) -> String {
        guard x.isFinite else { return "–" }
        var scale = 1.0
        for _ in 0..<places { scale *= 10 }
        let n = Int64((abs(x) * scale).rounded())
        let whole = n / Int64(scale), frac = n % Int64(scale)
        let sign = x < 0 && n != 0 ? "-" : ""
        guard places > 0 else { return sign + String(whole) }
        let f = String(frac)
        return sign + String(whole) + "." + String(repeating: "0", count: places - f.count) + f
    }

    func csv(_ fields: [String]) -> String {
        fields.map { f in
            f.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" })
                ? "\"" + f.replacingOccurrences(of: "\"", with: "\"\"") + "\"" : f
        }.joined(separator: ",")
    }
}
