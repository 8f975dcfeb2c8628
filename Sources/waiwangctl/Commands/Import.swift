import ArgumentParser
import Foundation
import WaiwangAPI
import WaiwangClient

/// `waiwangctl import units|links|prefixes FILE`: a CSV inventory into the registry, all or nothing.
struct Import: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import a CSV inventory (units, then links, then prefixes); all rows or none.",
        discussion: """
            The file is UTF-8 (a BOM is fine) with Chinese or English headers, as `export` writes them. When any \
            row is bad nothing is stored: every bad row is printed as "line N: field: message [rule]" and the \
            exit status is 65. --dry-run validates without storing.
            """)

    /// The largest file the registry accepts.
    static let maxBytes = 64 << 20

    @OptionGroup var global: GlobalOptions
    @Argument(help: "units, links or prefixes.") var inventory: Inventory
    @Argument(help: "The CSV file.", completion: .file(extensions: ["csv"])) var file: String
    @Flag(help: "Validate every row and report, store nothing.") var dryRun = false
    @Flag(help: "Print the API's JSON report.") var json = false

    func validate() throws {
        let attributes: [FileAttributeKey: Any]
        do { attributes = try FileManager.default.attributesOfItem(atPath: file) } catch {
            throw ValidationError("cannot read \(file): no such file or not readable")
        }
        if let size = attributes[.size] as? Int, size > Self.maxBytes {
            throw ValidationError(
                "\(file) is \(size >> 20) MiB; the registry accepts at most 64 MiB per import, split it")
        }
    }

    func run() async throws {
        let data: Data
        do { data = try Data(contentsOf: URL(fileURLWithPath: file)) } catch {
            printError("error: cannot read \(file): \(error.localizedDescription)")
            throw ExitCode(66)
        }
        let progress = UploadProgressLine.reporter(label: "import \(inventory.rawValue)", bytes: data.count)
        let report = try await global.withClient { client in
            // The progress line goes before anything else is printed, the registry's refusal included.
            defer { if progress != nil { UploadProgressLine.clear() } }
            return try await client.uploadCSV(kind: inventory.kind, data: data, dryRun: dryRun, progress: progress)
        }
        if json {
            try printJSON(report)
        } else if report.dryRun {
            print("\(report.kind) (dry run): \(report.rows) rows valid, nothing stored")
        } else {
            print("\(report.kind): \(report.rows) rows, \(report.created) created")
        }
        // A 200 with errors should not happen; treat it as the refusal it is.
        if !report.errors.isEmpty {
            for item in report.errors { printError("  " + Failure.describe(item)) }
            throw ExitCode(Failure.dataError)
        }
    }
}
