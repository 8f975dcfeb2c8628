import WaiwangCore

/// The body of `POST /api/v1/prefixes`.
public struct PrefixCreate: Codable, Sendable, Equatable {
    /// The owning unit, by id or credit code.
    public var unit: String
    public var cidr: String
    public var description: String?

    public init(unit: String, cidr: String, description: String? = nil) {
        self.unit = unit
        self.cidr = cidr
        self.description = description
    }
}

/// A unit's prefix as the API returns it.
public struct PrefixView: Codable, Sendable, Equatable {
    public var id: Int64
    public var cidr: String
    public var family: String
    public var unit: UnitRef
    public var description: String

    public init(id: Int64, cidr: String, family: String, unit: UnitRef, description: String) {
        self.id = id
        self.cidr = cidr
        self.family = family
        self.unit = unit
        self.description = description
    }
}

/// The answer to "whose address is this?": the unit owning the longest matching prefix, its links and hubs.
public struct AttributionView: Codable, Sendable, Equatable {
    public var address: String
    public var prefix: String
    public var unit: UnitRef
    public var unitName: String
    public var links: [LinkView]

    public init(address: String, prefix: String, unit: UnitRef, links: [LinkView]) {
        self.address = address
        self.prefix = prefix
        self.unit = unit
        self.unitName = unit.name
        self.links = links
    }
}
