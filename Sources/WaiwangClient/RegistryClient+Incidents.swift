import Foundation
import WaiwangAPI

/// Filters and paging of `GET /api/v1/incidents`.
public struct IncidentQuery: Sendable, Equatable {
    /// `open` or `closed`.
    public var state: String?
    /// A unit by id or credit code.
    public var unit: String?
    public var grade: String?
    public var kind: String?
    public var limit: Int?
    public var offset: Int?

    public init(
        state: String? = nil, unit: String? = nil, grade: String? = nil, kind: String? = nil, limit: Int? = nil,
        offset: Int? = nil
    ) {
        self.state = state
        self.unit = unit
        self.grade = grade
        self.kind = kind
        self.limit = limit
        self.offset = offset
    }
}

extension RegistryClient {
    public func incidents(_ query: IncidentQuery = IncidentQuery()) async throws -> Page<IncidentView> {
        try await call(
            .GET, "/api/v1/incidents",
            query: [
                ("state", query.state), ("unit", query.unit), ("grade", query.grade), ("kind", query.kind),
                ("limit", query.limit.map(String.init)), ("offset", query.offset.map(String.init)),
            ])
    }

    /// One incident with its alerts, orders and timeline.
    public func incident(_ id: String) async throws -> IncidentView {
        try await call(.GET, "/api/v1/incidents/\(Self.segment(id))")
    }

    /// Sets the grade by hand, with the reason (security or admin).
    public func gradeIncident(_ id: String, _ input: GradeInput) async throws -> IncidentView {
        try await call(.POST, "/api/v1/incidents/\(Self.segment(id))/grade", body: json(input))
    }

    /// Ends an incident's handling with the reason (security or admin).
    public func closeIncident(_ id: String, reason: String) async throws -> IncidentView {
        try await call(
            .POST, "/api/v1/incidents/\(Self.segment(id))/close", body: json(IncidentClosing(reason: reason)))
    }

    /// The incident's report (事件报告) in Markdown, as the escalation sends it.
    public func incidentReport(_ id: String) async throws -> String {
        let (data, _) = try await send(.GET, "/api/v1/incidents/\(Self.segment(id))/report", accept: "text/markdown")
        return String(decoding: data, as: UTF8.self)
    }
}
