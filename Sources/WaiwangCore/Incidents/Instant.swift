/// A moment on the registry's clock: whole seconds since 1970-01-01 00:00:00 UTC (Unix time).
///
/// The domain takes "now" as an argument and never reads a clock; encoded as a bare integer.
public struct Instant: Hashable, Comparable, Sendable, Codable, CustomStringConvertible {
    /// Seconds since 1970-01-01 00:00:00 UTC.
    public var secondsSince1970: Int

    public init(secondsSince1970: Int) {
        self.secondsSince1970 = secondsSince1970
    }

    /// The first second of `date` in China Standard Time (UTC+8), the clock of the measures.
    public init(startOf date: CivilDate) {
        secondsSince1970 = date.daysSince1970 * 86_400 - CivilDate.chinaStandardTimeOffset
    }

    public init(from decoder: any Decoder) throws {
        secondsSince1970 = try decoder.singleValueContainer().decode(Int.self)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(secondsSince1970)
    }

    public static func < (lhs: Instant, rhs: Instant) -> Bool { lhs.secondsSince1970 < rhs.secondsSince1970 }

    /// This moment `seconds` later (earlier when negative).
    public func adding(seconds: Int) -> Instant { Instant(secondsSince1970: secondsSince1970 + seconds) }

    /// This moment `minutes` later.
    public func adding(minutes: Int) -> Instant { adding(seconds: minutes * 60) }

    /// Seconds from this moment to `other` (negative when `other` is earlier).
    public func seconds(to other: Instant) -> Int { other.secondsSince1970 - secondsSince1970 }

    /// The calendar day of this moment in China Standard Time.
    public var chinaDate: CivilDate { CivilDate(secondsSince1970: secondsSince1970) }

    /// `2026-11-27 08:00:00`, China Standard Time, as reports print it.
    public var chinaText: String {
        let local = secondsSince1970 + CivilDate.chinaStandardTimeOffset
        let second = ((local % 86_400) + 86_400) % 86_400
        func two(_ value: Int) -> String { value < 10 ? "0\(value)" : "\(value)" }
        return "\(chinaDate) \(two(second / 3600)):\(two(second / 60 % 60)):\(two(second % 60))"
    }

    public var description: String { chinaText + " CST" }
}
