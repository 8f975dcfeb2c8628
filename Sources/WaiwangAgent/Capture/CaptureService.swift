import Foundation
import Logging
import ServiceLifecycle
import WaiwangAPI
import WaiwangCapture

/// Watches the assigned mirror interfaces for attacks: one libpcap capture, decoder and detection engine per
/// assigned capture, each on a thread of its own; their alerts (open, updated, closed, with the episode's evidence
/// pcap on close) go to the outbox as priority observations.
///
/// Every tick (a quarter second) it ships what the detectors found, closes idle episodes, adds the capture counters
/// to ``AgentStats``, and — when the assignment's `capture` list or `watch` changed — stops the captures (closing
/// their episodes) and opens the new ones. A capture that cannot open or that fails is retried every
/// `retrySeconds`. A graceful stop closes every episode and writes it before the outbox closes.
public struct CaptureService: Service {
    let holder: AssignmentHolder
    let outbox: Outbox
    let stats: AgentStats
    let settings: CaptureSettings
    let evidenceDirectory: URL
    let retrySeconds: Double
    let logger: Logger

    public init(
        holder: AssignmentHolder, outbox: Outbox, stats: AgentStats, settings: CaptureSettings,
        evidenceDirectory: URL, retrySeconds: Double = 10, logger: Logger
    ) {
        self.holder = holder
        self.outbox = outbox
        self.stats = stats
        self.settings = settings
        self.evidenceDirectory = evidenceDirectory
        self.retrySeconds = retrySeconds
        self.logger = logger
    }

    public func run() async throws {
        await cancelWhenGracefulShutdown {
            var running = Running()
            let clock = ContinuousClock()
            while !Task.isCancelled {
                await reconcile(&running, now: clock.now)
                for channel in running.channels { channel.tick() }
                try? await Task.sleep(for: settings.tick)
            }
            await stopAll(&running)
        }
    }

    /// The captures open now, the plan they follow and when the missing ones are tried again.
    private struct Running {
        var plan: CapturePlan?
        var channels: [CaptureChannel] = []
        var missing: [AssignedCapture] = []
        var retryAt: ContinuousClock.Instant?
    }

    private func reconcile(_ running: inout Running, now: ContinuousClock.Instant) async {
        guard let assignment = holder.current else { return }
        let plan = CapturePlan(assignment)
        if plan != running.plan {
            await stopAll(&running)
            running.plan = plan
            running.missing = plan.captures
            running.retryAt = now
            logger.info("capture plan applied", metadata: ["captures": "\(plan.captures.count)"])
        }
        for failed in running.channels where failed.hasFailed {
            failed.tick()
            await failed.stop()
            running.missing.append(failed.assigned)
            running.retryAt = running.retryAt ?? now + .milliseconds(Int(retrySeconds * 1000))
        }
        running.channels.removeAll { $0.hasFailed }
        guard !running.missing.isEmpty, let retryAt = running.retryAt, now >= retryAt else { return }
        let watch: WatchConfiguration
        do {
            watch = try plan.watchConfiguration()
        } catch {
            logger.error("the assignment's watch is unusable; nothing captured", metadata: ["error": "\(error)"])
            running.missing = []
            return
        }
        var stillMissing: [AssignedCapture] = []
        for assigned in running.missing {
            do {
                running.channels.append(
                    try CaptureChannel(
                        assigned, watch: watch, settings: settings, outbox: outbox,
                        evidenceDirectory: evidenceDirectory, stats: stats, logger: logger))
            } catch {
                logger.error(
                    "cannot capture; retrying",
                    metadata: [
                        "interface": "\(assigned.interface)", "link": "\(assigned.linkId)", "error": "\(error)",
                        "retry_seconds": "\(retrySeconds)",
                    ])
                stillMissing.append(assigned)
            }
        }
        running.missing = stillMissing
        running.retryAt = stillMissing.isEmpty ? nil : now + .milliseconds(Int(retrySeconds * 1000))
    }

    private func stopAll(_ running: inout Running) async {
        for channel in running.channels { await channel.stop() }
        running.channels = []
        running.missing = []
        running.retryAt = nil
    }
}
