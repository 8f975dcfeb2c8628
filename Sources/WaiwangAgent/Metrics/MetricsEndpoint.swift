import Hummingbird
import Logging

/// `GET /metrics` in the Prometheus text format on a local address: a Hummingbird application, itself a service.
public enum MetricsEndpoint {
    /// The application serving `metrics` on `host:port`.
    public static func make(metrics: AgentMetrics, host: String, port: Int, logger: Logger) -> some ApplicationProtocol
    {
        let router = Router()
        router.get("/metrics") { _, _ -> Response in
            Response(
                status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                body: .init(byteBuffer: ByteBuffer(string: metrics.exposition())))
        }
        return Application(
            router: router, configuration: .init(address: .hostname(host, port: port), serverName: "waiwang-agent"),
            logger: logger)
    }
}
