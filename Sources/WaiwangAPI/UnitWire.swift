import WaiwangCore

/// The body of `POST /api/v1/units`: a new access unit.
public struct UnitCreate: Codable, Sendable, Equatable {
    public var name: String
    public var creditCode: String
    public var level: String
    public var divisionCode: String
    public var officeAddress: String
    public var contactName: String
    public var contactPhone: String
    public var commitmentLetterOnFile: Bool?
    /// Defaults to `active`: registering an existing inventory; the applications workflow creates `applying` units.
    public var state: String?

    public init(
        name: String, creditCode: String, level: String, divisionCode: String, officeAddress: String,
        contactName: String, contactPhone: String, commitmentLetterOnFile: Bool? = nil, state: String? = nil
    ) {
        self.name = name
        self.creditCode = creditCode
        self.level = level
        self.divisionCode = divisionCode
        self.officeAddress = officeAddress
        self.contactName = contactName
        self.contactPhone = contactPhone
        self.commitmentLetterOnFile = commitmentLetterOnFile
        self.state = state
    }
}

/// The body of `PATCH /api/v1/units/{unit}`: only the fields given change.
public struct UnitUpdate: Codable, Sendable, Equatable {
    public var name: String?
    public var level: String?
    public var divisionCode: String?
    public var officeAddress: String?
    public var contactName: String?
    public var contactPhone: String?
    public var commitmentLetterOnFile: Bool?
    public var state: String?

    public init(
        name: String? = nil, level: String? = nil, divisionCode: String? = nil, officeAddress: String? = nil,
        contactName: String? = nil, contactPhone: String? = nil, commitmentLetterOnFile: Bool? = nil,
        state: String? = nil
    ) {
        self.name = name
        self.level = level
        self.divisionCode = divisionCode
        self.officeAddress = officeAddress
        self.contactName = contactName
        self.contactPhone = contactPhone
        self.commitmentLetterOnFile = commitmentLetterOnFile
        self.state = state
    }
}

/// A short reference to a unit, as other resources embed it.
public struct UnitRef: Codable, Sendable, Equatable, Hashable {
    public var id: Int64
    public var name: String
    public var creditCode: String
    public var divisionCode: String

    public init(id: Int64, name: String, creditCode: String, divisionCode: String) {
        self.id = id
        self.name = name
        self.creditCode = creditCode
        self.divisionCode = divisionCode
    }
}

/// An access unit as the API returns it, with its links and prefixes.
public struct UnitView: Codable, Sendable, Equatable {
    public var id: Int64
    public var name: String
    public var creditCode: String
    public var level: UnitLevel
    public var divisionCode: String
    public var divisionName: String
    public var officeAddress: String
    /// The address as compared for co-location (article 17).
    public var normalizedAddress: String
    public var contactName: String
    public var contactPhone: String
    public var commitmentLetterOnFile: Bool
    public var state: UnitState
    public var linkIds: [Int64]
    public var prefixes: [String]
    /// Other units at the same normalised office address.
    public var coLocatedUnits: [UnitRef]
    public var createdAt: String
    public var updatedAt: String

    public init(
        id: Int64, name: String, creditCode: String, level: UnitLevel, divisionCode: String,
        divisionName: String, officeAddress: String, normalizedAddress: String, contactName: String,
        contactPhone: String, commitmentLetterOnFile: Bool, state: UnitState, linkIds: [Int64],
        prefixes: [String], coLocatedUnits: [UnitRef], createdAt: String, updatedAt: String
    ) {
        self.id = id
        self.name = name
        self.creditCode = creditCode
        self.level = level
        self.divisionCode = divisionCode
        self.divisionName = divisionName
        self.officeAddress = officeAddress
        self.normalizedAddress = normalizedAddress
        self.contactName = contactName
        self.contactPhone = contactPhone
        self.commitmentLetterOnFile = commitmentLetterOnFile
        self.state = state
        self.linkIds = linkIds
        self.prefixes = prefixes
        self.coLocatedUnits = coLocatedUnits
        self.createdAt = createdAt
        self.updatedAt = updatedAt
    }
}
