import ArgumentParser
import Foundation
import WaiwangClient

/// `waiwangctl export units|links|prefixes`: an inventory as CSV, the way `import` reads it back.
struct Export: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Export an inventory as CSV (Chinese headers unless --english-headers).")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "units, links or prefixes.") var inventory: Inventory
    @Option(
        name: [.short, .long], help: "Write to this file instead of standard output.",
        completion: .file(extensions: ["csv"]))
    var output: String?
    @Flag(help: "English column names (name, creditCode, …) instead of Chinese.") var englishHeaders = false

    func run() async throws {
        let data = try await global.withClient {
            try await $0.exportCSV(kind: inventory.kind, english: englishHeaders)
        }
        guard let output else {
            // A reader that stops early (`| head`) is not an error.
            try? FileHandle.standardOutput.write(contentsOf: data)
            return
        }
        do { try data.write(to: URL(fileURLWithPath: output), options: .atomic) } catch {
            printError("error: cannot write \(output): \(error.localizedDescription)")
            throw ExitCode(73)
        }
        let rows = max(0, data.split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: true).count - 1)
        printError("wrote \(inventory.rawValue) to \(output) (\(data.count) bytes, about \(rows) rows)")
    }
}
