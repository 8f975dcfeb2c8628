import WaiwangAPI
import WaiwangSNMP

extension AssignedDevice {
    /// The SNMP target of this device with its assigned credentials; throws ``SNMPError`` for an address or a
    /// credential net-snmp cannot use (an unknown protocol, a short v3 passphrase).
    public func target(timeout: Duration = .seconds(1), retries: Int = 1) throws -> SNMPTarget {
        try SNMPTarget(snmpAddress, credentials: try credential.snmpCredentials(), timeout: timeout, retries: retries)
    }

    /// The assigned port named `ifName`, if this device has one.
    public func port(named ifName: String) -> AssignedPort? {
        ports.first { $0.ifName == ifName }
    }
}

extension AssignedCredential {
    /// The credentials as the SNMP fence takes them.
    public func snmpCredentials() throws -> SNMPTarget.Credentials {
        switch version.lowercased() {
        case "v1": return .v1(community: community ?? "public")
        case "v2c", "v2": return .v2c(community: community ?? "public")
        case "v3":
            guard let user, !user.isEmpty else {
                throw SNMPError(code: .invalidTarget, message: "an SNMPv3 credential needs a user")
            }
            var auth: (protocol: SNMPTarget.AuthProtocol, passphrase: String)?
            var priv: (protocol: SNMPTarget.PrivProtocol, passphrase: String)?
            if let authProtocol {
                switch authProtocol.uppercased() {
                case "SHA", "SHA1", "SHA-1": auth = (.sha, authPassphrase ?? "")
                case "SHA-256", "SHA256": auth = (.sha256, authPassphrase ?? "")
                default: throw SNMPError(code: .invalidTarget, message: "unknown SNMPv3 auth protocol \(authProtocol)")
                }
            }
            if let privProtocol {
                switch privProtocol.uppercased() {
                case "AES", "AES-128", "AES128": priv = (.aes128, privPassphrase ?? "")
                case "AES-256", "AES256": priv = (.aes256, privPassphrase ?? "")
                default:
                    throw SNMPError(code: .invalidTarget, message: "unknown SNMPv3 privacy protocol \(privProtocol)")
                }
            }
            return .v3(SNMPTarget.USMUser(name: user, auth: auth, priv: priv))
        default:
            throw SNMPError(code: .invalidTarget, message: "unknown SNMP version \(version) (v1, v2c or v3)")
        }
    }
}
