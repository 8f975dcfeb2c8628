import Testing
import WaiwangCore

@Suite("Calendar files")
struct CalendarFileParsingTests {
    /// File name, text, the error's code, line and a fragment of its message.
    static let faults: [(String, String, CalendarError.Code, Int?, String)] = [
        ("2025.txt", "holiday 2025-02-29 春节", .invalidDate, 1, "2025 is not a leap year"),
        ("2025.txt", "# 元旦\n\nholiday 2025-1-1 元旦", .invalidDate, 3, "YYYY-MM-DD"),
        ("2025.txt", "holiday 2025-10-01..2025-10-32 国庆节", .invalidDate, 1, "October has 31 days"),
        (
            "2025.txt", "holiday 2025-01-01 元旦\r\nholiday 2026-01-01 元旦", .dateOutsideYear, 2,
            "2026-01-01 is not in 2025"
        ),
        ("2025.txt", "holiday 2025-12-31..2026-01-01 元旦", .dateOutsideYear, 1, "(2026.txt)"),
        (
            "2025.txt", "holiday 2025-10-01..2025-10-08 国庆节\nworkday 2025-10-04 国庆节调休",
            .holidayAndWorkday, 2, "2025-10-04 is a holiday on line 1 (国庆节) and a workday here"
        ),
        (
            "2025.txt", "workday 2025-01-26 春节调休\nholiday 2025-01-25..2025-01-27 春节",
            .holidayAndWorkday, 2, "2025-01-26 is a workday on line 1"
        ),
        (
            "2025.txt", "holiday 2025-10-01..2025-10-08 国庆节\nholiday 2025-10-08..2025-10-09 国庆节",
            .overlappingRanges, 2, "2025-10-08 is already a holiday on line 1"
        ),
        (
            "2025.txt", "holiday 2025-01-01 元旦\nworkday 2025-01-26 春节调休\nworkday 2025-01-26 春节调休",
            .overlappingRanges, 3, "already a workday on line 2"
        ),
        ("2025.txt", "workday 2025-01-27 春节调休", .workdayNotWeekend, 1, "2025-01-27 is a 周一"),
        ("2025.txt", "workday 2025-01-25..2025-01-27 调休", .workdayNotWeekend, 1, "2025-01-27"),
        ("2025.txt", "holday 2025-01-01 元旦", .unknownKeyword, 1, "unknown keyword \"holday\""),
        ("2025.txt", "Holiday 2025-01-01 元旦", .unknownKeyword, 1, "\"Holiday\""),
        ("2025.txt", "放假 2025-01-01 元旦", .unknownKeyword, 1, "\"放假\""),
        ("2025.txt", "holiday 2025-01-01", .malformedLine, 1, "needs a name"),
        ("2025.txt", "holiday 2025-01-01   # 元旦", .malformedLine, 1, "needs a name"),
        ("2025.txt", "holiday", .malformedLine, 1, "needs a date"),
        ("2025.txt", "holiday 2025-02-04..2025-01-28 春节", .malformedLine, 1, "ends before it starts"),
        ("2025.txt", "holiday 2025-01-01..2025-03-01 春节", .malformedLine, 1, "spans 60 days"),
        ("2025.txt", "holiday 2025-01-01.. 元旦", .invalidDate, 1, "\"\" is not a valid date"),
        ("2025.txt", "# nothing yet\n", .emptyYear, nil, "lists no holiday"),
        ("2025.txt", "workday 2025-01-26 春节调休", .emptyYear, nil, "国务院办公厅关于2025年部分节假日安排的通知"),
        ("calendar-2025.txt", "holiday 2025-01-01 元旦", .unknownFileName, nil, "YYYY.txt"),
        ("25.txt", "holiday 2025-01-01 元旦", .unknownFileName, nil, "local-DDDDDD.txt"),
        ("2025.TXT", "holiday 2025-01-01 元旦", .unknownFileName, nil, "YYYY.txt"),
        ("local-5304.txt", "holiday 2025-07-18 火把节", .unknownFileName, nil, "local-DDDDDD.txt"),
        ("0000.txt", "holiday 2025-07-18 火把节", .unknownFileName, nil, "YYYY.txt"),
    ]

