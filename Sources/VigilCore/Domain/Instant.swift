/// A moment in time, in whole seconds since 1970-01-01T00:00:00Z; the core never reads a clock, it is handed these.
public struct Instant: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public var seconds: Int64

    public init(seconds: Int64) { self.seconds = seconds }

    /// An instant read from a log or a file, held to years 1 to 9999: a time written by hand as 2⁶³ − 1 must not
    /// overflow the arithmetic every reader does with it.
    public init(stored seconds: Int64) { self.seconds = min(max(seconds, Self.earliest), Self.latest) }

    /// 0001-01-01T00:00:00Z and 9999-12-31T23:59:59Z, the span a stored instant is held to.
    public static let earliest: Int64 = -62_135_596_800, latest: Int64 = 253_402_300_799

    /// Builds an instant from a UTC calendar date and time.
    public init(year: Int, month: Int, day: Int, hour: Int = 0, minute: Int = 0, second: Int = 0) {
        let days = CivilDate(year: year, month: month, day: day).daysSinceEpoch
        seconds = Int64(days) * 86_400 + Int64(hour * 3600 + minute * 60 + second)
    }

    public static func < (a: Instant, b: Instant) -> Bool { a.seconds < b.seconds }
    public static func + (a: Instant, d: Duration) -> Instant { Instant(seconds: a.seconds + d.seconds) }
    public static func - (a: Instant, d: Duration) -> Instant { Instant(seconds: a.seconds - d.seconds) }
    public static func - (a: Instant, b: Instant) -> Duration { Duration(seconds: a.seconds - b.seconds) }

    public init(from decoder: Decoder) throws {
        self.init(stored: try decoder.singleValueContainer().decode(Int64.self))
    }
    public func encode(to encoder: Encoder) throws {
        var c = encoder.singleValueContainer()
        try c.encode(seconds)
    }

    /// UK local civil time (GMT, or BST between the last Sundays of March and October at 01:00 UTC).
    public var ukLocal: LocalDateTime {
        let offset: Int64 = UKTime.isSummerTime(self) ? 3600 : 0
        return LocalDateTime(utcSeconds: seconds + offset)
    }

    /// Parses `YYYY-MM-DDTHH:MM[:SS]` as UK local time.
    public init?(ukLocal text: String) {
        let parts = text.split(separator: "T")
        guard parts.count == 2, let date = CivilDate(parsing: String(parts[0])) else { return nil }
        let hms = parts[1].split(separator: ":").map { Int($0) }
        guard (2...3).contains(hms.count), hms.allSatisfy({ $0 != nil }), let h = hms[0], let m = hms[1],
            (0..<24).contains(h), (0..<60).contains(m)
        else { return nil }
        let s = hms.count == 3 ? hms[2]! : 0
        guard (0..<60).contains(s) else { return nil }
        self.init(ukDate: date, hour: h, minute: m, second: s)
    }

    /// The instant a UK wall clock shows this date and time.
    public init(ukDate date: CivilDate, hour: Int, minute: Int, second: Int = 0) {
        let utc = Instant(year: date.year, month: date.month, day: date.day, hour: hour, minute: minute, second: second)
        // Local = UTC + 1 h in summer: try the summer reading first.
        let summer = utc - .hours(1)
        self = UKTime.isSummerTime(summer) ? summer : utc
    }

    /// ISO 8601 in UTC, e.g. 2026-11-25T14:05:00Z.
    public var iso8601: String {
        let t = LocalDateTime(utcSeconds: seconds)
        return "\(t.date)T\(t.timeText)Z"
    }

    public var description: String { iso8601 }
}

/// A span of time in whole seconds.
public struct Duration: Hashable, Comparable, Codable, Sendable {
    public var seconds: Int64
    public init(seconds: Int64) { self.seconds = seconds }
    public static func seconds(_ s: Int64) -> Duration { Duration(seconds: s) }
    public static func minutes(_ m: Int64) -> Duration { Duration(seconds: m * 60) }
    public static func hours(_ h: Int64) -> Duration { Duration(seconds: h * 3600) }
    public static func < (a: Duration, b: Duration) -> Bool { a.seconds < b.seconds }
    public static func + (a: Duration, b: Duration) -> Duration { Duration(seconds: a.seconds + b.seconds) }
    public static func - (a: Duration, b: Duration) -> Duration { Duration(seconds: a.seconds - b.seconds) }
    public static prefix func - (a: Duration) -> Duration { Duration(seconds: -a.seconds) }
    public var minutes: Double { Double(seconds) / 60 }

