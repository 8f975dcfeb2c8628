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

                With --traps udp:HOST:PORT the agent also listens for linkDown/linkUp traps (SNMPv1 and v2c, community
                --trap-community): a trap is printed, applied to its link at once, and re-polls the device it came
                from (matched by source address or agent address). --watch polls every --interval until SIGINT or
                SIGTERM (or --duration). An unreachable device backs off: 1, 2, 4 … × --interval, at most
                --backoff-cap seconds; a trap from it polls it at once.
                """)

        @Option(name: .customLong("target"), help: "A device, e.g. udp:10.53.4.1:161 (repeatable).")
        var targets: [String] = []
        @Option(name: .customLong("targets"), help: "A file of targets, one per line (TARGET [COMMUNITY]).")
        var targetsFile: String?
        @OptionGroup var access: SNMPAccessOptions
        @Option(help: "Devices polled at once.") var concurrency = 32
        @Option(help: "Polls of each device.") var count = 1
        @Option(help: "Seconds between polls.") var interval: Double = 10
        @Option(help: "Link-health thresholds (JSON); default Config/link-health.json when present.")
        var linkHealth: String?
        @Flag(help: "One JSON object per device and poll, numbers as numbers.") var json = false
        @Option(help: "Listen for linkDown/linkUp traps on this address, e.g. udp:127.0.0.1:1162.") var traps: String?
        @Option(help: "Community accepted on traps (repeatable; default: --community).") var trapCommunity: [String] =
            []
        @Flag(help: "Poll every --interval until SIGINT or SIGTERM (or --duration).") var watch = false
        @Option(help: "Stop after this many seconds (with --watch or --traps).") var duration: Double?
        @Option(help: "Longest wait, in seconds, between polls of an unreachable device.") var backoffCap: Double = 300

        func validate() throws {
            guard !targets.isEmpty || targetsFile != nil else {
                throw ValidationError("give at least one --target udp:HOST:PORT or a --targets FILE")
            }
            guard (1...1000).contains(count) else { throw ValidationError("--count must be 1…1000") }
            guard interval > 0, interval <= 86_400 else { throw ValidationError("--interval must be 0…86400 s") }
            guard (1...4096).contains(concurrency) else { throw ValidationError("--concurrency must be 1…4096") }
            if let duration {
                guard duration > 0, duration <= 31_536_000 else {
                    throw ValidationError("--duration must be 0…31536000 s")
                }
            }
            guard backoffCap >= interval, backoffCap <= 86_400 else {
                throw ValidationError("--backoff-cap must be at least --interval and at most 86400 s")
            }
            if let traps {
                do {
                    _ = try SNMPTarget(traps, credentials: .v2c(community: "x"))
                } catch {
                    throw ValidationError("--traps: \(error)")
                }
            }
            if !trapCommunity.isEmpty {
                guard traps != nil else { throw ValidationError("--trap-community needs --traps") }
                guard trapCommunity.allSatisfy({ !$0.isEmpty && !$0.utf8.contains(0) }) else {
                    throw ValidationError("--trap-community must not be empty")
                }
            }
            _ = try resolvedTargets()
        }

        func run() async throws {
            let devices = try resolvedTargets()
            let policy = try linkHealthPolicy()
            let output = PollOutput(json: json)
            let listener: TrapListener?
            if let traps {
                do {
                    listener = try TrapListener(
                        address: traps, communities: trapCommunity.isEmpty ? [access.community] : trapCommunity)
                } catch {
                    FileHandle.standardError.write(Data("error: --traps \(traps): \(error)\n".utf8))
                    throw ExitCode(69)
                }
            } else {
                listener = nil
            }
            let watching = watch || listener != nil
            // Keyed by the whole target (address and credentials): one address can front several devices
            // (an SNMP proxy, community@vlan), each with its own counters.
            let scheduler = PollScheduler(
                targets: devices, cycle: PollCycle(concurrency: concurrency),
                monitor: LinkMonitor(policy: policy, interval: interval, backoffCap: backoffCap),
                emit: { event in
                    // Health changes and traps are events of a run that watches; a plain poll prints devices only.
                    if case .change = event, !watching { return }
                    output.emit(event)
                })
            let stop = StopSignal()
            let signals = watch || listener != nil ? stop.installSignalHandlers() : []
            let clock = ContinuousClock()
            let begun = clock.now
            let end = duration.map { begun + .milliseconds(Int($0 * 1000)) }
            await withTaskGroup(of: Void.self) { group in
                if let listener {
                    group.addTask {
                        for await event in listener.events { await scheduler.handle(event) }
                    }
                }
                group.addTask {
                    // A round is a child of its own so the next starts on time; finished ones are discarded,
                    // so a --watch that runs for months holds no handle of past rounds.
                    await withDiscardingTaskGroup { rounds in
                        var round = 0
                        while !stop.isStopped {
                            round += 1
                            let started = clock.now
                            rounds.addTask { await scheduler.runRound() }
                            // Without --watch or --traps, the last round ends the run once its devices have answered.
                            if !watch && round >= count && listener == nil { break }
                            var next = started + .milliseconds(Int(interval * 1000))
                            if let end { next = min(next, end) }
                            await stop.sleep(until: next)
                            if let end, clock.now >= end { break }
                            if !watch && round >= count { break }
                        }
                    }
                    await scheduler.drain()
                    listener?.stop()
                }
                await group.waitForAll()
            }
            for source in signals { source.cancel() }
            if let listener { output.statistics(listener.statistics) }
        }

        private func resolvedTargets() throws -> [SNMPTarget] {
            var lines = targets.map { ($0, access.community) }
            if let targetsFile {
                guard let text = try? String(contentsOfFile: targetsFile, encoding: .utf8) else {
                    throw ValidationError("cannot read --targets \(targetsFile)")
                }
                for raw in text.split(whereSeparator: \.isNewline) {
                    let line = raw.split(separator: "#", maxSplits: 1).first.map(String.init)?.trimmingBlanks() ?? ""
                    guard !line.isEmpty else { continue }
                    let fields = line.split(whereSeparator: \.isWhitespace).map(String.init)
                    lines.append((fields[0], fields.count > 1 ? fields[1] : access.community))
                }
            }
            return try lines.map { address, community in try access.target(address, community: community) }
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
