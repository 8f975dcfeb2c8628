import Logging
import ServiceLifecycle
import WaiwangStore

/// Folds the alerts the agents store into incidents, in the registry's service group: woken right after an
/// ingest commits new alerts (`RegistryStore.waitForAlerts`), and every `pollInterval` anyway, so alerts stored by
/// another process on the same database are folded within about a second. The store's persisted cursor makes a
/// restart neither lose nor double an alert. Every `faultInterval` it also folds the hubs' link state into fault
/// incidents (links down, devices unreachable).
public struct IncidentService: Service {
    let store: RegistryStore
    let logger: Logger
    let pollInterval: Duration
    let faultInterval: Duration

    public init(
        store: RegistryStore, logger: Logger, pollInterval: Duration = .seconds(1),
        faultInterval: Duration = .seconds(30)
    ) {
        self.store = store
        self.logger = logger
        self.pollInterval = pollInterval
        self.faultInterval = faultInterval
    }

    public func run() async throws {
        try await cancelWhenGracefulShutdown {
            var nextFaults = ContinuousClock.now
            while !Task.isCancelled {
                let seen = store.alertGeneration
                await foldAll()
                if ContinuousClock.now >= nextFaults {
                    await foldFaults()
                    nextFaults = .now + faultInterval
                }
                do {
                    try await store.waitForAlerts(after: seen, until: min(.now + pollInterval, nextFaults))
                } catch is CancellationError {
                    return  // graceful shutdown (SIGTERM): a clean stop, not an error of the service group
                }
            }
        }
    }

    /// Folds until the feed is empty; a failure is logged and retried at the next wake-up.
    public func foldAll() async {
        do {
            let batch = 500
            while try await store.foldNewAlerts(limit: batch) == batch {}
        } catch {
            logger.error("cannot fold alerts into incidents", metadata: ["error": "\(error)"])
        }
    }

    /// Folds the hubs' faults; a failure is logged and retried at the next interval.
    public func foldFaults() async {
        do {
            try await store.foldFaults()
        } catch {
            logger.error("cannot fold hub faults into incidents", metadata: ["error": "\(error)"])
        }
    }
}
