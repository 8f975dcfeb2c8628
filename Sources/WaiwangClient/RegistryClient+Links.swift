import WaiwangAPI

/// Filters and paging of `GET /api/v1/links`.
public struct LinkQuery: Sendable, Equatable {
    /// Hub code or the division it serves.
    public var hub: String?
    public var kind: String?
    /// Only links shared by co-located units.
    public var sharedOnly: Bool
    public var limit: Int?
    public var offset: Int?

    public init(
        hub: String? = nil, kind: String? = nil, sharedOnly: Bool = false, limit: Int? = nil,
        offset: Int? = nil
    ) {
        self.hub = hub
        self.kind = kind
        self.sharedOnly = sharedOnly
        self.limit = limit
        self.offset = offset
    }
}

extension RegistryClient {
    public func links(_ query: LinkQuery = LinkQuery()) async throws -> Page<LinkView> {
        try await call(
            .GET, "/api/v1/links",
            query: [
                ("hub", query.hub), ("kind", query.kind), ("shared", query.sharedOnly ? "true" : nil),
                ("limit", query.limit.map(String.init)), ("offset", query.offset.map(String.init)),
            ])
    }

    public func link(_ id: Int64) async throws -> LinkView {
        try await call(.GET, "/api/v1/links/\(id)")
    }

    public func createLink(_ link: LinkCreate) async throws -> LinkView {
        try await call(.POST, "/api/v1/links", body: json(link))
    }

    public func updateLink(_ id: Int64, _ update: LinkUpdate) async throws -> LinkView {
        try await call(.PATCH, "/api/v1/links/\(id)", body: json(update))
    }

    public func deleteLink(_ id: Int64) async throws {
        try await send(.DELETE, "/api/v1/links/\(id)")
    }
}