    @Test("refuses a faulty file, naming the file and line", arguments: faults)
    func fault(name: String, text: String, code: CalendarError.Code, line: Int?, fragment: String) {
        let error = #expect(throws: CalendarError.self) {
            try WorkingDayCalendar.parse(files: [(name: name, text: text)])
        }
        #expect(error?.code == code)
        #expect(error?.file == name)
        #expect(error?.line == line)
        #expect(error?.message.contains(fragment) == true, "\(error?.description ?? "")")
    }

    @Test("an error reads file:line: message")
    func errorDescription() {
        let error = #expect(throws: CalendarError.self) {
            try WorkingDayCalendar.parse(files: [(name: "Config/calendar/2025.txt", text: "\nworkday 2025-01-27 调休")])
        }
        #expect(
            error?.description
                == "Config/calendar/2025.txt:2: workday 2025-01-27 is a 周一, a working day anyway; "
                + "an adjusted workday (调休上班) is a Saturday or Sunday")
    }

    @Test("refuses two files for one year or one division")
    func duplicateFiles() throws {
        let year = #expect(throws: CalendarError.self) {
            try CalendarFixture.shipped(adding: [(name: "backup/2025.txt", text: "holiday 2025-01-01 元旦")])
        }
        #expect(year?.code == .duplicateFile)
        #expect(year?.file == "backup/2025.txt")
        #expect(year?.message == "2025.txt already holds the year 2025; keep one file for it")

        let local = #expect(throws: CalendarError.self) {
            try CalendarFixture.shipped(adding: [
                CalendarFixture.eshanTorchFestival, (name: "x/local-530426.txt", text: "holiday 2025-07-21 火把节"),
            ])
        }
        #expect(local?.code == .duplicateFile)
        #expect(local?.message.contains("division 530426") == true)
    }

    @Test("a local file may not work on a national holiday")
    func localWorkdayOnNationalHoliday() throws {
        let error = #expect(throws: CalendarError.self) {
            try CalendarFixture.shipped(adding: [
                (name: "local-530426.txt", text: "holiday 2025-07-18 火把节\nworkday 2025-10-04 火把节调休")
            ])
        }
        #expect(error?.code == .holidayAndWorkday)
        #expect(error?.file == "local-530426.txt")
        #expect(error?.line == 2)
        #expect(error?.message.contains("national holiday 国庆节、中秋节 (2025.txt line 25)") == true)
    }

    @Test("a local file may hold several years, and a local holiday on a national workday wins for its division")
    func localFileAcrossYears() throws {
        let calendar = try CalendarFixture.shipped(adding: [
            (
                name: "local-530426.txt",
                text: "holiday 2025-10-11 地方节日\nholiday 2026-08-07 火把节\nholiday 2027-07-27 火把节"
            )
        ])
        #expect(try !calendar.isWorkingDay(CalendarFixture.date("2025-10-11"), division: "530426"))
        #expect(try calendar.isWorkingDay(CalendarFixture.date("2025-10-11"), division: nil))
        #expect(try !calendar.isWorkingDay(CalendarFixture.date("2026-08-07"), division: "530426"))
        #expect(throws: CalendarError.self) {
            try calendar.isWorkingDay(CalendarFixture.date("2027-07-27"), division: "530426")
        }
    }

    @Test("reads what an operator's editor writes: BOM, CRLF, tabs, wide spaces, trailing comments")
    func tolerantLayout() throws {
        let text =
            "\u{FEFF}# 2025\r\n"
            + "holiday\t2025-01-01\t元旦   # 不调休\r\n"
            + "\r\n"
            + "  holiday 2025-01-28..2025-02-04\u{3000}春节 假期  \r\n"
            + "workday 2025-01-26 春节调休"
        let calendar = try WorkingDayCalendar.parse(files: [(name: "2025.txt", text: text)])
        #expect(try calendar.day(CalendarFixture.date("2025-01-01"), division: nil).kind == .holiday(name: "元旦"))
        #expect(
            try calendar.day(CalendarFixture.date("2025-02-04"), division: nil).kind == .holiday(name: "春节 假期"))
        #expect(try calendar.isWorkingDay(CalendarFixture.date("2025-01-26"), division: nil))
    }

    @Test("the shipped files match the State Council notices, line by line")
    func shippedFiles() throws {
        let files = try CalendarFixture.shippedFiles()
        #expect(files.map(\.name) == ["2025.txt", "2026.txt"])
        let calendar = try CalendarFixture.shipped()
        /// Holidays and adjusted workdays as the notices give them.
        let holidays2025 = [
            "2025-01-01", "2025-01-28...2025-02-04", "2025-04-04...2025-04-06", "2025-05-01...2025-05-05",
            "2025-05-31...2025-06-02", "2025-10-01...2025-10-08",
        ]
        let holidays2026 = [
            "2026-01-01...2026-01-03", "2026-02-15...2026-02-23", "2026-04-04...2026-04-06",
            "2026-05-01...2026-05-05", "2026-06-19...2026-06-21", "2026-09-25...2026-09-27",
            "2026-10-01...2026-10-07",
        ]
        let workdays = [
            "2025-01-26", "2025-02-08", "2025-04-27", "2025-09-28", "2025-10-11",
            "2026-01-04", "2026-02-14", "2026-02-28", "2026-05-09", "2026-09-20", "2026-10-10",
        ].map(CalendarFixture.date)
        var holidays: Set<CivilDate> = []
        for range in holidays2025 + holidays2026 {
            let ends = range.split(separator: "...").map { CalendarFixture.date(String($0)) }
            holidays.formUnion(ends[0]...ends[ends.count - 1])
        }
        for day in CalendarFixture.date("2025-01-01")...CalendarFixture.date("2026-12-31") {
            let expected = holidays.contains(day) ? false : workdays.contains(day) ? true : !day.weekday.isWeekend
            #expect(try calendar.isWorkingDay(day, division: nil) == expected, "\(day)")
        }
    }
}
