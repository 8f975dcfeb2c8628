import Foundation
import Synchronization

/// The counters the heartbeat reports, shared by the services of one run.
///
/// Capture hook: the capture code calls ``addCapture(packets:drops:)``; it shows in the heartbeat and on `/metrics`.
public final class AgentStats: Sendable {
    private struct Counts {
        var pollsCompleted = 0
        var unreachable: Set<String> = []
        var capturePackets = 0
        var captureDrops = 0
    }

    private let counts = Mutex(Counts())
    public let metrics: AgentMetrics
    /// When this run started.
    public let startedAt = Date()

    public init(metrics: AgentMetrics) {
        self.metrics = metrics
    }

    /// A device answered (or not) a poll.
    func poll(device: String, reachable: Bool) {
        counts.withLock {
            $0.pollsCompleted += 1
            if reachable { $0.unreachable.remove(device) } else { $0.unreachable.insert(device) }
        }
        (reachable ? metrics.pollsOK : metrics.pollsFailed).increment()
    }

    /// A round of polls (every due device, in parallel) took `duration`.
    func roundFinished(_ duration: Duration) {
        metrics.pollDuration.record(duration)
    }

    /// The capture saw `packets` more packets and lost `drops` more.
    public func addCapture(packets: Int, drops: Int) {
        counts.withLock {
            $0.capturePackets += packets
            $0.captureDrops += drops
        }
        metrics.capturePackets.increment(by: Int64(packets))
        metrics.captureDrops.increment(by: Int64(drops))
    }

    /// Polls completed, devices unreachable now, capture packets and drops.
    var snapshot: (polls: Int, unreachable: Int, packets: Int, drops: Int) {
        counts.withLock { ($0.pollsCompleted, $0.unreachable.count, $0.capturePackets, $0.captureDrops) }
    }
}
