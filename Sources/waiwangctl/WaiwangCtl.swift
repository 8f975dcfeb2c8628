import ArgumentParser

/// `waiwangctl`: the operator's command line over the registry's API.
@main
struct WaiwangCtl: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "waiwangctl",
        abstract: "Operate the Waiwang registry of extranet access units (政务外网接入单位).",
        discussion: """
            Every command talks to the registry's API: --registry (or WAIWANG_REGISTRY) names it, --token \
            (or WAIWANG_TOKEN) authenticates. Exit status: 0 ok, 64 usage, 65 refused input, 66 not found, \
            69 registry unreachable, 77 not allowed, 1 audit chain broken.
            """,
        subcommands: [
            Health.self, Divisions.self, Units.self, Links.self, Prefixes.self, Devices.self, Credentials.self,
            Import.self, Export.self, Attribute.self, Applications.self, WorkCalendar.self, Audit.self,
            Agents.self, Incidents.self, Orders.self, Deliveries.self,
        ]
    )

    /// Lets --registry and --token also come before the subcommand (`waiwangctl --registry URL units list`).
    @OptionGroup(visibility: .hidden) var global: GlobalOptions
}
