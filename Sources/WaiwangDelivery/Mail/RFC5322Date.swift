import Foundation

/// The date-time of RFC 5322 §3.3, e.g. `Fri, 27 Nov 2026 12:42:25 +0800`, in English whatever the host's locale.
enum RFC5322Date {
    static func format(_ date: Date, utcOffsetSeconds offset: Int) -> String {
        let formatter = DateFormatter()
        formatter.locale = Locale(identifier: "en_US_POSIX")
        formatter.calendar = Calendar(identifier: .gregorian)
        formatter.timeZone = TimeZone(secondsFromGMT: offset)
        formatter.dateFormat = "EEE, dd MMM yyyy HH:mm:ss Z"
        return formatter.string(from: date)
    }
}
