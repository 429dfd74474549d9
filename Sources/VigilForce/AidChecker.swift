import VigilCore

extension Checker {
    /// Mutual-aid partners: each lends up to `units` response units, called PREFIX01 upwards, reporting to one of the
    /// force's stations. No lent callsign may be one of the force's own or another partner's.
    func aid(_ raw: [ForceFile.AidEntry], stations: [StationID: Station], units: [PoliceUnit]) throws(TOMLFileError)
        -> [AidPool]
    {
        try unique(raw.map(\.id), "mutual_aid")
        var pools: [AidPool] = []
        for (i, a) in raw.enumerated() {
            let p: [PathStep] = [.key("mutual_aid"), .index(i)]
            guard !a.id.isEmpty, a.id.count <= 32, a.id.lowercased() != "off",
                a.id.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-") })
            else {
                throw fail(
                    p + [.key("id")],
                    "a partner id is 1 to 32 letters, digits and hyphens (not `off`), e.g. staffordshire")
            }
            let name = a.name.trimmingSpaces
            guard !name.isEmpty, name.count <= 40, !name.unicodeScalars.contains(where: \.isTerminalControl) else {
                throw fail(
                    p + [.key("name")],
                    "a partner's name is 1 to 40 printable characters, e.g. \"Staffordshire Police\"")
            }
            guard (1...4).contains(a.prefix.count), a.prefix.allSatisfy({ $0.isASCII && $0.isLetter }) else {
                throw fail(p + [.key("prefix")], "a callsign prefix is 1 to 4 letters, e.g. SF")
            }
            guard (1...99).contains(a.units.value) else {
                throw fail(p + [.key("units")], "found \(a.units.value), but a partner lends 1 to 99 units")
            }
            guard let station = stations[a.station] else {
                throw fail(p + [.key("station")], "there is no station `\(a.station)`; use an id from [[stations]]")
            }
            let pool = AidPool(id: a.id, name: name, prefix: a.prefix, units: a.units.value, station: station.id)
            if let own = units.first(where: { pool.number(of: $0.callsign) != nil }) {
                throw fail(
                    p + [.key("prefix")], "\(pool.prefix) would name lent units like the force's own \(own.callsign)")
            }
            if let other = pools.first(where: { $0.prefix == pool.prefix }) {
                throw fail(p + [.key("prefix")], "\(pool.prefix) is already `\(other.id)`'s prefix")
            }
            pools.append(pool)
        }
        return pools
    }
}
