/// Where and how to reach one SNMP agent: address, version and credentials, timeout and retries.
///
/// Defaults are 1 s and 1 retry (2 s to give up on a dead agent), not net-snmp's 5 × 1 s.
public struct SNMPTarget: Sendable, Hashable, CustomStringConvertible {
    /// SNMP protocol version.
    public enum Version: Sendable, Hashable { case v1, v2c, v3 }

    /// SNMPv3 authentication protocols.
    public enum AuthProtocol: Sendable, Hashable {
        /// HMAC-SHA-96 (usmHMACSHAAuthProtocol), net-snmp's `SHA`.
        case sha
        /// HMAC-192-SHA-256 (RFC 7860), net-snmp's `SHA-256`.
        case sha256
    }

    /// SNMPv3 privacy (encryption) protocols.
    public enum PrivProtocol: Sendable, Hashable {
        /// AES-128 CFB (RFC 3826), net-snmp's `AES`.
        case aes128
        /// AES-256 CFB with Blumenthal key extension, net-snmp's `AES-256`.
        case aes256
    }

    /// An SNMPv3 USM user and its keys' passphrases (each at least 8 characters).
    public struct USMUser: Sendable, Hashable {
        public var name: String
        public var auth: (protocol: AuthProtocol, passphrase: String)? {
            get { authProtocol.map { ($0, authPassphrase) } }
            set {
                authProtocol = newValue?.protocol
                authPassphrase = newValue?.passphrase ?? ""
            }
        }
        public var priv: (protocol: PrivProtocol, passphrase: String)? {
            get { privProtocol.map { ($0, privPassphrase) } }
            set {
                privProtocol = newValue?.protocol
                privPassphrase = newValue?.passphrase ?? ""
            }
        }
        var authProtocol: AuthProtocol?
        var authPassphrase: String
        var privProtocol: PrivProtocol?
        var privPassphrase: String

        /// A user at authPriv (`priv` given), authNoPriv (`auth` only) or noAuthNoPriv (neither).
        public init(
            name: String,
            auth: (protocol: AuthProtocol, passphrase: String)? = nil,
            priv: (protocol: PrivProtocol, passphrase: String)? = nil
        ) {
            self.name = name
            authProtocol = auth?.protocol
            authPassphrase = auth?.passphrase ?? ""
            privProtocol = priv?.protocol
            privPassphrase = priv?.passphrase ?? ""
        }
    }

    /// How requests are authenticated.
    public enum Credentials: Sendable, Hashable {
        case v1(community: String)
        case v2c(community: String)
        case v3(USMUser)
    }

    /// The host as written (a name, an IPv4 address, or an IPv6 address without brackets).
    public let host: String
    /// The UDP port.
    public let port: UInt16
    /// Whether the host is an IPv6 address (`udp6:[…]:PORT`).
    public let isIPv6: Bool
    public var credentials: Credentials
    /// How long to wait for each answer.
    public var timeout: Duration
    /// How many times to resend a request that got no answer.
    public var retries: Int

    public var version: Version {
        switch credentials {
        case .v1: .v1
        case .v2c: .v2c
        case .v3: .v3
        }
    }

    /// A target from `udp:HOST:PORT` (or `udp6:[ADDRESS]:PORT`); throws ``SNMPError/Code/invalidTarget``
    /// with the reason for anything else, and for a v3 passphrase shorter than 8 characters.
    public init(
        _ address: String,
        credentials: Credentials,
        timeout: Duration = .seconds(1),
        retries: Int = 1
    ) throws(SNMPError) {
        (host, port, isIPv6) = try Self.parse(address)
        guard timeout > .zero, timeout <= .seconds(600) else {
            throw Self.invalid(address, "the timeout must be above 0 and at most 600 s")
        }
        guard (0...20).contains(retries) else { throw Self.invalid(address, "retries must be 0…20") }
        if case .v3(let user) = credentials {
            guard !user.name.isEmpty, user.name.utf8.count <= 32, !user.name.utf8.contains(0) else {
                throw Self.invalid(address, "the SNMPv3 user name must be 1…32 bytes")
            }
            guard user.privProtocol == nil || user.authProtocol != nil else {
                throw Self.invalid(address, "SNMPv3 privacy needs authentication too")
            }
            for (set, pass) in [
                (user.authProtocol != nil, user.authPassphrase), (user.privProtocol != nil, user.privPassphrase),
            ]
            where set && (pass.utf8.count < 8 || pass.utf8.contains(0)) {
                throw Self.invalid(address, "SNMPv3 passphrases must be at least 8 characters (RFC 3414)")
            }
        }
        if case .v1(let community) = credentials, community.utf8.contains(0) {
            throw Self.invalid(address, "the community contains a NUL byte")
        }
        if case .v2c(let community) = credentials, community.utf8.contains(0) {
            throw Self.invalid(address, "the community contains a NUL byte")
        }
        self.credentials = credentials
        self.timeout = timeout
        self.retries = retries
    }

    /// The address in net-snmp's transport syntax.
    public var address: String {
        isIPv6 ? "udp6:[\(host)]:\(port)" : "udp:\(host):\(port)"
    }

    /// The address, version and security name; never a community or passphrase.
    public var description: String {
        switch credentials {
        case .v1: "\(address) v1"
        case .v2c: "\(address) v2c"
        case .v3(let user): "\(address) v3 user \(user.name)"
        }
    }

    static func parse(_ address: String) throws(SNMPError) -> (String, UInt16, Bool) {
        let ipv6: Bool
        let rest: Substring
        if address.hasPrefix("udp:") {
            ipv6 = false
            rest = address.dropFirst(4)
        } else if address.hasPrefix("udp6:") {
            ipv6 = true
            rest = address.dropFirst(5)
        } else {
            throw invalid(address, "it must start with udp: or udp6:")
        }
        let host: Substring
        let portText: Substring
        if ipv6 {
            guard rest.hasPrefix("["), let close = rest.firstIndex(of: "]"),
                rest[rest.index(after: close)...].hasPrefix(":")
            else { throw invalid(address, "an IPv6 address is written udp6:[ADDRESS]:PORT") }
            host = rest[rest.index(after: rest.startIndex)..<close]
            portText = rest[rest.index(close, offsetBy: 2)...]
            guard !host.isEmpty, host.allSatisfy({ $0.isHexDigit || $0 == ":" || $0 == "." }) else {
                throw invalid(address, "\"\(host)\" is not an IPv6 address")
            }
        } else {
            let parts = rest.split(separator: ":", omittingEmptySubsequences: false)
            guard parts.count == 2 else { throw invalid(address, "expected udp:HOST:PORT") }
            host = parts[0]
            portText = parts[1]
            guard !host.isEmpty, host.utf8.count <= 253,
                host.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == ".") }),
                !host.hasPrefix("-"), !host.hasPrefix("."), !host.contains("..")
            else { throw invalid(address, "\"\(host)\" is not a host name or IPv4 address") }
        }
        guard !portText.isEmpty, portText.count <= 5, portText.allSatisfy({ $0.isASCII && $0.isNumber }),
            let port = UInt16(portText), port > 0
        else { throw invalid(address, "the port must be a number 1…65535") }
        return (String(host), port, ipv6)
    }

    static func invalid(_ address: String, _ reason: String) -> SNMPError {
        SNMPError(code: .invalidTarget, message: "\"\(address)\": \(reason)")
    }
}
