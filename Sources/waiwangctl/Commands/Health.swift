import ArgumentParser

/// `waiwangctl health`: is the registry up, which version, how many units.
struct Health: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Check that the registry answers (no token needed).")

    @OptionGroup var global: GlobalOptions
    @Flag(help: "Print the API's JSON.") var json = false

    func run() async throws {
        let health = try await global.withClient { try await $0.health() }
        if json { return try printJSON(health) }
        print("registry \(global.registry): \(health.status), version \(health.version), \(health.units) units")
    }
}
