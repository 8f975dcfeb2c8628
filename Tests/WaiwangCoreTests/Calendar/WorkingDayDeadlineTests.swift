import Testing
import WaiwangCore

/// Deadlines of articles 18/19 on the shipped calendar; every case hand-counted and checked against Python's
/// `datetime` with the notices' dates.
@Suite("Working-day deadlines")
struct WorkingDayDeadlineTests {
    let calendar: WorkingDayCalendar

    init() throws {
        calendar = try CalendarFixture.shipped()
    }

    @Test("the shipped calendar covers 2025 and 2026, with no local file")
    func coverage() {
        #expect(calendar.coveredYears == [2025, 2026])
        #expect(calendar.localDivisions == [])
    }

    /// Start, working days, deadline, and the count.
    static let deadlines: [(String, Int, String, String)] = [
        (
            "2025-09-30", 5, "2025-10-14",
            "eve of National Day: 10/1–8 off, 10/9 (1), 10/10 (2), Sat 10/11 调休 (3), 10/13 (4), 10/14 (5)"
        ),
        (
            "2025-09-26", 5, "2025-10-10",
            "Sat 9/27 off, Sun 9/28 调休 (1), 9/29 (2), 9/30 (3), 10/1–8 off, 10/9 (4), 10/10 (5)"
        ),
        ("2025-10-03", 5, "2025-10-14", "submitted on a holiday: the day itself is not counted either way"),
        (
            "2026-02-14", 5, "2026-02-28",
            "submitted on Sat 2/14 调休: 2/15–23 off, 2/24 (1), 2/25 (2), 2/26 (3), 2/27 (4), Sat 2/28 调休 (5)"
        ),
        (
            "2025-12-29", 5, "2026-01-06",
            "New Year: 12/30 (1), 12/31 (2), 1/1–3 off, Sun 1/4 调休 (3), 1/5 (4), 1/6 (5)"
        ),
        (
            "2025-01-24", 5, "2025-02-07",
            "Spring Festival 2025: Sat 1/25 off, Sun 1/26 调休 (1), 1/27 (2), 1/28–2/4 off, 2/5 (3), 2/6 (4), 2/7 (5)"
        ),
        (
            "2025-01-27", 5, "2025-02-10",
            "Spring Festival 2025: 1/28–2/4 off, 2/5 (1), 2/6 (2), 2/7 (3), Sat 2/8 调休 (4), Mon 2/10 (5)"
        ),
        ("2025-02-07", 1, "2025-02-08", "the next working day after Fri 2/7 is Sat 2/8 调休"),
        (
            "2025-04-25", 5, "2025-05-06",
            "May Day 2025: Sat 4/26 off, Sun 4/27 调休 (1), 4/28 (2), 4/29 (3), 4/30 (4), 5/1–5 off, 5/6 (5)"
        ),
        (
            "2026-04-30", 5, "2026-05-11",
            "May Day 2026: 5/1–5 off, 5/6 (1), 5/7 (2), 5/8 (3), Sat 5/9 调休 (4), Mon 5/11 (5)"
        ),
        ("2025-05-30", 1, "2025-06-03", "Dragon Boat 2025: 5/31–6/2 off"),
        ("2026-04-03", 1, "2026-04-07", "Qingming 2026: 4/4–6 off"),
        ("2025-03-03", 5, "2025-03-10", "a plain week: Tue–Fri (1–4), next Monday (5)"),
        ("2025-03-07", 5, "2025-03-14", "a plain week from a Friday"),
        ("2025-03-09", 5, "2025-03-14", "submitted on a Sunday: Mon–Fri"),
        (
            "2026-09-28", 10, "2026-10-16",
            "provisioning across National Day 2026: 9/29 (1), 9/30 (2), 10/1–7 off, 10/8 (3), 10/9 (4), "
                + "Sat 10/10 调休 (5), 10/12–16 (6–10)"
        ),
        (
            "2026-09-18", 10, "2026-10-09",
            "Mid-Autumn and National Day 2026: Sun 9/20 调休 (1), 9/21–24 (2–5), 9/25–27 off, 9/28–30 (6–8), "
                + "10/1–7 off, 10/8 (9), 10/9 (10)"
        ),
        ("2026-12-28", 3, "2026-12-31", "the last day the calendar knows"),
        ("2025-10-09", 0, "2025-10-09", "zero working days is the day itself"),
        ("2025-10-14", -5, "2025-09-30", "backwards: 10/13, Sat 10/11, 10/10, 10/9, then 9/30 before the holiday"),
        ("2026-02-28", -5, "2026-02-14", "backwards across Spring Festival 2026 to Sat 2/14 调休"),
    ]

