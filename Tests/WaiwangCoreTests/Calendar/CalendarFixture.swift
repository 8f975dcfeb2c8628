import Foundation
import WaiwangCore

/// The working-day calendar shipped in `Config/calendar/`, read from the package root, and helpers for its tests.
enum CalendarFixture {
    static let folder = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent()  // Calendar
        .deletingLastPathComponent()  // WaiwangCoreTests
        .deletingLastPathComponent()  // Tests
        .deletingLastPathComponent()
        .appending(path: "Config/calendar")

    /// Every `.txt` file of `Config/calendar/`, as the registry hands them to the parser.
    static func shippedFiles() throws -> [(name: String, text: String)] {
        try FileManager.default.contentsOfDirectory(atPath: folder.path)
            .filter { $0.hasSuffix(".txt") }
            .sorted()
            .map { name in (name: name, text: try String(contentsOf: folder.appending(path: name), encoding: .utf8)) }
    }

    /// The shipped calendar, plus `extra` files (a local file, a fault to provoke).
    static func shipped(adding extra: [(name: String, text: String)] = []) throws -> WorkingDayCalendar {
        try WorkingDayCalendar.parse(files: shippedFiles() + extra)
    }

    /// A made-up local file for 峨山彝族自治县 (530426): 火把节 Thursday–Friday 2025-07-17/18, Sunday 07-20 worked.
    static let eshanTorchFestival = (
        name: "local-530426.txt",
        text: """
        # test data only: not the county's real notice
        holiday 2025-07-17..2025-07-18  火把节
        workday 2025-07-20              火把节调休
        """
    )

    /// `YYYY-MM-DD` as a date; the tables hold only valid dates.
    static func date(_ text: String) -> CivilDate {
        CivilDate(text)!
    }
}
