import Foundation

/// RFC 3339 UTC with milliseconds, the time format of the wire and of the registry's store.
public enum Timestamp {
    /// `2026-11-27T04:05:44.123Z`.
    public static func rfc3339(_ date: Date = Date()) -> String {
        date.formatted(
            .iso8601.year().month().day().dateSeparator(.dash).time(includingFractionalSeconds: true)
                .timeSeparator(.colon).timeZone(separator: .omitted))
    }
}
