import VigilCore

extension Checker {
    /// The address gazetteer: `[[streets]]` (a line), `[[places]]` (a point) and `[[addresses]]` (a point with a
    /// house number and, where the force has them, a UPRN), each in one of the force's areas.
    func gazetteer(_ raw: ForceFile, areas: [Area]) throws(TOMLFileError) -> Gazetteer {
        let areaIDs = Set(areas.map(\.id))
        var entries: [GazetteerEntry] = []
        func text(_ v: String, _ path: [PathStep], _ what: String, max: Int = 80) throws(TOMLFileError) -> String {
            let t = v.trimmingSpaces
            guard !t.isEmpty, t.count <= max, !t.unicodeScalars.contains(where: \.isTerminalControl) else {
                throw fail(path, "\(what) is 1 to \(max) printable characters")
            }
            return t
        }
        func area(_ id: String, _ path: [PathStep]) throws(TOMLFileError) -> AreaID {
            guard areaIDs.contains(id) else { throw fail(path, "there is no area `\(id)`; use an id from [[areas]]") }
            return id
        }
        func aliases(_ v: [String]?, _ path: [PathStep]) throws(TOMLFileError) -> [String] {
            guard (v?.count ?? 0) <= 8 else { throw fail(path, "at most 8 other names") }
            var out: [String] = []
            for a in v ?? [] { out.append(try text(a, path, "another name")) }
            return out
        }
        let total = (raw.streets?.count ?? 0) + (raw.places?.count ?? 0) + (raw.addresses?.count ?? 0)
        guard total <= 500_000 else {
            throw fail([.key("streets")], "a gazetteer holds at most 500000 streets, places and addresses")
        }
        for (i, s) in (raw.streets ?? []).enumerated() {
            let p: [PathStep] = [.key("streets"), .index(i)]
            guard (2...64).contains(s.line.count) else {
                throw fail(
                    p + [.key("line")], "a street's line is 2 to 64 points, e.g. [[52.481, -1.900], [52.480, -1.894]]")
            }
            var points: [GeoPoint] = []
            for q in s.line { points.append(try point(q, p + [.key("line")])) }
            var numbers: ClosedRange<Int>?
            if let n = s.numbers {
                guard n.count == 2, (0...99_999).contains(n[0].value), (n[0].value...99_999).contains(n[1].value) else {
                    throw fail(p + [.key("numbers")], "numbers are [lowest, highest], e.g. [1, 140]")
                }
                numbers = n[0].value...n[1].value
            }
            entries.append(
                GazetteerEntry(
                    kind: .street, name: try text(s.name, p + [.key("name")], "a street name"),
                    locality: try s.locality.map { (l) throws(TOMLFileError) in
                        try text(l, p + [.key("locality")], "a locality")
                    } ?? "", area: try area(s.area, p + [.key("area")]), points: points, numbers: numbers,
                    aliases: try aliases(s.aliases, p + [.key("aliases")])))
        }
        for (table, rows) in [("places", raw.places ?? []), ("addresses", raw.addresses ?? [])] {
            for (i, e) in rows.enumerated() {
                let p: [PathStep] = [.key(table), .index(i)]
                let address = table == "addresses"
                var number: String?
                if address {
                    guard let n = e.number else { throw fail(p + [.key("number")], "an address needs its number") }
                    number = try text(n, p + [.key("number")], "a house number or name", max: 20)
                }
                var uprn: Int64?
                if let u = e.uprn {
                    guard (1...999_999_999_999).contains(u.value) else {
                        throw fail(p + [.key("uprn")], "a UPRN is a whole number of up to 12 digits")
                    }
                    uprn = Int64(u.value)
                }
                entries.append(
                    GazetteerEntry(
                        kind: address ? .address : .place,
                        name: try text(e.name, p + [.key("name")], address ? "a street name" : "a place name"),
                        locality: try e.locality.map { (l) throws(TOMLFileError) in
                            try text(l, p + [.key("locality")], "a locality")
                        } ?? "", area: try area(e.area, p + [.key("area")]),
                        points: [try point(e.at, p + [.key("at")])], number: number, uprn: uprn,
                        aliases: try aliases(e.aliases, p + [.key("aliases")])))
            }
        }
        return Gazetteer(
            entries, areaNames: Dictionary(areas.map { ($0.id, $0.name) }, uniquingKeysWith: { a, _ in a }))
    }
}
