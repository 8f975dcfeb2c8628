import WaiwangAPI

/// Filters and paging of `GET /api/v1/units`.
public struct UnitQuery: Sendable, Equatable {
    /// Division code or name.
    public var division: String?
    public var state: String?
    public var level: String?
    /// Part of the name, credit code or address.
    public var text: String?
    public var limit: Int?
    public var offset: Int?

    public init(
        division: String? = nil, state: String? = nil, level: String? = nil, text: String? = nil,
        limit: Int? = nil, offset: Int? = nil
    ) {
        self.division = division
        self.state = state
        self.level = level
        self.text = text
        self.limit = limit
        self.offset = offset
    }
}

extension RegistryClient {
    public func units(_ query: UnitQuery = UnitQuery()) async throws -> Page<UnitView> {
        try await call(
            .GET, "/api/v1/units",
            query: [
                ("division", query.division), ("state", query.state), ("level", query.level), ("q", query.text),
                ("limit", query.limit.map(String.init)), ("offset", query.offset.map(String.init)),
            ])
    }

    /// A unit by numeric id or 18-character credit code.
    public func unit(_ reference: String) async throws -> UnitView {
        try await call(.GET, "/api/v1/units/" + Self.segment(reference))
    }

    public func createUnit(_ unit: UnitCreate) async throws -> UnitView {
        try await call(.POST, "/api/v1/units", body: json(unit))
    }

    public func updateUnit(_ reference: String, _ update: UnitUpdate) async throws -> UnitView {
        try await call(.PATCH, "/api/v1/units/" + Self.segment(reference), body: json(update))
    }
}
