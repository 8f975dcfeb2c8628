import WaiwangCore

/// A division with its hub, as `GET /api/v1/divisions` returns it.
public struct DivisionView: Codable, Sendable, Equatable {
    public var code: String
    public var name: String
    public var level: DivisionLevel
    public var parentCode: String?
    public var hubCode: String
    public var hubName: String

    public init(
        code: String, name: String, level: DivisionLevel, parentCode: String?, hubCode: String,
        hubName: String
    ) {
        self.code = code
        self.name = name
        self.level = level
        self.parentCode = parentCode
        self.hubCode = hubCode
        self.hubName = hubName
    }
}

/// The body of `POST /api/v1/devices`: a router or switch at a hub, reached by SNMP.
public struct DeviceCreate: Codable, Sendable, Equatable {
    public var hub: String
    public var name: String
    /// SNMP transport address, e.g. `udp:10.53.4.1:161`.
    public var snmpAddress: String
    /// The name of a stored SNMP credential; the secret itself never appears here.
    public var credential: String?

    public init(hub: String, name: String, snmpAddress: String, credential: String? = nil) {
        self.hub = hub
        self.name = name
        self.snmpAddress = snmpAddress
        self.credential = credential
    }
}

/// A hub device as the API returns it.
public struct DeviceView: Codable, Sendable, Equatable {
    public var id: Int64
    public var hubCode: String
    public var name: String
    public var snmpAddress: String
    public var credential: String?
    public var linkCount: Int

    public init(id: Int64, hubCode: String, name: String, snmpAddress: String, credential: String?, linkCount: Int) {
        self.id = id
        self.hubCode = hubCode
        self.name = name
        self.snmpAddress = snmpAddress
        self.credential = credential
        self.linkCount = linkCount
    }
}

/// The body of `POST /api/v1/credentials`: SNMP credentials, write-only secrets.
public struct CredentialCreate: Codable, Sendable, Equatable {
    public var name: String
    /// `v2c` or `v3`.
    public var version: String
    public var community: String?
    public var user: String?
    public var authProtocol: String?
    public var authPassphrase: String?
    public var privProtocol: String?
    public var privPassphrase: String?

    public init(
        name: String, version: String, community: String? = nil, user: String? = nil,
        authProtocol: String? = nil, authPassphrase: String? = nil, privProtocol: String? = nil,
        privPassphrase: String? = nil
    ) {
        self.name = name
        self.version = version
        self.community = community
        self.user = user
        self.authProtocol = authProtocol
        self.authPassphrase = authPassphrase
        self.privProtocol = privProtocol
        self.privPassphrase = privPassphrase
    }
}

/// A stored credential as the API shows it: never the secret.
public struct CredentialView: Codable, Sendable, Equatable {
    public var name: String
    public var version: String
    public var user: String?
    public var authProtocol: String?
    public var privProtocol: String?
    /// Always "<redacted>" when a secret is stored.
    public var secret: String

    public init(name: String, version: String, user: String?, authProtocol: String?, privProtocol: String?) {
        self.name = name
        self.version = version
        self.user = user
        self.authProtocol = authProtocol
        self.privProtocol = privProtocol
        self.secret = "<redacted>"
    }
}
