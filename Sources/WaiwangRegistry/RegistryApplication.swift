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

    public static func make(store: RegistryStore, host: String, port: Int, logger: Logger)
        -> some ApplicationProtocol
    {
        Application(
            router: router(store: store),
            configuration: .init(address: .hostname(host, port: port), serverName: "waiwang-registry"),
            services: [IncidentService(store: store, logger: logger)], logger: logger)
    }
}
