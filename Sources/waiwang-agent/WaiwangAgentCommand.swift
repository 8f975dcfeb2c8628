import ArgumentParser
import Foundation
import WaiwangAgent

/// `waiwang-agent`: the probe agent of a county (or the city) hub.
///
/// `enroll` joins the registry, `run` is the daemon systemd starts, `poll` and `port` check and act on a device by
/// hand, `analyze` and `capture` run the attack detectors over a capture file or a live port, `version` tells the
/// versions.
@main
struct WaiwangAgentCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "waiwang-agent",
        abstract: "The Waiwang probe agent of an extranet hub.",
        version: AgentInfo.version,
        subcommands: [
            Version.self, Enroll.self, Run.self, Poll.self, Port.self, Analyze.self, Capture.self, OutboxSoak.self,
        ]
    )
}

extension WaiwangAgentCommand {
    /// `waiwang-agent version`: the agent's version and those of net-snmp and libpcap.
    struct Version: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Print the agent version and the versions of net-snmp and libpcap."
        )

        @Flag(help: "Print one JSON object instead of one line per item.")
        var json = false

        func run() throws {
            let libraries = AgentInfo.libraryVersions()
            if json {
                let report = VersionReport(agent: AgentInfo.version, libraries: libraries)
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                print(String(decoding: try encoder.encode(report), as: UTF8.self))
            } else {
                print("waiwang-agent \(AgentInfo.version)")
                for name in libraries.keys.sorted() {
                    print("\(name): \(libraries[name, default: ""])")
                }
            }
        }
    }

    /// The JSON shape of `waiwang-agent version --json`.
    struct VersionReport: Encodable {
        var agent: String
        var libraries: [String: String]
    }
}
