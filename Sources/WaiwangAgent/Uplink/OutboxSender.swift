import Foundation
import Logging
import ServiceLifecycle
import WaiwangAPI

/// Sends the outbox to the registry in batches, deletes what the registry acknowledged, and backs off with full
/// jitter while the registry is away; resumes by itself when it answers again.
///
/// A batch the registry refuses as invalid is halved until the bad observation is alone, which is then set aside
/// (``Outbox/reject(key:reason:)``) so that it never blocks the rest. A graceful stop cancels the request in hand:
/// nothing is deleted without an acknowledgement, so the batch simply goes again after the restart.
public struct OutboxSender: Service {
    let outbox: Outbox
    let uplink: RegistryUplink
    let batchSize: Int
    let backoffCap: Double
    let stats: AgentStats
    let logger: Logger

    public init(
        outbox: Outbox, uplink: RegistryUplink, batchSize: Int, backoffCap: Double, stats: AgentStats, logger: Logger
    ) {
        self.outbox = outbox
        self.uplink = uplink
        self.batchSize = max(1, batchSize)
        self.backoffCap = backoffCap
        self.stats = stats
        self.logger = logger
    }

    public func run() async throws {
        try await cancelWhenGracefulShutdown { try await loop() }
    }

    private func loop() async throws {
        var backoff = UplinkBackoff(base: 0.5, cap: backoffCap)
        var limit = batchSize
        while !Task.isCancelled {
            if let status = try? outbox.status() { stats.metrics.record(status) }
            let batch = try outbox.nextBatch(limit: limit)
            guard !batch.isEmpty else {
                try await Task.sleep(for: .milliseconds(250))
                continue
            }
            do {
                let ack = try await uplink.send(ObservationBatch(observations: batch))
                let deleted = try outbox.acknowledge(ack.keys)
                stats.metrics.observationsSent.increment(by: Int64(deleted))
                if backoff.failures > 0 {
                    logger.info("registry answers again", metadata: ["acknowledged": "\(deleted)"])
                }
                backoff.reset()
                limit = batchSize
            } catch let error as UplinkError where error.isRequestRejected {
                stats.metrics.uplinkErrors.increment()
                if batch.count == 1 {
                    logger.error(
                        "registry refuses an observation; set aside",
                        metadata: ["key": "\(batch[0].key)", "error": "\(error)"])
                    try outbox.reject(key: batch[0].key, reason: error.message)
                } else {
                    limit = max(1, batch.count / 2)
                }
            } catch is CancellationError {
                return
            } catch {
                stats.metrics.uplinkErrors.increment()
                let delay = backoff.nextDelay()
                if backoff.failures == 1 || backoff.failures % 20 == 0 {
                    logger.warning(
                        "cannot send observations; backing off",
                        metadata: [
                            "error": "\(error)", "failures": "\(backoff.failures)",
                            "delay": "\(String(format: "%.2f", delay))",
                        ])
                }
                try await Task.sleep(for: .milliseconds(Int(delay * 1000)))
            }
        }
    }
}
