import ArgumentParser
import Foundation
import WaiwangClient

/// Where the registry is and who is calling: shared by every subcommand.
struct GlobalOptions: ParsableArguments {
    static let defaultRegistry = "http://127.0.0.1:8080"

    @Option(
        name: .customLong("registry"),
        help: ArgumentHelp(
            "The registry's base URL (default: $WAIWANG_REGISTRY, else \(defaultRegistry)).", valueName: "url"))
    var registryOption: String?

    @Option(
        name: .customLong("token"),
        help: ArgumentHelp(
            "Bearer token (default: $WAIWANG_TOKEN).", valueName: "token"))
    var tokenOption: String?

    @Option(
        name: .customLong("ca-file"),
        help: ArgumentHelp(
            "PEM of the CA that signed an https registry's certificate (default: $WAIWANG_CA_FILE, else the system's).",
            valueName: "pem"))
    var caFileOption: String?

    var registry: String {
        registryOption ?? ProcessInfo.processInfo.environment["WAIWANG_REGISTRY"] ?? Self.defaultRegistry
    }

    var token: String? {
        tokenOption ?? ProcessInfo.processInfo.environment["WAIWANG_TOKEN"]
    }

    var caFile: String? {
        caFileOption ?? ProcessInfo.processInfo.environment["WAIWANG_CA_FILE"]
    }

    func validate() throws {
        guard let url = URL(string: registry), let scheme = url.scheme?.lowercased(),
            ["http", "https"].contains(scheme), url.host != nil
        else {
            throw ValidationError("--registry \"\(registry)\" is not an http(s) URL, e.g. \(Self.defaultRegistry)")
        }
    }

    /// Runs `body` with a client of the registry; a refusal or failure is printed and becomes the exit status.
    func withClient<T: Sendable>(_ body: (RegistryClient) async throws -> T) async throws -> T {
        guard let url = URL(string: registry) else { throw ExitCode(Failure.usage) }
        do {
            return try await RegistryClient.withClient(baseURL: url, token: token, caFile: caFile, body)
        } catch let error as RegistryClientError {
            throw Failure.report(error)
        }
    }
}
