import ArgumentParser
import WaiwangSNMP

/// How the agent's commands reach a device: community (v1/v2c) or SNMPv3 user, timeout and retries.
///
/// Every mistake is a `ValidationError` (exit 64) naming the option: a bad target, a half-given v3 credential, a
/// passphrase under 8 characters.
struct SNMPAccessOptions: ParsableArguments {
    @Option(help: "SNMP version for community access: v1 or v2c.") var snmpVersion = "v2c"
    @Option(help: "Community (v1/v2c).") var community = "public"
    @Option(help: "SNMPv3 user (switches to v3).") var v3User: String?
    @Option(help: "SNMPv3 authentication: SHA or SHA-256.") var authProto: String?
    @Option(help: "SNMPv3 authentication passphrase (8 characters at least).") var authPass: String?
    @Option(help: "SNMPv3 privacy: AES (AES-128) or AES-256.") var privProto: String?
    @Option(help: "SNMPv3 privacy passphrase.") var privPass: String?
    @Option(help: "Seconds to wait for an answer.") var timeout: Double = 1
    @Option(help: "Retries after a timeout.") var retries = 1

    func validate() throws {
        guard timeout > 0, timeout <= 600 else { throw ValidationError("--timeout must be 0…600 s") }
        guard (0...20).contains(retries) else { throw ValidationError("--retries must be 0…20") }
        guard ["v1", "v2c"].contains(snmpVersion) else { throw ValidationError("--snmp-version is v1 or v2c") }
        _ = try credentials(community: community)
    }

    /// The target at `address` with these credentials (`community` for v1/v2c).
    func target(_ address: String, community: String) throws -> SNMPTarget {
        let credentials = try credentials(community: community)
        do {
            return try SNMPTarget(
                address, credentials: credentials, timeout: .milliseconds(Int(timeout * 1000)), retries: retries)
        } catch {
            throw ValidationError("\(error)")
        }
    }

    func credentials(community: String) throws -> SNMPTarget.Credentials {
        guard let v3User else {
            if authProto != nil || authPass != nil || privProto != nil || privPass != nil {
                throw ValidationError("--auth-proto, --auth-pass, --priv-proto and --priv-pass need --v3-user")
            }
            return snmpVersion == "v1" ? .v1(community: community) : .v2c(community: community)
        }
        if authPass != nil && authProto == nil {
            throw ValidationError("--auth-pass needs --auth-proto (SHA or SHA-256)")
        }
        if privPass != nil && privProto == nil {
            throw ValidationError("--priv-pass needs --priv-proto (AES or AES-256)")
        }
        if privProto != nil && authProto == nil {
            throw ValidationError("--priv-proto needs --auth-proto: SNMPv3 privacy needs authentication too")
        }
        var auth: (protocol: SNMPTarget.AuthProtocol, passphrase: String)?
        var priv: (protocol: SNMPTarget.PrivProtocol, passphrase: String)?
        if let authProto {
            let kind: SNMPTarget.AuthProtocol
            switch authProto.uppercased() {
            case "SHA", "SHA1", "SHA-1": kind = .sha
            case "SHA-256", "SHA256": kind = .sha256
            default: throw ValidationError("--auth-proto is SHA or SHA-256")
            }
            guard let authPass, !authPass.isEmpty else { throw ValidationError("--auth-proto needs --auth-pass") }
            auth = (kind, authPass)
        }
        if let privProto {
            let kind: SNMPTarget.PrivProtocol
            switch privProto.uppercased() {
            case "AES", "AES-128", "AES128": kind = .aes128
            case "AES-256", "AES256": kind = .aes256
            default: throw ValidationError("--priv-proto is AES (AES-128) or AES-256")
            }
            guard let privPass, !privPass.isEmpty else { throw ValidationError("--priv-proto needs --priv-pass") }
            priv = (kind, privPass)
        }
        return .v3(SNMPTarget.USMUser(name: v3User, auth: auth, priv: priv))
    }
}
