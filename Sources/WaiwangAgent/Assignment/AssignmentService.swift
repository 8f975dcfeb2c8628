import Logging
import ServiceLifecycle
import WaiwangAPI

/// Keeps the agent's assignment current: the cached one at once (so polling starts even with the registry away),
/// then the registry's on start and every `refreshSeconds` with `If-None-Match` (304 costs nothing), each new one
/// cached atomically and applied without a restart.
public struct AssignmentService: Service {
    let uplink: RegistryUplink
    let cache: AssignmentCache
    let holder: AssignmentHolder
    let refreshSeconds: Double
    let backoffCap: Double
    let stats: AgentStats
    let logger: Logger

    public init(
        uplink: RegistryUplink, cache: AssignmentCache, holder: AssignmentHolder, refreshSeconds: Double,
        backoffCap: Double, stats: AgentStats, logger: Logger
    ) {
        self.uplink = uplink
        self.cache = cache
        self.holder = holder
        self.refreshSeconds = refreshSeconds
        self.backoffCap = backoffCap
        self.stats = stats
        self.logger = logger
    }

    /// Applies the cached assignment, if any; the runtime calls it before the services start.
    public func applyCached() {
        guard holder.current == nil, let cached = cache.load() else { return }
        logger.info("starting from the cached assignment", metadata: ["version": "\(cached.version)"])
        holder.apply(cached)
        stats.metrics.assignmentDevices.set(Double(cached.devices.count))
    }

    public func run() async throws {
        applyCached()
        try await cancelWhenGracefulShutdown {
            var backoff = UplinkBackoff(base: 1, cap: min(backoffCap, refreshSeconds))
            while !Task.isCancelled {
                do {
                    try await refresh()
                    backoff.reset()
                    try await Task.sleep(for: .milliseconds(Int(refreshSeconds * 1000)))
                } catch is CancellationError {
                    return
                } catch {
                    stats.metrics.uplinkErrors.increment()
                    let delay = backoff.nextDelay()
                    if backoff.failures == 1 {
                        logger.warning("cannot fetch the assignment", metadata: ["error": "\(error)"])
                    }
                    try await Task.sleep(for: .milliseconds(Int(delay * 1000)))
                }
            }
        }
    }

    /// One fetch: applies and caches a changed assignment.
    public func refresh() async throws {
        switch try await uplink.assignment(ifNoneMatch: holder.current?.version) {
        case .unchanged:
            return
        case .changed(let assignment):
            try cache.save(assignment)
            if holder.current?.version != assignment.version {
                logger.info(
                    "assignment applied",
                    metadata: ["version": "\(assignment.version)", "devices": "\(assignment.devices.count)"])
            }
            holder.apply(assignment)
            stats.metrics.assignmentDevices.set(Double(assignment.devices.count))
        }
    }
}
