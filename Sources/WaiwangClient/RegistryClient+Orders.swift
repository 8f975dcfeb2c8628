import Foundation
import WaiwangAPI

/// Filters and paging of `GET /api/v1/orders`.
public struct OrderQuery: Sendable, Equatable {
    public var state: String?
    public var incident: String?
    public var unit: String?
    public var limit: Int?
    public var offset: Int?

    public init(
        state: String? = nil, incident: String? = nil, unit: String? = nil, limit: Int? = nil, offset: Int? = nil
    ) {
        self.state = state
        self.incident = incident
        self.unit = unit
        self.limit = limit
        self.offset = offset
    }
}

extension RegistryClient {
    public func orders(_ query: OrderQuery = OrderQuery()) async throws -> Page<OrderView> {
        try await call(
            .GET, "/api/v1/orders",
            query: [
                ("state", query.state), ("incident", query.incident), ("unit", query.unit),
                ("limit", query.limit.map(String.init)), ("offset", query.offset.map(String.init)),
            ])
    }

    public func order(_ id: String) async throws -> OrderView {
        try await call(.GET, "/api/v1/orders/\(Self.segment(id))")
    }

    /// Proposes isolating the incident's unit (security or admin).
    public func proposeOrder(_ proposal: OrderProposal) async throws -> OrderView {
        try await call(.POST, "/api/v1/orders", body: json(proposal))
    }

    /// The emergency path: propose, approve and execute at once (admins and emergency leads).
    public func isolateNow(_ input: IsolateNowInput) async throws -> OrderView {
        try await call(.POST, "/api/v1/orders/isolate-now", body: json(input))
    }

    /// A step without a body: `approve`, `acknowledge-collateral`, `execute`, `retry`, `restore`, `close`,
    /// `approve-retrospectively`.
    public func orderStep(_ id: String, _ action: String) async throws -> OrderView {
        try await call(.POST, "/api/v1/orders/\(Self.segment(id))/\(action)")
    }

    /// `reject` or `cancel`, with the reason.
    public func orderStep(_ id: String, _ action: String, reason: String) async throws -> OrderView {
        try await call(.POST, "/api/v1/orders/\(Self.segment(id))/\(action)", body: json(OrderNote(reason: reason)))
    }

    /// Records the unit's remediation report.
    public func remediateOrder(_ id: String, _ input: RemediationInput) async throws -> OrderView {
        try await call(.POST, "/api/v1/orders/\(Self.segment(id))/remediate", body: json(input))
    }

    /// Accepts the remediation, or sends it back with a note.
    public func verifyOrder(_ id: String, _ input: VerificationInput) async throws -> OrderView {
        try await call(.POST, "/api/v1/orders/\(Self.segment(id))/verify", body: json(input))
    }
}
