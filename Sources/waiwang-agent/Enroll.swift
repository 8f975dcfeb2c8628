import ArgumentParser
import Foundation
import WaiwangAgent

extension WaiwangAgentCommand {
    /// `waiwang-agent enroll`: joins the registry with a one-time token and stores the credential (mode 0600).
    struct Enroll: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Trade a one-time enrolment token for this agent's credential, stored under --state-dir.",
            discussion: """
                The token comes from `waiwangctl agents create --hub HUB`. The credential is written to
                STATE-DIR/credential.json with mode 0600; an existing one is kept unless --force.
                Exit status: 0 enrolled, 64 bad usage, 65 already enrolled, 69 registry unreachable or refusing.
                """)

        @Option(help: "The registry, e.g. https://waiwang.example.org.") var registry: String
        @Option(help: "The one-time enrolment token.") var token: String
        @Option(help: "Where the agent keeps its state (the unit's StateDirectory).") var stateDir: String
        @Option(help: "PEM file of the CA that signed the registry's certificate.") var ca: String?
        @Flag(help: "Allow plain http to a loopback registry (tests only).") var allowInsecureLoopback = false
        @Flag(help: "Replace an existing credential.") var force = false

        func validate() throws {
            guard !token.isEmpty else { throw ValidationError("--token must not be empty") }
            do {
                _ = try UplinkEndpoint(url: registry, caFile: ca, allowInsecureLoopback: allowInsecureLoopback)
            } catch let error as UplinkError {
                throw ValidationError("--registry: \(error.message)")
            }
        }

        func run() async throws {
            let endpoint = try UplinkEndpoint(url: registry, caFile: ca, allowInsecureLoopback: allowInsecureLoopback)
            do {
                let credential = try await Enrollment.enroll(
                    endpoint: endpoint, token: token, stateDirectory: stateDir,
                    hostname: ProcessInfo.processInfo.hostName, force: force)
                print(
                    "enrolled as agent \(credential.agentId) of hub \(credential.hub); credential in "
                        + CredentialStore(stateDirectory: stateDir).path)
            } catch let error as UplinkError {
                FileHandle.standardError.write(Data("error: \(error)\n".utf8))
                throw ExitCode(error.code == .configuration ? 65 : 69)
            }
        }
    }
}
