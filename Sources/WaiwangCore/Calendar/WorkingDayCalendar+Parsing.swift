extension WorkingDayCalendar {
    /// Builds the calendar from the texts of the calendar files (`Config/calendar/*.txt`), read by the caller.
    ///
    /// Each `name` is a file name or path whose last component is `YYYY.txt` (one year of the State Council
    /// notice) or `local-DDDDDD.txt` (a division's local holidays). The loader should hand over every `.txt`
    /// file of the folder, so that a misnamed file is reported rather than silently left out. Every error names
    /// the file and, for a line, its number.
    public static func parse(files: [(name: String, text: String)]) throws(CalendarError) -> WorkingDayCalendar {
        var years: [Int: CalendarFile] = [:]
        var locals: [String: CalendarFile] = [:]
        for (name, text) in files {
            let file = try CalendarFile(name: name, text: text)
            switch file.scope {
            case .year(let year):
                if let other = years[year] { throw duplicate(file, other, "the year \(year)") }
                years[year] = file
            case .local(let division):
                if let other = locals[division] { throw duplicate(file, other, "division \(division)") }
                locals[division] = file
            }
        }

        var national: [CivilDate: Mark] = [:]
        for (year, file) in years.sorted(by: { $0.key < $1.key }) {
            guard file.entries.contains(where: \.isHoliday) else {
                throw CalendarError(
                    .emptyYear, file: file.name,
                    "lists no holiday; copy the dates from the State Council notice "
                        + "(国务院办公厅关于\(year)年部分节假日安排的通知) or remove the file")
            }
            national.merge(try marks(of: file)) { first, _ in first }
        }

        var local: [String: [CivilDate: Mark]] = [:]
        for (division, file) in locals.sorted(by: { $0.key < $1.key }) {
            let fileMarks = try marks(of: file)
            for (date, mark) in fileMarks.sorted(by: { $0.key < $1.key }) where !mark.isHoliday {
                if let holiday = national[date], holiday.isHoliday {
                    throw CalendarError(
                        .holidayAndWorkday, file: file.name, line: mark.line,
                        "workday \(date) falls on the national holiday \(holiday.name) "
                            + "(\(holiday.file) line \(holiday.line)); a division may add rest days, not remove them")
                }
            }
            local[division] = fileMarks
        }

        return WorkingDayCalendar(
            coveredYears: years.keys.sorted(), localDivisions: locals.keys.sorted(), national: national, local: local)
    }

    /// The declared days of one file, refusing a date that two lines name.
    private static func marks(of file: CalendarFile) throws(CalendarError) -> [CivilDate: Mark] {
        var marks: [CivilDate: Mark] = [:]
        for entry in file.entries {
            for date in entry.first...entry.last {
                if let other = marks[date] {
                    let what = { (isHoliday: Bool) in isHoliday ? "a holiday" : "a workday" }
                    if other.isHoliday == entry.isHoliday {
                        throw CalendarError(
                            .overlappingRanges, file: file.name, line: entry.line,
                            "\(date) is already \(what(other.isHoliday)) on line \(other.line) (\(other.name)); "
                                + "each date may appear on one line only")
                    }
                    throw CalendarError(
                        .holidayAndWorkday, file: file.name, line: entry.line,
                        "\(date) is \(what(other.isHoliday)) on line \(other.line) (\(other.name)) "
                            + "and \(what(entry.isHoliday)) here; check the notice")
                }
                marks[date] = Mark(isHoliday: entry.isHoliday, name: entry.name, file: file.name, line: entry.line)
            }
        }
        return marks
    }

    private static func duplicate(_ file: CalendarFile, _ other: CalendarFile, _ what: String) -> CalendarError {
        CalendarError(
            .duplicateFile, file: file.name, "\(other.name) already holds \(what); keep one file for it")
    }
}
