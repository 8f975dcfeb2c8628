import ArgumentParser
import Foundation
import WaiwangCore
import WaiwangRegistry
import WaiwangStore

/// `waiwang-registry`: the central registry server and its local administration.
@main
struct RegistryCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "waiwang-registry",
        abstract: "The Waiwang registry: access units, links, hub devices and prefixes of the extranet.",
        version: RegistryApplication.version,
        subcommands: [Serve.self, Token.self])
}

/// Where the registry keeps its data and reads its configuration.
struct StoreOptions: ParsableArguments {
    @Option(help: "Directory of the SQLite database (registry.sqlite).")
    var dataDir: String = "var"

    @Option(help: "Configuration directory holding divisions.json.")
    var config: String = "Config"

    func openStore() throws -> RegistryStore {
        try openStore(loadConfiguration())
    }

    /// The configuration directory, read and checked.
    func loadConfiguration() throws -> RegistryConfiguration {
        do { return try RegistryConfiguration.load(directory: config) } catch {
            throw ValidationError("\(error)")
        }
    }

    func openStore(_ configuration: RegistryConfiguration) throws -> RegistryStore {
        try FileManager.default.createDirectory(atPath: dataDir, withIntermediateDirectories: true)
        return try RegistryStore(
            path: (dataDir as NSString).appendingPathComponent("registry.sqlite"),
            tree: configuration.tree, calendar: configuration.calendar,
            policy: configuration.policy, agentPolicy: configuration.agents,
            incidentPolicy: configuration.incidents)
    }
}
