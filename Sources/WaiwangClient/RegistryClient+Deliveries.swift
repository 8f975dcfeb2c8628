import WaiwangAPI

extension RegistryClient {
    /// Escalation deliveries by deadline, optionally of one incident and in one state (security, admin, auditor).
    public func deliveries(incident: String? = nil, state: String? = nil) async throws -> [DeliveryView] {
        try await call(.GET, "/api/v1/deliveries", query: [("incident", incident), ("state", state)])
    }

    /// One delivery with every attempt.
    public func delivery(_ id: Int64) async throws -> DeliveryView {
        try await call(.GET, "/api/v1/deliveries/\(id)")
    }

    /// Records that the recipient confirmed receipt (security or admin).
    public func acknowledgeDelivery(_ id: Int64, note: String) async throws -> DeliveryView {
        try await call(.POST, "/api/v1/deliveries/\(id)/acknowledge", body: json(DeliveryAcknowledge(note: note)))
    }
}
