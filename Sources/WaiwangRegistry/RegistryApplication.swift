import Hummingbird
import Logging
import WaiwangCore
import WaiwangStore

/// Builds the registry's HTTP application: problem+json errors, bearer auth, and every endpoint of `RegistryEndpoints`.
public enum RegistryApplication {
    public static let version = "0.1.0"

    /// The router alone, for tests that drive it without sockets.
    public static func router(store: RegistryStore) -> Router<RegistryRequestContext> {
        let router = Router(context: RegistryRequestContext.self)
        router.add(middleware: LogRequestsMiddleware(.info))
        router.add(middleware: ProblemMiddleware())
        router.add(middleware: BearerAuthMiddleware(store: store))
        for endpoint in RegistryEndpoints.all(store: store, version: version) {
            router.on(RouterPath(endpoint.path), method: endpoint.method) { request, context in
                try await endpoint.respond(request, context)
            }
        }
        return router
    }

    /// The escalation dispatcher of this registry: recipients from `configuration.escalation`, channels from the
    /// delivery flags. Run it as a service of the application (`make(…, services: [dispatcher])`) and hand it to
    /// the incidents workflow, which calls `escalate(_:report:)`.
    public static func dispatcher(
        store: RegistryStore, configuration: RegistryConfiguration, delivery: DeliverySettings, logger: Logger
    ) throws -> EscalationDispatcher {
        EscalationDispatcher(
            store: store, policy: configuration.escalation, channels: try delivery.channels(), logger: logger)
    }

    public static func make(store: RegistryStore, host: String, port: Int, logger: Logger)
        -> some ApplicationProtocol
    {
        Application(
            router: router(store: store),
            configuration: .init(address: .hostname(host, port: port), serverName: "waiwang-registry"),
            services: [IncidentService(store: store, logger: logger)], logger: logger)
    }
}
