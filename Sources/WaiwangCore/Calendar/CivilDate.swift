/// A day of the proleptic Gregorian calendar with no time and no zone, written `YYYY-MM-DD` (years 0001–9999).
public struct CivilDate: Hashable, Sendable {
    /// The year, 1–9999.
    public let year: Int
    /// The month, 1–12.
    public let month: Int
    /// The day of the month, 1–28…31.
    public let day: Int

    /// The date `year-month-day`; throws `CalendarError.Code.invalidDate` for a day that does not exist.
    public init(year: Int, month: Int, day: Int) throws(CalendarError) {
        let text = CivilDate.format(year: year, month: month, day: day)
        guard (1...9999).contains(year) else {
            throw .invalidDate(text, "year \(year) is out of range (0001–9999)")
        }
        guard (1...12).contains(month) else {
            throw .invalidDate(text, "month \(month) is out of range (01–12)")
        }
        let length = CivilDate.daysIn(month: month, year: year)
        guard (1...length).contains(day) else {
            if month == 2 && day == 29 {
                throw .invalidDate(text, "\(year) is not a leap year, so February has 28 days")
            }
            throw .invalidDate(text, "\(CivilDate.monthNames[month - 1]) has \(length) days")
        }
        self.year = year
        self.month = month
        self.day = day
    }

    /// The date `days` days after 1970-01-01 (negative: before); traps outside years 0001–9999, like integer overflow.
    public init(daysSince1970 days: Int) {
        // Howard Hinnant's civil_from_days, shifted so that the era starts on 0000-03-01.
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let shiftedMonth = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * shiftedMonth + 2) / 5 + 1
        let month = shiftedMonth < 10 ? shiftedMonth + 3 : shiftedMonth - 9
        let year = yearOfEra + era * 400 + (month <= 2 ? 1 : 0)
        precondition((1...9999).contains(year), "CivilDate out of range: year \(year)")
        self.year = year
        self.month = month
        self.day = day
    }

    /// The calendar date at `secondsSince1970` (Unix time) on a clock `utcOffsetSeconds` east of UTC.
    ///
    /// The default offset is China Standard Time (UTC+8, no daylight saving), the clock of the measures.
    public init(secondsSince1970: Int, utcOffsetSeconds: Int = CivilDate.chinaStandardTimeOffset) {
        let local = secondsSince1970 + utcOffsetSeconds
        let days = local >= 0 ? local / 86_400 : (local - 86_399) / 86_400
        self.init(daysSince1970: days)
    }

    /// UTC+8 in seconds: Beijing time, used for every deadline in the measures.
    public static let chinaStandardTimeOffset = 8 * 3600

    /// Days from 1970-01-01 to this date (negative before it).
    public var daysSince1970: Int {
        // Howard Hinnant's days_from_civil.
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let shiftedMonth = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * shiftedMonth + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The day of the week.
    public var weekday: Weekday {
        // 1970-01-01 was a Thursday (ISO number 4).
        let mondayBased = ((daysSince1970 + 3) % 7 + 7) % 7
        return Weekday(rawValue: mondayBased + 1)!
    }

    /// True for a leap year of the Gregorian calendar.
    public static func isLeapYear(_ year: Int) -> Bool {
        (year % 4 == 0 && year % 100 != 0) || year % 400 == 0
    }

    /// The number of days in `month` of `year`.
    public static func daysIn(month: Int, year: Int) -> Int {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    static let monthNames = [
        "January", "February", "March", "April", "May", "June",
        "July", "August", "September", "October", "November", "December",
    ]

    static func format(year: Int, month: Int, day: Int) -> String {
        func pad(_ value: Int, _ width: Int) -> String {
            let digits = String(value.magnitude)
            let padded = String(repeating: "0", count: max(0, width - digits.count)) + digits
            return value < 0 ? "-" + padded : padded
        }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }
}

extension CivilDate {
    /// A day of the week, numbered as ISO 8601 does (Monday 1 … Sunday 7).
    public enum Weekday: Int, CaseIterable, Hashable, Sendable {
        case monday = 1
        case tuesday, wednesday, thursday, friday, saturday, sunday

        /// Saturday and Sunday, the rest days unless a holiday notice moves them.
        public var isWeekend: Bool { self == .saturday || self == .sunday }

        /// The Chinese name, 周一 … 周日, as the State Council notices write it.
        public var chineseName: String {
            ["周一", "周二", "周三", "周四", "周五", "周六", "周日"][rawValue - 1]
        }
    }
}

extension CivilDate: Comparable {
    public static func < (lhs: CivilDate, rhs: CivilDate) -> Bool {
        (lhs.year, lhs.month, lhs.day) < (rhs.year, rhs.month, rhs.day)
    }
}

extension CivilDate: Strideable {
    /// Whole days from this date to `other`.
    public func distance(to other: CivilDate) -> Int {
        other.daysSince1970 - daysSince1970
    }

    /// The date `days` days later (earlier when negative); traps outside years 0001–9999.
    public func advanced(by days: Int) -> CivilDate {
        CivilDate(daysSince1970: daysSince1970 + days)
    }
}
