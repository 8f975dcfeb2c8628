import Foundation
import Logging
import ServiceLifecycle
import WaiwangAPI

/// Writes the agent's heartbeat to the outbox every heartbeat interval of the assignment (or `defaultSeconds`
/// before there is one): version, uptime, assignment version, outbox depth, samples dropped (persisted, so they
/// are reported when the line is back even across restarts), polls, unreachable devices, capture counters.
///
/// The outbox keeps only the newest unsent heartbeat: after an outage one heartbeat with current counters goes up,
/// not one per interval of the outage.
public struct HeartbeatService: Service {
    let outbox: Outbox
    let holder: AssignmentHolder
    let stats: AgentStats
    let defaultSeconds: Double
    let logger: Logger

    public init(outbox: Outbox, holder: AssignmentHolder, stats: AgentStats, defaultSeconds: Double, logger: Logger) {
        self.outbox = outbox
        self.holder = holder
        self.stats = stats
        self.defaultSeconds = defaultSeconds
        self.logger = logger
    }

    public func run() async throws {
        try await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                beat()
                let seconds = holder.current.map { Double(max(1, $0.heartbeatIntervalSeconds)) } ?? defaultSeconds
                try await Task.sleep(for: .milliseconds(Int(seconds * 1000)))
            }
        }
    }

    /// Writes one heartbeat now.
    public func beat() {
        do {
            try outbox.enqueue(.heartbeat(heartbeat()))
        } catch {
            logger.error("cannot write the heartbeat", metadata: ["error": "\(error)"])
        }
    }

    /// The heartbeat as of now.
    public func heartbeat() throws -> HeartbeatObservation {
        let status = try outbox.status()
        stats.metrics.record(status)
        let counts = stats.snapshot
        return HeartbeatObservation(
            version: AgentInfo.version, uptimeSeconds: Date().timeIntervalSince(stats.startedAt),
            assignmentVersion: holder.current?.version, outboxDepth: status.depth,
            droppedSamples: status.droppedSamples, pollsCompleted: counts.polls, devicesUnreachable: counts.unreachable,
            capturePackets: counts.packets, captureDrops: counts.drops)
    }
}
