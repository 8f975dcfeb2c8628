import Logging
import ServiceLifecycle
import WaiwangStore

/// Folds the alerts the agents store into incidents, in the registry's service group: woken right after an
/// ingest commits alerts (`RegistryStore.alertsStored`), and every `pollInterval` anyway, so alerts stored by
/// another process on the same database are folded within about a second. The store's persisted cursor makes a
/// restart neither lose nor double an alert.
public struct IncidentService: Service {
    let store: RegistryStore
    let logger: Logger
    let pollInterval: Duration

    public init(store: RegistryStore, logger: Logger, pollInterval: Duration = .seconds(1)) {
        self.store = store
        self.logger = logger
        self.pollInterval = pollInterval
    }

    public func run() async throws {
        try await cancelWhenGracefulShutdown {
            while !Task.isCancelled {
                let seen = store.alertGeneration
                await foldAll()
                try await store.waitForAlerts(after: seen, until: .now + pollInterval)
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
}
