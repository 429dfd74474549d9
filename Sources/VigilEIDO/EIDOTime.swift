import VigilCore

/// RFC 3339 date-times, as EIDO's `format: date-time` means, to and from `Instant`.
public enum EIDOTime {
    /// Reads `2021-04-30T18:43:49.439Z` or `…+01:00`. Unless `strict`, a missing offset is read as UTC (NENA's
    /// own sample has one such time) and a space may stand for the `T`.
    public static func parse(_ text: String, strict: Bool = false) -> Instant? { stamp(text, strict: strict)?.0 }

    /// As `parse`, with the fraction of a second in nanoseconds (updates can come less than a second apart).
    public static func stamp(_ text: String, strict: Bool = false) -> (Instant, Int)? {
        let b = Array(text.utf8)
        func digits(_ at: Int, _ n: Int) -> Int? {
            guard at + n <= b.count else { return nil }
            var v = 0
            for k in at..<(at + n) {
                guard b[k] >= 48, b[k] <= 57 else { return nil }
                v = v * 10 + Int(b[k] - 48)
            }
            return v
        }
        guard b.count >= 19, let y = digits(0, 4), b[4] == 45, let mo = digits(5, 2), b[7] == 45,
            let d = digits(8, 2), b[10] == 84 || b[10] == 116 || (!strict && b[10] == 32), let h = digits(11, 2),
            b[13] == 58, let mi = digits(14, 2), b[16] == 58, let s = digits(17, 2)
        else { return nil }
        let date = CivilDate(year: y, month: mo, day: d)
        guard (1...12).contains(mo), CivilDate(daysSinceEpoch: date.daysSinceEpoch) == date, h < 24, mi < 60, s < 61
        else { return nil }
        var i = 19
        var nanos = 0
        if i < b.count, b[i] == 46 {
            i += 1
            let start = i
            while i < b.count, b[i] >= 48, b[i] <= 57 {
                if i - start < 9 { nanos = nanos * 10 + Int(b[i] - 48) }
                i += 1
            }
            guard i > start else { return nil }
            for _ in min(9, i - start)..<9 { nanos *= 10 }
        }
        var offset = 0
        if i == b.count {
            guard !strict else { return nil }
        } else if b[i] == 90 || b[i] == 122 {
            i += 1
        } else if b[i] == 43 || b[i] == 45, let oh = digits(i + 1, 2), i + 3 < b.count, b[i + 3] == 58,
            let om = digits(i + 4, 2), oh < 24, om < 60
        {
            offset = (b[i] == 43 ? 1 : -1) * (oh * 3600 + om * 60)
            i += 6
        } else {
            return nil
        }
        guard i == b.count else { return nil }
        let t = Instant(year: y, month: mo, day: d, hour: h, minute: mi, second: min(s, 59))
        return (Instant(seconds: t.seconds - Int64(offset)), nanos)
    }
}
