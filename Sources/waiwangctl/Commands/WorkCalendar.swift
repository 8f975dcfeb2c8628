import ArgumentParser
import WaiwangAPI
import WaiwangCore

/// `waiwangctl calendar …`: the working-day calendar the deadlines of articles 18–19 are counted in.
struct WorkCalendar: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "calendar",
        abstract: "The working-day calendar (statutory holidays, adjusted workdays, local holidays): deadline.",
        subcommands: [Deadline.self])

    struct Deadline: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "The N-th working day after a date, as the registry counts deadlines.",
            discussion: "Exit status 65 when the calendar does not reach that far (a year file is missing).")

        @OptionGroup var global: GlobalOptions
        @Option(help: "The starting date, YYYY-MM-DD.") var from: String
        @Option(help: "Working days to count.") var days: Int
        @Option(help: "Division code whose local holidays count too, e.g. 530426.") var division: String?
        @Flag(help: "Print the API's JSON.") var json = false

        func validate() throws {
            do { _ = try CivilDate.parse(from) } catch { throw ValidationError("--from: \(error)") }
            if days < 0 { throw ValidationError("--days must not be negative") }
        }

        func run() async throws {
            let deadline = try await global.withClient {
                try await $0.workingDayDeadline(from: from, workingDays: days, division: division)
            }
            if json { return try printJSON(deadline) }
            let scope = deadline.divisionCode.map { " (with the local holidays of \($0))" } ?? ""
            print("\(deadline.due): \(deadline.workingDays) working days after \(deadline.from)\(scope)")
        }
    }
}
