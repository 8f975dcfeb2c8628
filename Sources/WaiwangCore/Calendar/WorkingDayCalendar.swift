/// China's working days for deadline arithmetic: the State Council's holidays and adjusted workdays, year by year,
/// plus each division's local (ethnic) holidays.
///
/// A date is known only in a year whose year file was loaded; every question about another year throws
/// `CalendarError.Code.yearNotCovered` instead of guessing, since holidays move every year.
public struct WorkingDayCalendar: Sendable {
    /// What one date is for one division, and why.
    public struct Day: Hashable, Sendable {
        /// The reason the date is or is not a working day.
        public enum Kind: Hashable, Sendable {
            /// Monday–Friday with nothing declared: a working day.
            case weekday
            /// Saturday or Sunday with nothing declared: a rest day.
            case weekend
            /// A declared holiday (放假), e.g. 春节: a rest day even on a weekday.
            case holiday(name: String)
            /// A weekend declared a workday (调休上班), e.g. 春节调休: a working day.
            case adjustedWorkday(name: String)
        }

        /// The date asked about.
        public let date: CivilDate
        /// Why it is or is not a working day.
        public let kind: Kind
        /// The division whose local file decided the day; nil when the national calendar or the weekday did.
        public let localDivision: String?

        /// True for a day on which the authority works and deadlines run.
        public var isWorkingDay: Bool {
            switch kind {
            case .weekday, .adjustedWorkday: true
            case .weekend, .holiday: false
            }
        }
    }

    /// A declared day and the line that declared it.
    struct Mark: Sendable {
        var isHoliday: Bool
        var name: String
        var file: String
        var line: Int
    }

    /// The years that have a year file, ascending; no other year can be computed.
    public let coveredYears: [Int]
    /// The divisions (GB/T 2260 codes) that have a local file, ascending.
    public let localDivisions: [String]
    let national: [CivilDate: Mark]
    let local: [String: [CivilDate: Mark]]

    /// True when `date`'s year has a year file.
    public func covers(_ date: CivilDate) -> Bool {
        coveredYears.contains(date.year)
    }

    /// What `date` is for a unit in `division` (nil: the national calendar alone).
    ///
    /// A division's local file wins over the national calendar for that division only.
    public func day(_ date: CivilDate, division: String?) throws(CalendarError) -> Day {
        guard covers(date) else { throw notCovered(date) }
        if let division, let mark = local[division]?[date] {
            return Day(date: date, kind: mark.kind, localDivision: division)
        }
        if let mark = national[date] {
            return Day(date: date, kind: mark.kind, localDivision: nil)
        }
        return Day(date: date, kind: date.weekday.isWeekend ? .weekend : .weekday, localDivision: nil)
    }

    /// True when `date` is a working day in `division` (nil: the national calendar alone).
    public func isWorkingDay(_ date: CivilDate, division: String?) throws(CalendarError) -> Bool {
        try day(date, division: division).isWorkingDay
    }

    /// The deadline of "within `n` working days of `start`": the n-th working day after `start`.
    ///
    /// `start` itself is never counted, whether or not it is a working day, so an application submitted on
    /// Friday 2025-09-26 has 5 working days 9/28 (调休), 9/29, 9/30, 10/9, 10/10, and its deadline is 2025-10-10.
    /// The deadline is always a working day. `n == 0` gives `start`; a negative `n` gives the |n|-th working day
    /// before `start` (for reminders), again not counting `start`.
    /// Throws `yearNotCovered` when a day it must look at falls in a year without a year file.
    public func addWorkingDays(_ n: Int, to start: CivilDate, division: String?) throws(CalendarError) -> CivilDate {
        let step = n < 0 ? -1 : 1
        var remaining = n.magnitude
        var date = start
        while remaining > 0 {
            date = date.advanced(by: step)
            guard covers(date) else {
                throw notCovered(date, context: "\(start) \(n < 0 ? "−" : "+") \(n.magnitude) working days")
            }
            if try isWorkingDay(date, division: division) { remaining -= 1 }
        }
        return date
    }

    /// The working days strictly after `from` up to and including `to`; negative (minus the working days
    /// strictly after `to` up to and including `from`) when `to` is before `from`.
    ///
    /// With `from` a deadline and `to` today: 3 means overdue by 3 working days, 0 means due today or waiting
    /// only through rest days, −2 means 2 working days left counting the deadline day itself.
    /// For every `n > 0`, `workingDays(from: d, to: addWorkingDays(n, to: d)) == n`.
    public func workingDays(from: CivilDate, to: CivilDate, division: String?) throws(CalendarError) -> Int {
        let (low, high, sign) = from <= to ? (from, to, 1) : (to, from, -1)
        var count = 0
        var date = low
        while date < high {
            date = date.advanced(by: 1)
            guard covers(date) else { throw notCovered(date, context: "working days from \(from) to \(to)") }
            if try isWorkingDay(date, division: division) { count += 1 }
        }
        return sign * count
    }

    /// The refusal for a date in a year without a year file, saying which file to add.
    func notCovered(_ date: CivilDate, context: String? = nil) -> CalendarError {
        let known = coveredYears.isEmpty ? "no year yet" : WorkingDayCalendar.describe(years: coveredYears)
        let purpose: String
        if let last = coveredYears.last, date.year > last {
            purpose = "to compute past \(last)-12-31"
        } else if let first = coveredYears.first, date.year < first {
            purpose = "to compute before \(first)-01-01"
        } else {
            purpose = "to compute in \(date.year)"
        }
        let lead = context.map { "\($0): " } ?? ""
        return CalendarError(
            .yearNotCovered,
            "\(lead)\(date) is outside the working-day calendar, which knows \(known); "
                + "add Config/calendar/\(date.year).txt from the State Council notice "
                + "(国务院办公厅关于\(date.year)年部分节假日安排的通知) \(purpose)")
    }

    /// `2025–2026`, or `2023, 2025–2026` when a year is missing in between.
    static func describe(years: [Int]) -> String {
        var runs: [String] = []
        var index = 0
        while index < years.count {
            var end = index
            while end + 1 < years.count, years[end + 1] == years[end] + 1 { end += 1 }
            runs.append(end == index ? "\(years[index])" : "\(years[index])–\(years[end])")
            index = end + 1
        }
        return runs.joined(separator: ", ")
    }
}

extension WorkingDayCalendar.Mark {
    var kind: WorkingDayCalendar.Day.Kind {
        isHoliday ? .holiday(name: name) : .adjustedWorkday(name: name)
    }
}
