import NIOCore
import NIOSSL

/// Where and how the mailer reaches its relay: host, port, TLS, credentials and per-step timeouts.
public struct SMTPConfiguration: Sendable {
    /// How the connection is protected.
    public enum Security: Sendable {
        /// Plain SMTP: a relay on loopback or a trusted segment only.
        case plain
        /// STARTTLS is required; a server that does not offer it is an error, never a silent downgrade.
        /// `serverName` is checked against the certificate (defaults to `host` unless that is an IP address).
        case startTLS(TLSConfiguration, serverName: String? = nil)
    }

    public var host: String
    public var port: Int
    public var security: Security
    public var credentials: SMTPCredentials?
    /// The name this client gives in EHLO/HELO.
    public var clientName: String
    public var timeouts: SMTPTimeouts

    public init(
        host: String,
        port: Int = 25,
        security: Security = .plain,
        credentials: SMTPCredentials? = nil,
        clientName: String = "waiwang-registry.localdomain",
        timeouts: SMTPTimeouts = SMTPTimeouts()
    ) {
        self.host = host
        self.port = port
        self.security = security
        self.credentials = credentials
        self.clientName = clientName
        self.timeouts = timeouts
    }
}

/// A login for AUTH; sent only over TLS unless `allowWithoutTLS` says otherwise.
public struct SMTPCredentials: Sendable {
    public var username: String
    public var password: String
    /// Mechanisms to use, best first; the first one the server offers is taken.
    public var mechanisms: [SMTPAuthMechanism]
    /// Send credentials over a plain connection (a relay on loopback); off by default.
    public var allowWithoutTLS: Bool

    public init(
        username: String, password: String, mechanisms: [SMTPAuthMechanism] = [.plain, .login],
        allowWithoutTLS: Bool = false
    ) {
        self.username = username
        self.password = password
        self.mechanisms = mechanisms
        self.allowWithoutTLS = allowWithoutTLS
    }
}

/// The SASL mechanisms the mailer speaks: PLAIN (RFC 4616) and the older LOGIN.
public enum SMTPAuthMechanism: String, Sendable, Hashable, CaseIterable {
    case plain = "PLAIN"
    case login = "LOGIN"
}

/// Timeouts per dialogue step; RFC 5321 §4.5.3.2 gives minutes, a report deadline of one hour wants less.
public struct SMTPTimeouts: Sendable {
    public var connect: TimeAmount
    /// The 220 greeting.
    public var greeting: TimeAmount
    /// Each command: EHLO, STARTTLS, AUTH, MAIL, RCPT, DATA, QUIT.
    public var command: TimeAmount
    /// From the end of the message to the server's acceptance.
    public var dataTermination: TimeAmount

    public init(
        connect: TimeAmount = .seconds(10),
        greeting: TimeAmount = .seconds(30),
        command: TimeAmount = .seconds(30),
        dataTermination: TimeAmount = .seconds(120)
    ) {
        self.connect = connect
        self.greeting = greeting
        self.command = command
        self.dataTermination = dataTermination
    }
}
