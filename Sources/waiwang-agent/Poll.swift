import ArgumentParser
import Foundation
import WaiwangAgent
import WaiwangCore
import WaiwangSNMP

extension WaiwangAgentCommand {
    /// `waiwang-agent poll`: polls devices once (or a few times) and prints what it found, the tool an operator
    /// uses to check a device before registering it.
    struct Poll: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract:
                "Poll hub devices by SNMP: sysName, sysUpTime and every interface; with --count 2, rates and health.",
            discussion: """
                Targets are udp:HOST:PORT (udp6:[ADDRESS]:PORT). A --targets file has one target per line, optionally
                followed by its community; # starts a comment. Numeric OIDs only: no MIB files are needed.
                """)

        @Option(name: .customLong("target"), help: "A device, e.g. udp:10.53.4.1:161 (repeatable).")
        var targets: [String] = []
        @Option(name: .customLong("targets"), help: "A file of targets, one per line (TARGET [COMMUNITY]).")
        var targetsFile: String?
        @Option(help: "SNMP version for community access: v1 or v2c.") var snmpVersion = "v2c"
        @Option(help: "Community (v1/v2c).") var community = "public"
        @Option(help: "SNMPv3 user (switches to v3).") var v3User: String?
        @Option(help: "SNMPv3 authentication: SHA or SHA-256.") var authProto: String?
        @Option(help: "SNMPv3 authentication passphrase (8 characters at least).") var authPass: String?
        @Option(help: "SNMPv3 privacy: AES (AES-128) or AES-256.") var privProto: String?
        @Option(help: "SNMPv3 privacy passphrase.") var privPass: String?
        @Option(help: "Seconds to wait for an answer.") var timeout: Double = 1
        @Option(help: "Retries after a timeout.") var retries = 1
        @Option(help: "Devices polled at once.") var concurrency = 32
        @Option(help: "Polls of each device.") var count = 1
        @Option(help: "Seconds between polls.") var interval: Double = 10
        @Option(help: "Link-health thresholds (JSON); default Config/link-health.json when present.")
        var linkHealth: String?
        @Flag(help: "One JSON object per device and poll, numbers as numbers.") var json = false

        func validate() throws {
            guard !targets.isEmpty || targetsFile != nil else {
                throw ValidationError("give at least one --target udp:HOST:PORT or a --targets FILE")
            }
            guard (1...1000).contains(count) else { throw ValidationError("--count must be 1…1000") }
            guard interval > 0, interval <= 86_400 else { throw ValidationError("--interval must be 0…86400 s") }
            guard timeout > 0, timeout <= 600 else { throw ValidationError("--timeout must be 0…600 s") }
            guard (1...4096).contains(concurrency) else { throw ValidationError("--concurrency must be 1…4096") }
            guard ["v1", "v2c"].contains(snmpVersion) else { throw ValidationError("--snmp-version is v1 or v2c") }
            _ = try resolvedTargets()
        }

        func run() async throws {
            let devices = try resolvedTargets()
            let policy = try linkHealthPolicy()
            let cycle = PollCycle(concurrency: concurrency)
            // Keyed by the whole target (address and credentials): one address can front several devices
            // (an SNMP proxy, community@vlan), each with its own counters.
            var previous: [SNMPTarget: DeviceSnapshot] = [:]
            let output = PollOutput(json: json)
            for round in 1...count {
                let started = ContinuousClock.now
                for outcome in await cycle.run(devices) {
                    switch outcome.result {
                    case .success(let snapshot):
                        let links = previous[outcome.target].map { LinkReport.compare($0, snapshot, policy: policy) }
                        try output.device(snapshot, links: links)
                        previous[outcome.target] = snapshot
                    case .failure(let error):
                        try output.unreachable(outcome.target, error)
                    }
                }
                if round < count { try await Task.sleep(until: started + .seconds(interval)) }
            }
        }

        private func resolvedTargets() throws -> [SNMPTarget] {
            var lines = targets.map { ($0, community) }
            if let targetsFile {
                guard let text = try? String(contentsOfFile: targetsFile, encoding: .utf8) else {
                    throw ValidationError("cannot read --targets \(targetsFile)")
                }
                for raw in text.split(whereSeparator: \.isNewline) {
                    let line = raw.split(separator: "#", maxSplits: 1).first.map(String.init)?.trimmingBlanks() ?? ""
                    guard !line.isEmpty else { continue }
                    let fields = line.split(whereSeparator: \.isWhitespace).map(String.init)
                    lines.append((fields[0], fields.count > 1 ? fields[1] : community))
                }
            }
            return try lines.map { address, community in
                do {
                    return try SNMPTarget(
                        address, credentials: credentials(community: community),
                        timeout: .milliseconds(Int(timeout * 1000)),
                        retries: retries)
                } catch {
                    throw ValidationError("\(error)")
                }
            }
        }

        private func credentials(community: String) throws -> SNMPTarget.Credentials {
            guard let v3User else {
                return snmpVersion == "v1" ? .v1(community: community) : .v2c(community: community)
            }
            var auth: (protocol: SNMPTarget.AuthProtocol, passphrase: String)?
            var priv: (protocol: SNMPTarget.PrivProtocol, passphrase: String)?
            if let authProto {
                let kind: SNMPTarget.AuthProtocol
                switch authProto.uppercased() {
                case "SHA", "SHA1", "SHA-1": kind = .sha
                case "SHA-256", "SHA256": kind = .sha256
                default: throw ValidationError("--auth-proto is SHA or SHA-256")
                }
                guard let authPass else { throw ValidationError("--auth-proto needs --auth-pass") }
                auth = (kind, authPass)
            }
            if let privProto {
                let kind: SNMPTarget.PrivProtocol
                switch privProto.uppercased() {
                case "AES", "AES-128", "AES128": kind = .aes128
                case "AES-256", "AES256": kind = .aes256
                default: throw ValidationError("--priv-proto is AES (AES-128) or AES-256")
                }
                guard let privPass else { throw ValidationError("--priv-proto needs --priv-pass") }
                priv = (kind, privPass)
            }
            return .v3(SNMPTarget.USMUser(name: v3User, auth: auth, priv: priv))
        }

        private func linkHealthPolicy() throws -> LinkHealthPolicy {
            let path = linkHealth ?? "Config/link-health.json"
            guard let data = FileManager.default.contents(atPath: path) else {
                if linkHealth != nil { throw ValidationError("cannot read --link-health \(path)") }
                return LinkHealthPolicy()
            }
            do {
                let policy = try JSONDecoder().decode(LinkHealthPolicy.self, from: data)
                try policy.validate()
                return policy
            } catch {
                throw ValidationError("\(path): \(error)")
            }
        }
    }
}
