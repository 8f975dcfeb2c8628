import WaiwangCore

/// The body of `POST /api/v1/links`: a link landing on a hub device port and serving one or more units.
public struct LinkCreate: Codable, Sendable, Equatable {
    public var kind: String
    public var carrier: String
    public var bandwidthMbps: Int
    /// The hub device's name.
    public var hubDevice: String
    /// The port's ifName on that device, e.g. `GigabitEthernet0/0/1`.
    public var port: String
    /// The units served, by id or credit code; several only when co-located (article 17).
    public var units: [String]
    /// A deliberate second link for an address that already has one.
    public var backup: Bool?
    public var note: String?

    public init(
        kind: String, carrier: String, bandwidthMbps: Int, hubDevice: String, port: String,
        units: [String], backup: Bool? = nil, note: String? = nil
    ) {
        self.kind = kind
        self.carrier = carrier
        self.bandwidthMbps = bandwidthMbps
        self.hubDevice = hubDevice
        self.port = port
        self.units = units
        self.backup = backup
        self.note = note
    }
}

/// The body of `PATCH /api/v1/links/{id}`.
public struct LinkUpdate: Codable, Sendable, Equatable {
    public var kind: String?
    public var carrier: String?
    public var bandwidthMbps: Int?
    public var hubDevice: String?
    public var port: String?
    /// Replaces the units served.
    public var units: [String]?
    public var backup: Bool?
    public var note: String?

    public init(
        kind: String? = nil, carrier: String? = nil, bandwidthMbps: Int? = nil, hubDevice: String? = nil,
        port: String? = nil, units: [String]? = nil, backup: Bool? = nil, note: String? = nil
    ) {
        self.kind = kind
        self.carrier = carrier
        self.bandwidthMbps = bandwidthMbps
        self.hubDevice = hubDevice
        self.port = port
        self.units = units
        self.backup = backup
        self.note = note
    }
}

/// A link as the API returns it.
public struct LinkView: Codable, Sendable, Equatable {
    public var id: Int64
    public var kind: LinkKind
    public var carrier: String
    public var bandwidthMbps: Int
    public var hubCode: String
    public var hubName: String
    public var hubDevice: String
    public var port: String
    public var backup: Bool
    public var note: String
    public var normalizedAddress: String
    public var units: [UnitRef]
    /// True when more than one unit shares this link (co-located units, article 17).
    public var shared: Bool

    public init(
        id: Int64, kind: LinkKind, carrier: String, bandwidthMbps: Int, hubCode: String, hubName: String,
        hubDevice: String, port: String, backup: Bool, note: String, normalizedAddress: String,
        units: [UnitRef]
    ) {
        self.id = id
        self.kind = kind
        self.carrier = carrier
        self.bandwidthMbps = bandwidthMbps
        self.hubCode = hubCode
        self.hubName = hubName
        self.hubDevice = hubDevice
        self.port = port
        self.backup = backup
        self.note = note
        self.normalizedAddress = normalizedAddress
        self.units = units
        self.shared = units.count > 1
    }
}
