/// Why a mail was not handed to the server: the step, the server's reply if there was one, and
/// whether trying again later can help.
public struct SMTPError: Error, Sendable, CustomStringConvertible {
    /// The kind of failure; new kinds can be added without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Base: String, Hashable, Sendable {
            case connection, timeout, rejected, tls, authentication, protocolViolation
        }
        private let base: Base
        private init(_ base: Base) { self.base = base }

        /// The server could not be reached, or the connection broke.
        public static let connection = Code(.connection)
        /// A step took longer than its timeout.
        public static let timeout = Code(.timeout)
        /// The server answered a command with a failure reply.
        public static let rejected = Code(.rejected)
        /// STARTTLS was required but not offered, or the TLS handshake failed.
        public static let tls = Code(.tls)
        /// The server refused the credentials, or offers no mechanism we speak.
        public static let authentication = Code(.authentication)
        /// The server spoke something that is not SMTP.
        public static let protocolViolation = Code(.protocolViolation)

        public var description: String { base.rawValue }
    }

    public let code: Code
    /// The dialogue step: `connect`, `greeting`, `EHLO`, `STARTTLS`, `AUTH`, `MAIL FROM`, `DATA`, `message` …
    public let step: String
    /// The server's reply, when the failure is a reply.
    public let reply: SMTPReply?
    public let message: String

    public init(_ code: Code, step: String, reply: SMTPReply? = nil, message: String) {
        self.code = code
        self.step = step
        self.reply = reply
        self.message = message
    }

    /// Whether a later attempt may succeed: 4xx replies, timeouts and broken connections; not 5xx,
    /// TLS, authentication or protocol failures, which need a person.
    public var isTransient: Bool {
        if let reply { return reply.isTransientFailure }
        return code == .connection || code == .timeout
    }

    public var description: String {
        if let reply { return "SMTP \(step): \(message) (server replied \(reply))" }
        return "SMTP \(step): \(message)"
    }
}
