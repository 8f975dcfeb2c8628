import Foundation
import Testing
import WaiwangCore

@Suite("CivilDate")
struct CivilDateTests {
    /// Date, weekday and days since 1970-01-01, checked against Python's `datetime`.
    static let known: [(String, CivilDate.Weekday, Int)] = [
        ("1970-01-01", .thursday, 0),
        ("2000-02-29", .tuesday, 11_016),
        ("1900-03-01", .thursday, -25_508),
        ("0001-01-01", .monday, -719_162),
        ("9999-12-31", .friday, 2_932_896),
        ("2024-02-29", .thursday, 19_782),
        ("2025-01-01", .wednesday, 20_089),
        ("2025-09-30", .tuesday, 20_361),
        ("2026-02-14", .saturday, 20_498),
    ]

    @Test("weekday and day number", arguments: known)
    func weekdayAndDayNumber(text: String, weekday: CivilDate.Weekday, days: Int) throws {
        let date = try CivilDate.parse(text)
        #expect(date.weekday == weekday)
        #expect(date.daysSince1970 == days)
        #expect(CivilDate(daysSince1970: days) == date)
        #expect(date.description == text)
    }

    @Test("every day from 1899 to 2101 follows the one before")
    func consecutiveDays() throws {
        var date = try CivilDate(year: 1899, month: 12, day: 31)
        var weekday = date.weekday
        while date.year <= 2100 {
            let next = date.advanced(by: 1)
            let expected =
                date.day < CivilDate.daysIn(month: date.month, year: date.year)
                ? try CivilDate(year: date.year, month: date.month, day: date.day + 1)
                : date.month < 12
                    ? try CivilDate(year: date.year, month: date.month + 1, day: 1)
                    : try CivilDate(year: date.year + 1, month: 1, day: 1)
            #expect(next == expected)
            #expect(date.distance(to: next) == 1)
            #expect(date < next)
            let nextWeekday = CivilDate.Weekday(rawValue: weekday.rawValue % 7 + 1)!
            #expect(next.weekday == nextWeekday)
            date = next
            weekday = nextWeekday
        }
    }

    /// Text that is not a date, and a fragment of the reason.
    static let invalid: [(String, String)] = [
        ("2025-9-30", "YYYY-MM-DD"),
        ("2025/09/30", "YYYY-MM-DD"),
        (" 2025-09-30", "YYYY-MM-DD"),
        ("2025-09-30 ", "YYYY-MM-DD"),
        ("２０２５-09-30", "ASCII digits"),
        ("+025-09-30", "YYYY-MM-DD"),
        ("", "YYYY-MM-DD"),
        ("0000-01-01", "year 0 is out of range"),
        ("2025-00-10", "month 0 is out of range"),
        ("2025-13-01", "month 13 is out of range"),
        ("2025-02-29", "2025 is not a leap year"),
        ("1900-02-29", "1900 is not a leap year"),
        ("2024-02-30", "February has 29 days"),
        ("2025-04-31", "April has 30 days"),
        ("2025-01-00", "January has 31 days"),
    ]

    @Test("refuses what is not a date", arguments: invalid)
    func refuses(text: String, reason: String) {
        let error = #expect(throws: CalendarError.self) { try CivilDate.parse(text) }
        #expect(error?.code == .invalidDate)
        #expect(error?.message.contains("\"\(text)\"") == true)
        #expect(error?.message.contains(reason) == true, "\(error?.message ?? "")")
        #expect(CivilDate(text) == nil)
    }

    @Test("accepts leap days")
    func leapDays() throws {
        #expect(try CivilDate.parse("2000-02-29").day == 29)
        #expect(try CivilDate.parse("2024-02-29").day == 29)
    }

    @Test("codes as the string YYYY-MM-DD, strictly")
    func codable() throws {
        let date = try CivilDate.parse("2025-09-30")
        #expect(try String(decoding: JSONEncoder().encode([date]), as: UTF8.self) == #"["2025-09-30"]"#)
        #expect(try JSONDecoder().decode([CivilDate].self, from: Data(#"["2025-09-30"]"#.utf8)) == [date])
        #expect(throws: DecodingError.self) {
            try JSONDecoder().decode([CivilDate].self, from: Data(#"["2025-9-30"]"#.utf8))
        }
    }

    /// Unix time, the date in Beijing (UTC+8).
    static let instants: [(Int, String)] = [
        (1_759_247_999, "2025-09-30"),  // 2025-09-30T15:59:59Z = 23:59:59 in Beijing
        (1_759_248_000, "2025-10-01"),  // 2025-09-30T16:00:00Z = midnight in Beijing
        (0, "1970-01-01"),
        (-28_801, "1969-12-31"),  // 1969-12-31T23:59:59 in Beijing
        (-28_800, "1970-01-01"),
    ]

    @Test("the date of an instant in China Standard Time", arguments: instants)
    func chinaStandardTime(seconds: Int, expected: String) {
        #expect(CivilDate(secondsSince1970: seconds).description == expected)
    }

    @Test("dates order by year, month, day")
    func ordering() throws {
        let dates = try ["2026-01-01", "2025-12-31", "2025-02-01", "2025-01-31"].map { try CivilDate.parse($0) }
        #expect(dates.sorted().map(\.description) == ["2025-01-31", "2025-02-01", "2025-12-31", "2026-01-01"])
    }
}
