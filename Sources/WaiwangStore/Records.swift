import GRDB
import WaiwangAPI
import WaiwangCore

import struct Foundation.Data

/// A row of `unit`.
struct UnitRecord: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "unit"
    var id: Int64?
    var name: String
    var creditCode: String
    var level: String
    var divisionCode: String
    var officeAddress: String
    var normalizedAddress: String
    var contactName: String
    var contactPhone: String
    var commitmentLetterOnFile: Bool
    var state: String
    var createdAt: String
    var updatedAt: String

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    var ref: UnitRef { UnitRef(id: id ?? 0, name: name, creditCode: creditCode, divisionCode: divisionCode) }
}

/// A row of `link`.
struct LinkRecord: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "link"
    var id: Int64?
    var kind: String
    var carrier: String
    var bandwidthMbps: Int
    var deviceId: Int64
    var port: String
    var backup: Bool
    var note: String
    var normalizedAddress: String

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A link's record with its served unit ids, as the audit log keeps it.
struct LinkSnapshot: Codable, Sendable {
    var link: LinkRecord
    var unitIds: [Int64]
}

/// A row of `prefix`.
struct PrefixRecord: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "prefix"
    var id: Int64?
    var unitId: Int64
    var cidr: String
    var family: String
    var first: Data
    var last: Data
    var description: String

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }

    enum CodingKeys: String, CodingKey { case id, unitId, cidr, family, first, last, description }

    /// The audit snapshot leaves out the derived range columns.
    struct Snapshot: Codable {
        var id: Int64?
        var unitId: Int64
        var cidr: String
        var description: String
    }
    var snapshot: Snapshot { Snapshot(id: id, unitId: unitId, cidr: cidr, description: description) }
}

/// A row of `hubDevice`.
struct HubDeviceRecord: Codable, Sendable, FetchableRecord, MutablePersistableRecord {
    static let databaseTableName = "hubDevice"
    var id: Int64?
    var hubCode: String
    var name: String
    var snmpAddress: String
    var credentialName: String?

    mutating func didInsert(_ inserted: InsertionSuccess) { id = inserted.rowID }
}

/// A row of `snmpCredential`; secrets never leave the store except to the agent of the device's hub.
struct SNMPCredentialRecord: Codable, Sendable, FetchableRecord, PersistableRecord {
    static let databaseTableName = "snmpCredential"
    var name: String
    var version: String
    var community: String?
    var user: String?
    var authProtocol: String?
    var authPassphrase: String?
    var privProtocol: String?
    var privPassphrase: String?

    /// What the audit log keeps: everything but the secrets.
    var redacted: CredentialView {
        CredentialView(name: name, version: version, user: user, authProtocol: authProtocol, privProtocol: privProtocol)
    }
}
