import ArgumentParser
import Logging
import WaiwangRegistry

/// `waiwang-registry serve`: runs the HTTP API until SIGTERM or SIGINT.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Serve the registry API.")

    @OptionGroup var store: StoreOptions

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on.")
    var port = 8080

    @Option(help: "Log level: trace, debug, info, notice, warning, error.")
    var logLevel: Logger.Level = .info

    func run() async throws {
        var logger = Logger(label: "waiwang-registry")
        logger.logLevel = logLevel
        let registry = try store.openStore()
        logger.info(
            "registry store open",
            metadata: ["dataDir": "\(store.dataDir)", "divisions": "\(registry.tree.divisions.count)"])
        let app = RegistryApplication.make(store: registry, host: host, port: port, logger: logger)
        try await app.runService()
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
