/// One parsed calendar file: a year of the State Council notice, or one division's local holidays.
struct CalendarFile: Sendable {
    /// What a file holds, read from its name.
    enum Scope: Hashable, Sendable {
        /// `2025.txt`: the national holidays and adjusted workdays of one year.
        case year(Int)
        /// `local-530426.txt`: the local holidays of one division (GB/T 2260 code).
        case local(division: String)
    }

    /// One dated line: a holiday or an adjusted workday over a date or an inclusive range.
    struct Entry: Sendable {
        var isHoliday: Bool
        var first: CivilDate
        var last: CivilDate
        var name: String
        var line: Int
    }

    /// The longest range one line may hold; longer is taken for a typo (the longest notice so far gives 9 days).
    static let longestRange = 31

    let name: String
    let scope: Scope
    let entries: [Entry]

    /// Reads `text` as the file `name` (a path is allowed; only its last component is looked at).
    init(name: String, text: String) throws(CalendarError) {
        self.name = name
        self.scope = try CalendarFile.scope(of: name)
        var entries: [Entry] = []
        var body = Substring(text)
        if body.first == "\u{FEFF}" { body = body.dropFirst() }
        for (index, rawLine) in body.split(omittingEmptySubsequences: false, whereSeparator: \.isNewline).enumerated() {
            do {
                if let entry = try CalendarFile.entry(rawLine, line: index + 1, scope: scope) {
                    entries.append(entry)
                }
            } catch {
                throw error.located(file: name, line: index + 1)
            }
        }
        self.entries = entries
    }

    static func scope(of name: String) throws(CalendarError) -> Scope {
        let base = name.split(separator: "/", omittingEmptySubsequences: false).last.map(String.init) ?? name
        let bytes = Array(base.utf8)
        func digits(_ slice: ArraySlice<UInt8>) -> Bool {
            !slice.isEmpty && slice.allSatisfy { (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }
        }
        if base.hasSuffix(".txt") {
            let stem = bytes.dropLast(4)
            if stem.count == 4, digits(stem), let year = Int(String(decoding: stem, as: UTF8.self)), year >= 1 {
                return .year(year)
            }
            let prefix = Array("local-".utf8)
            if stem.count == prefix.count + 6, stem.starts(with: prefix), digits(stem.dropFirst(prefix.count)) {
                return .local(division: String(decoding: stem.dropFirst(prefix.count), as: UTF8.self))
            }
        }
        throw CalendarError(
            .unknownFileName, file: name,
            "a calendar file is named YYYY.txt (a year of the State Council notice, e.g. 2027.txt) "
                + "or local-DDDDDD.txt (a division's local holidays, e.g. local-530426.txt)")
    }

    /// The entry on one line, nil for a blank or comment line; errors are located by the caller.
    private static func entry(_ rawLine: Substring, line: Int, scope: Scope) throws(CalendarError) -> Entry? {
        let content = rawLine.prefix { $0 != "#" }
        let fields = content.split(maxSplits: 2, whereSeparator: \.isWhitespace)
        guard let keyword = fields.first else { return nil }
        let isHoliday: Bool
        switch keyword {
        case "holiday": isHoliday = true
        case "workday": isHoliday = false
        default:
            throw CalendarError(
                .unknownKeyword,
                "unknown keyword \"\(keyword)\"; a line is \"holiday DATE[..DATE] NAME\" or \"workday DATE NAME\"")
        }
        guard fields.count >= 2 else {
            throw CalendarError(.malformedLine, "\(keyword) needs a date or a range, e.g. \(keyword) 2025-10-01 国庆节")
        }
        let (first, last) = try dates(fields[1])
        guard first <= last else {
            throw CalendarError(.malformedLine, "range \(fields[1]) ends before it starts")
        }
        let span = first.distance(to: last) + 1
        guard span <= longestRange else {
            throw CalendarError(
                .malformedLine,
                "range \(fields[1]) spans \(span) days; more than \(longestRange) is taken for a typo")
        }
        let name = fields.count == 3 ? String(fields[2].trimmingWhitespace()) : ""
        guard !name.isEmpty else {
            throw CalendarError(
                .malformedLine,
                "\(keyword) \(fields[1]) needs a name after the date, as the notice gives it (e.g. 春节, 春节调休)")
        }
        if case .year(let year) = scope, first.year != year || last.year != year {
            let outside = first.year != year ? first : last
            throw CalendarError(
                .dateOutsideYear,
                "\(outside) is not in \(year); each year's dates go in that year's file (\(outside.year).txt)")
        }
        if !isHoliday {
            for date in first...last where !date.weekday.isWeekend {
                throw CalendarError(
                    .workdayNotWeekend,
                    "workday \(date) is a \(date.weekday.chineseName), a working day anyway; "
                        + "an adjusted workday (调休上班) is a Saturday or Sunday")
            }
        }
        return Entry(isHoliday: isHoliday, first: first, last: last, name: name, line: line)
    }

    private static func dates(_ field: Substring) throws(CalendarError) -> (CivilDate, CivilDate) {
        guard let dots = field.firstRange(of: "..") else {
            let date = try CivilDate.parse(field)
            return (date, date)
        }
        return (try CivilDate.parse(field[..<dots.lowerBound]), try CivilDate.parse(field[dots.upperBound...]))
    }
}

extension Substring {
    fileprivate func trimmingWhitespace() -> Substring {
        var trimmed = drop(while: \.isWhitespace)
        while let last = trimmed.last, last.isWhitespace { trimmed = trimmed.dropLast() }
        return trimmed
    }
}
