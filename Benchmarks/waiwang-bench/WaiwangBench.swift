import ArgumentParser

/// The benchmark driver: one subcommand per measured path.
@main
struct WaiwangBench: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "waiwang-bench",
        abstract: "Measures Waiwang's hot paths on this machine.",
        subcommands: [AttributionBenchmark.self]
    )
}
