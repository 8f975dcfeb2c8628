import Foundation
import WaiwangAPI

extension RegistryClient {
    /// `GET /healthz`: status, version and unit count (no token needed).
    public func health() async throws -> HealthView {
        try await call(.GET, "/healthz")
    }

    /// The OpenAPI document of the API, as JSON bytes.
    public func openAPI() async throws -> Data {
        try await send(.GET, "/api/v1/openapi.json").0
    }

    /// `GET /metrics`: the registry's metrics in the Prometheus text format (no token needed), e.g.
    /// `waiwang_applications_overdue{stage="review"}`.
    public func metrics() async throws -> String {
        String(decoding: try await send(.GET, "/metrics", accept: "text/plain").0, as: UTF8.self)
    }

    /// Audit entries after sequence number `after`, oldest first (admin and auditor only).
    public func audit(after: Int64? = nil, limit: Int? = nil, entity: String? = nil) async throws -> [AuditEntryView] {
        try await call(
            .GET, "/api/v1/audit",
            query: [
                ("after", after.map(String.init)), ("limit", limit.map(String.init)), ("entity", entity),
            ])
    }
}