    /// Compact clock text such as `4:05`, `1:02:09` or `-0:30` for overdue spans.
    public var clockText: String {
        let negative = seconds < 0
        let s = abs(seconds)
        let h = s / 3600, m = (s % 3600) / 60, sec = s % 60
        let body = h > 0 ? "\(h):\(pad2(m)):\(pad2(sec))" : "\(m):\(pad2(sec))"
        return negative ? "-" + body : body
    }
}

/// A calendar date without a time zone.
public struct CivilDate: Hashable, Comparable, Codable, Sendable, CustomStringConvertible {
    public var year: Int, month: Int, day: Int
    public init(year: Int, month: Int, day: Int) { (self.year, self.month, self.day) = (year, month, day) }

    /// Days since 1970-01-01 (Howard Hinnant's days_from_civil).
    public var daysSinceEpoch: Int {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yoe = y - era * 400
        let mp = (month + 9) % 12
        let doy = (153 * mp + 2) / 5 + day - 1
        let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy
        return era * 146_097 + doe - 719_468
    }

    public init(daysSinceEpoch z0: Int) {
        let z = z0 + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let doe = z - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        self.init(year: yoe + era * 400 + (m <= 2 ? 1 : 0), month: m, day: d)
    }

    /// 0 = Sunday ... 6 = Saturday.
    public var weekday: Int { ((daysSinceEpoch % 7) + 11) % 7 }

    /// Compact form used in incident references: 20261125.
    public var compact: Int { year * 10_000 + month * 100 + day }

    public static func < (a: CivilDate, b: CivilDate) -> Bool { (a.year, a.month, a.day) < (b.year, b.month, b.day) }

    public var description: String { "\(year)-\(pad2(Int64(month)))-\(pad2(Int64(day)))" }

    /// Parses `YYYY-MM-DD`; nil when it is not a real date.
    public init?(parsing text: String) {
        let parts = text.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
            let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]),
            (1...12).contains(m), (1...31).contains(d)
        else { return nil }
        let date = CivilDate(year: y, month: m, day: d)
        guard CivilDate(daysSinceEpoch: date.daysSinceEpoch) == date else { return nil }
        self = date
    }
}

/// A local date and time of day, as shown on screen.
public struct LocalDateTime: Hashable, Sendable {
    public var date: CivilDate
    public var hour: Int, minute: Int, second: Int

    init(utcSeconds s: Int64) {
        let days = Int((s >= 0 ? s : s - 86_399) / 86_400)
        let rem = Int(s - Int64(days) * 86_400)
        date = CivilDate(daysSinceEpoch: days)
        hour = rem / 3600; minute = (rem % 3600) / 60; second = rem % 60
    }

    /// `HH:MM:SS`.
    public var timeText: String { "\(pad2(Int64(hour))):\(pad2(Int64(minute))):\(pad2(Int64(second)))" }
    /// `HH:MM`.
    public var shortTimeText: String { "\(pad2(Int64(hour))):\(pad2(Int64(minute)))" }
    /// `HH:MM:SS on YYYY-MM-DD`: a time that may not be today's (a lock-out forged into 2100 must say so).
    public var timeAndDateText: String { "\(timeText) on \(date)" }
}

/// UK daylight-saving rules, so references and screens use the date a control room would.
public enum UKTime {
    /// True while British Summer Time is in force at `instant`.
    public static func isSummerTime(_ instant: Instant) -> Bool {
        let year = LocalDateTime(utcSeconds: instant.seconds).date.year
        let start = lastSunday(year: year, month: 3)
        let end = lastSunday(year: year, month: 10)
        let startAt = Int64(start.daysSinceEpoch) * 86_400 + 3600
        let endAt = Int64(end.daysSinceEpoch) * 86_400 + 3600
        return instant.seconds >= startAt && instant.seconds < endAt
    }

    static func lastSunday(year: Int, month: Int) -> CivilDate {
        let last = CivilDate(daysSinceEpoch: CivilDate(year: year, month: month + 1, day: 1).daysSinceEpoch - 1)
        return CivilDate(daysSinceEpoch: last.daysSinceEpoch - last.weekday)
    }
}

func pad2(_ n: Int64) -> String { n < 10 ? "0\(n)" : "\(n)" }