    @Test("N working days after a date", arguments: deadlines)
    func deadline(start: String, days: Int, expected: String, count: String) throws {
        let deadline = try calendar.addWorkingDays(days, to: date(start), division: nil)
        #expect(deadline == date(expected), "\(count)")
        #expect(try calendar.workingDays(from: date(start), to: deadline, division: nil) == days)
        if days != 0 { #expect(try calendar.isWorkingDay(deadline, division: nil)) }
    }

    /// From, to, working days strictly after `from` up to and including `to` (negative backwards).
    static let spans: [(String, String, Int)] = [
        ("2025-09-30", "2025-10-14", 5),
        ("2025-10-14", "2025-09-30", -5),
        ("2025-10-14", "2025-10-17", 3),  // overdue by 3 working days
        ("2025-10-17", "2025-10-14", -3),  // 3 working days left, the deadline day included
        ("2025-10-09", "2025-10-09", 0),
        ("2025-10-01", "2025-10-08", 0),  // inside the holiday
        ("2025-10-08", "2025-10-01", 0),
        ("2025-10-10", "2025-10-12", 1),  // Sat 10/11 调休 counts, Sun 10/12 does not
        ("2025-12-31", "2026-01-05", 2),  // Sun 1/4 调休, Mon 1/5
        ("2025-01-01", "2025-12-31", 248),  // all of 2025 (1/1 is a holiday)
        ("2026-01-01", "2026-12-31", 248),  // all of 2026 (1/1 is a holiday)
    ]

    @Test("working days between two dates", arguments: spans)
    func span(from: String, to: String, expected: Int) throws {
        #expect(try calendar.workingDays(from: date(from), to: date(to), division: nil) == expected)
    }

    /// Date, working day or not, and why.
    static let days: [(String, Bool, WorkingDayCalendar.Day.Kind)] = [
        ("2025-01-01", false, .holiday(name: "元旦")),
        ("2025-01-26", true, .adjustedWorkday(name: "春节调休")),
        ("2025-02-04", false, .holiday(name: "春节")),
        ("2025-02-05", true, .weekday),
        ("2025-04-27", true, .adjustedWorkday(name: "劳动节调休")),
        ("2025-06-02", false, .holiday(name: "端午节")),
        ("2025-09-28", true, .adjustedWorkday(name: "国庆节调休")),
        ("2025-10-08", false, .holiday(name: "国庆节、中秋节")),
        ("2025-10-11", true, .adjustedWorkday(name: "国庆节调休")),
        ("2025-10-12", false, .weekend),
        ("2026-01-04", true, .adjustedWorkday(name: "元旦调休")),
        ("2026-02-14", true, .adjustedWorkday(name: "春节调休")),
        ("2026-02-23", false, .holiday(name: "春节")),
        ("2026-02-28", true, .adjustedWorkday(name: "春节调休")),
        ("2026-05-09", true, .adjustedWorkday(name: "劳动节调休")),
        ("2026-06-19", false, .holiday(name: "端午节")),
        ("2026-09-20", true, .adjustedWorkday(name: "国庆节调休")),
        ("2026-09-25", false, .holiday(name: "中秋节")),
        ("2026-10-07", false, .holiday(name: "国庆节")),
        ("2026-10-10", true, .adjustedWorkday(name: "国庆节调休")),
        ("2026-12-31", true, .weekday),
    ]

    @Test("what a day is, and why", arguments: days)
    func day(text: String, working: Bool, kind: WorkingDayCalendar.Day.Kind) throws {
        let day = try calendar.day(date(text), division: nil)
        #expect(day.kind == kind)
        #expect(day.isWorkingDay == working)
        #expect(day.localDivision == nil)
        #expect(try calendar.isWorkingDay(date(text), division: nil) == working)
    }

    @Test("a local holiday applies to its own division only")
    func localHoliday() throws {
        let calendar = try CalendarFixture.shipped(adding: [CalendarFixture.eshanTorchFestival])
        #expect(calendar.localDivisions == ["530426"])

        let torch = date("2025-07-17")
        #expect(try calendar.day(torch, division: "530426").kind == .holiday(name: "火把节"))
        #expect(try calendar.day(torch, division: "530426").localDivision == "530426")
        #expect(try calendar.isWorkingDay(torch, division: "530402"))
        #expect(try calendar.isWorkingDay(torch, division: nil))
        #expect(try calendar.isWorkingDay(date("2025-07-20"), division: "530426"))
        #expect(try !calendar.isWorkingDay(date("2025-07-20"), division: "530402"))

        // Tue 7/15 + 5 in 峨山: 7/16 (1), 7/17–18 off, Sat 7/19 off, Sun 7/20 调休 (2), 7/21 (3), 7/22 (4), 7/23 (5).
        #expect(try calendar.addWorkingDays(5, to: torch.advanced(by: -2), division: "530426") == date("2025-07-23"))
        // Elsewhere: 7/16, 7/17, 7/18, 7/21, 7/22.
        #expect(try calendar.addWorkingDays(5, to: torch.advanced(by: -2), division: "530402") == date("2025-07-22"))
        #expect(try calendar.workingDays(from: date("2025-07-15"), to: date("2025-07-23"), division: "530426") == 5)
        #expect(try calendar.workingDays(from: date("2025-07-15"), to: date("2025-07-23"), division: nil) == 6)
    }

    @Test("refuses to compute past the last year it knows")
    func refusesPastCoverage() throws {
        // Mon 12/28 + 5: 12/29 (1), 12/30 (2), 12/31 (3), then 2027, which has no file.
        let error = #expect(throws: CalendarError.self) {
            try calendar.addWorkingDays(5, to: date("2026-12-28"), division: nil)
        }
        #expect(error?.code == .yearNotCovered)
        #expect(
            error?.message
                == "2026-12-28 + 5 working days: 2027-01-01 is outside the working-day calendar, which knows "
                + "2025–2026; add Config/calendar/2027.txt from the State Council notice "
                + "(国务院办公厅关于2027年部分节假日安排的通知) to compute past 2026-12-31")

