extension CivilDate: LosslessStringConvertible {
    /// Reads exactly `YYYY-MM-DD` with ASCII digits (`2025-09-30`); anything else is an `invalidDate` error.
    public static func parse(_ text: some StringProtocol) throws(CalendarError) -> CivilDate {
        let bytes = Array(text.utf8)
        let shapeIsRight =
            bytes.count == 10
            && bytes.enumerated().allSatisfy { index, byte in
                index == 4 || index == 7
                    ? byte == UInt8(ascii: "-") : (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(byte)
            }
        guard shapeIsRight else {
            throw .invalidDate(String(text), "a date is written YYYY-MM-DD with ASCII digits, e.g. 2025-09-30")
        }
        func number(_ range: Range<Int>) -> Int {
            bytes[range].reduce(0) { $0 * 10 + Int($1 - UInt8(ascii: "0")) }
        }
        return try CivilDate(year: number(0..<4), month: number(5..<7), day: number(8..<10))
    }

    /// Reads `YYYY-MM-DD`; nil for anything else (use `parse` for the reason).
    public init?(_ description: String) {
        guard let date = try? CivilDate.parse(description) else { return nil }
        self = date
    }

    /// `YYYY-MM-DD`.
    public var description: String {
        CivilDate.format(year: year, month: month, day: day)
    }
}

extension CivilDate: Codable {
    /// Decodes the string `YYYY-MM-DD`, strictly.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self = try CivilDate.parse(text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.message)
        }
    }

    /// Encodes the string `YYYY-MM-DD`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
