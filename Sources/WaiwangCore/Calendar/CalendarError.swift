/// Why a date, a calendar file or a working-day computation was refused: names the file and line, or the year to add.
public struct CalendarError: Error, Sendable, Hashable, CustomStringConvertible {
    /// The kind of refusal; new kinds can be added without breaking a caller.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Kind: String {
            case invalidDate, unknownKeyword, malformedLine, dateOutsideYear, holidayAndWorkday
            case overlappingRanges, workdayNotWeekend, unknownFileName, duplicateFile, emptyYear, yearNotCovered
        }
        private let kind: Kind
        private init(_ kind: Kind) { self.kind = kind }

        /// A date that is not `YYYY-MM-DD` or does not exist (2025-02-29).
        public static let invalidDate = Code(.invalidDate)
        /// A line that starts with neither `holiday` nor `workday`.
        public static let unknownKeyword = Code(.unknownKeyword)
        /// A line without a date or a name, with a backwards or overlong range, or with stray text.
        public static let malformedLine = Code(.malformedLine)
        /// A date in `2025.txt` that is not in 2025.
        public static let dateOutsideYear = Code(.dateOutsideYear)
        /// A date listed as a holiday and as a workday (in one file, or a local workday on a national holiday).
        public static let holidayAndWorkday = Code(.holidayAndWorkday)
        /// Two lines of one file that name the same date.
        public static let overlappingRanges = Code(.overlappingRanges)
        /// An adjusted workday (调休上班) on a Monday–Friday, which is a working day anyway.
        public static let workdayNotWeekend = Code(.workdayNotWeekend)
        /// A file named neither `YYYY.txt` nor `local-DDDDDD.txt`.
        public static let unknownFileName = Code(.unknownFileName)
        /// Two files for the same year or the same division.
        public static let duplicateFile = Code(.duplicateFile)
        /// A year file that lists no holiday, which no State Council notice does.
        public static let emptyYear = Code(.emptyYear)
        /// A computation needs a day in a year that has no year file.
        public static let yearNotCovered = Code(.yearNotCovered)

        public var description: String { kind.rawValue }
    }

    /// What kind of refusal.
    public let code: Code
    /// The calendar file at fault, as the loader named it, when there is one.
    public let file: String?
    /// The 1-based line in `file`, when there is one.
    public let line: Int?
    /// A sentence for the operator: what is wrong and what to do.
    public let message: String

    /// A refusal of `code`, optionally located in `file` at `line`.
    public init(_ code: Code, file: String? = nil, line: Int? = nil, _ message: String) {
        self.code = code
        self.file = file
        self.line = line
        self.message = message
    }

    /// `file:line: message`, or the message alone when no file is at fault.
    public var description: String {
        switch (file, line) {
        case (let file?, let line?): "\(file):\(line): \(message)"
        case (let file?, nil): "\(file): \(message)"
        default: message
        }
    }

    static func invalidDate(_ text: String, _ reason: String) -> CalendarError {
        CalendarError(.invalidDate, "\"\(text)\" is not a valid date: \(reason)")
    }

    /// The same error placed at `file:line`.
    func located(file: String, line: Int) -> CalendarError {
        CalendarError(code, file: file, line: line, message)
    }
}
