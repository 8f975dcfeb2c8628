import ArgumentParser
import Foundation
import WaiwangAgent
import WaiwangCore
import WaiwangSNMP

extension WaiwangAgentCommand {
    /// `waiwang-agent port`: acts on one port of a hub device.
    struct Port: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Act on one port of a hub device by SNMP.", subcommands: [SetAdminStatus.self])
    }
}

extension WaiwangAgentCommand.Port {
    /// `waiwang-agent port set-admin-status`: shut (down) or restore (up) a port, confirmed by reading it back.
    struct SetAdminStatus: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Set a port's ifAdminStatus (down shuts it, up restores it) and read it back until confirmed.",
            discussion: """
                Needs a read-write community or v3 user. Reach the device over a management address, never through
                the port being shut: the device applies a SET that cuts its own path but never answers it.
                Exit status: 0 confirmed, 1 not confirmed before --deadline, 64 bad usage, 69 SNMP error.
                """)

        @Option(help: "The device, e.g. udp:10.53.4.1:161.") var target: String
        @OptionGroup var access: SNMPAccessOptions
        @Option(help: "The port by ifName (ifDescr if the device has no ifName).") var ifName: String?
        @Option(help: "The port by ifIndex.") var ifIndex: Int?
        @Option(help: "up or down.") var status: String
        @Option(help: "Seconds to wait for the device to confirm.") var deadline: Double = 15
        @Flag(help: "Print one JSON object.") var json = false

        func validate() throws {
            guard (ifName == nil) != (ifIndex == nil) else {
                throw ValidationError("give one of --if-name or --if-index")
            }
            if let ifIndex, !(1...Int(Int32.max)).contains(ifIndex) {
                throw ValidationError("--if-index must be 1…2147483647")
            }
            guard ["up", "down"].contains(status) else { throw ValidationError("--status is up or down") }
            guard deadline > 0, deadline <= 600 else { throw ValidationError("--deadline must be 0…600 s") }
            _ = try access.target(target, community: access.community)
        }

        func run() async throws {
            let device = try access.target(target, community: access.community)
            let port: PortAdminControl.Port = ifIndex.map { .ifIndex($0) } ?? .ifName(ifName ?? "")
            let outcome: PortAdminControl.Outcome
            do {
                let session = try await SNMPSession(device)
                outcome = try await PortAdminControl().set(
                    port, to: status == "down" ? .down : .up, on: session,
                    deadline: .milliseconds(Int(deadline * 1000)))
            } catch let error as SNMPError {
                FileHandle.standardError.write(Data("error: \(device): \(error) — \(error.advice)\n".utf8))
                throw ExitCode(69)
            }
            if json {
                let encoder = JSONEncoder()
                encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
                print(String(decoding: try encoder.encode(outcome), as: UTF8.self))
            } else {
                print(
                    "\(outcome.target) ifIndex \(outcome.ifIndex): admin \(outcome.ifAdminStatus.map(String.init) ?? "?")"
                        + " oper \(outcome.ifOperStatus.map(String.init) ?? "?") after \(String(format: "%.1f", outcome.seconds)) s, "
                        + (outcome.confirmed ? "confirmed \(outcome.requested)" : "NOT confirmed \(outcome.requested)"))
            }
            if !outcome.confirmed { throw ExitCode(1) }
        }
    }
}