        let span = #expect(throws: CalendarError.self) {
            try calendar.workingDays(from: date("2026-12-30"), to: date("2027-01-04"), division: nil)
        }
        #expect(span?.code == .yearNotCovered)
        #expect(span?.message.contains("Config/calendar/2027.txt") == true)

        let before = #expect(throws: CalendarError.self) {
            try calendar.addWorkingDays(-1, to: date("2025-01-02"), division: nil)
        }
        #expect(before?.message.contains("2024-12-31 is outside") == true)
        #expect(before?.message.contains("to compute before 2025-01-01") == true)

        #expect(throws: CalendarError.self) { try calendar.isWorkingDay(date("2027-01-04"), division: nil) }
        #expect(!calendar.covers(date("2027-01-01")))
        #expect(calendar.covers(date("2026-12-31")))
    }

    @Test("a missing year between two known ones is named")
    func gapInCoverage() throws {
        let calendar = try WorkingDayCalendar.parse(files: [
            (name: "2025.txt", text: "holiday 2025-01-01 元旦"),
            (name: "2027.txt", text: "holiday 2027-01-01 元旦"),
        ])
        let error = #expect(throws: CalendarError.self) {
            try calendar.addWorkingDays(1, to: date("2025-12-31"), division: nil)
        }
        #expect(error?.message.contains("which knows 2025, 2027; add Config/calendar/2026.txt") == true)
        #expect(error?.message.hasSuffix("to compute in 2026") == true)
    }

    private func date(_ text: String) -> CivilDate {
        CalendarFixture.date(text)
    }
}
