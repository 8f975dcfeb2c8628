import WaiwangAPI

extension RegistryClient {
    /// Prefixes, all or those of one unit (id or credit code).
    public func prefixes(unit: String? = nil, limit: Int? = nil, offset: Int? = nil) async throws -> Page<PrefixView> {
        try await call(
            .GET, "/api/v1/prefixes",
            query: [
                ("unit", unit), ("limit", limit.map(String.init)), ("offset", offset.map(String.init)),
            ])
    }

    public func createPrefix(_ prefix: PrefixCreate) async throws -> PrefixView {
        try await call(.POST, "/api/v1/prefixes", body: json(prefix))
    }

    public func deletePrefix(id: Int64) async throws {
        try await send(.DELETE, "/api/v1/prefixes/\(id)")
    }

    /// Deletes the prefix registered exactly as `cidr`.
    public func deletePrefix(cidr: String) async throws {
        try await send(.DELETE, "/api/v1/prefixes", query: [("cidr", cidr)])
    }

    /// Whose address is this: the unit of the longest registered prefix containing it, with its links.
    public func attribution(of address: String) async throws -> AttributionView {
        try await call(.GET, "/api/v1/attribution/" + Self.segment(address))
    }
}
