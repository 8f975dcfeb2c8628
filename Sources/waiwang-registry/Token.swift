import ArgumentParser
import WaiwangCore
import WaiwangStore

/// `waiwang-registry token create`: issues a bearer token on the registry host, printed once.
struct Token: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Manage API tokens on the registry host.", subcommands: [Create.self])

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Create a token and print it once; only its hash is stored.")

        @OptionGroup var store: StoreOptions

        @Option(help: "Role: admin, county, security, auditor or agent.")
        var role: Role

        @Option(help: "Who or what holds the token (recorded in the audit log).")
        var name: String

        @Option(help: "Division code a county token is confined to.")
        var division: String?

        func run() async throws {
            let registry = try store.openStore()
            do {
                print(try await registry.createToken(name: name, role: role, divisionCode: division))
            } catch let error as RegistryError {
                throw ValidationError(error.description)
            }
        }
    }
}

extension Role: ExpressibleByArgument {}
