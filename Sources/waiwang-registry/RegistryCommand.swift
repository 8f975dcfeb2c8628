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
        let tree = try DivisionTreeLoader.load(directory: config)
        try FileManager.default.createDirectory(atPath: dataDir, withIntermediateDirectories: true)
        return try RegistryStore(path: (dataDir as NSString).appendingPathComponent("registry.sqlite"), tree: tree)
    }
}

/// Reads `divisions.json` with errors that name the file.
enum DivisionTreeLoader {
    static func load(directory: String) throws -> DivisionTree {
        let path = (directory as NSString).appendingPathComponent("divisions.json")
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ValidationError("cannot read \(path); pass --config with the directory holding divisions.json")
        }
        do {
            return try JSONDecoder().decode(DivisionTree.self, from: data)
        } catch {
            throw ValidationError("\(path) is not a valid division tree: \(error)")
        }
    }
}
