/// Why an SNMP operation failed: a ``code`` to branch on, net-snmp's own message, and what to do.
public struct SNMPError: Error, Sendable, Hashable, CustomStringConvertible {
    /// What kind of failure; static members over a private enum, so adding one breaks no caller.
    public struct Code: Sendable, Hashable, CustomStringConvertible {
        enum Kind: String, Sendable {
            case timeout, authentication, transport, invalidTarget, `protocol`, malformed
            case tooBig, noSuchName, badValue, readOnly, genErr, noAccess, wrongType, wrongLength
            case wrongEncoding, wrongValue, noCreation, inconsistentValue, resourceUnavailable
            case commitFailed, undoFailed, authorizationError, notWritable, inconsistentName
        }
        let kind: Kind

        init(kind: Kind) {
            self.kind = kind
        }

        /// No answer within timeout × (retries + 1): the agent is down, unreachable, or
        /// silently drops us (a wrong v1/v2c community looks exactly like this).
        public static let timeout = Code(kind: .timeout)
        /// SNMPv3 USM refused us: unknown user, wrong passphrase, wrong security level.
        public static let authentication = Code(kind: .authentication)
        /// The request could not be sent or received (bad address, socket error).
        public static let transport = Code(kind: .transport)
        /// The target description is not usable (bad `udp:HOST:PORT`, short passphrase).
        public static let invalidTarget = Code(kind: .invalidTarget)
        /// Any other net-snmp failure (encoding, an unexpected report, an unusable request).
        public static let `protocol` = Code(kind: .protocol)
        /// The agent answered with something that does not decode as what was asked.
        public static let malformed = Code(kind: .malformed)
        /// error-status tooBig(1): the response would not fit in one message.
        public static let tooBig = Code(kind: .tooBig)
        /// error-status noSuchName(2), SNMPv1's answer for a missing OID or the end of a walk.
        public static let noSuchName = Code(kind: .noSuchName)
        /// error-status badValue(3), SNMPv1.
        public static let badValue = Code(kind: .badValue)
        /// error-status readOnly(4), SNMPv1.
        public static let readOnly = Code(kind: .readOnly)
        /// error-status genErr(5).
        public static let genErr = Code(kind: .genErr)
        /// error-status noAccess(6): the object is not accessible to this community or user.
        public static let noAccess = Code(kind: .noAccess)
        /// error-status wrongType(7).
        public static let wrongType = Code(kind: .wrongType)
        /// error-status wrongLength(8).
        public static let wrongLength = Code(kind: .wrongLength)
        /// error-status wrongEncoding(9).
        public static let wrongEncoding = Code(kind: .wrongEncoding)
        /// error-status wrongValue(10).
        public static let wrongValue = Code(kind: .wrongValue)
        /// error-status noCreation(11).
        public static let noCreation = Code(kind: .noCreation)
        /// error-status inconsistentValue(12).
        public static let inconsistentValue = Code(kind: .inconsistentValue)
        /// error-status resourceUnavailable(13).
        public static let resourceUnavailable = Code(kind: .resourceUnavailable)
        /// error-status commitFailed(14).
        public static let commitFailed = Code(kind: .commitFailed)
        /// error-status undoFailed(15).
        public static let undoFailed = Code(kind: .undoFailed)
        /// error-status authorizationError(16): the access control (VACM) refused the request.
        public static let authorizationError = Code(kind: .authorizationError)
        /// error-status notWritable(17): a SET of an object that cannot be written.
        public static let notWritable = Code(kind: .notWritable)
        /// error-status inconsistentName(18).
        public static let inconsistentName = Code(kind: .inconsistentName)

        /// The code of an SNMP error-status (1…18); `nil` for noError or an unknown status.
        init?(errorStatus: Int) {
            let table: [Kind] = [
                .tooBig, .noSuchName, .badValue, .readOnly, .genErr, .noAccess, .wrongType, .wrongLength,
                .wrongEncoding, .wrongValue, .noCreation, .inconsistentValue, .resourceUnavailable,
                .commitFailed, .undoFailed, .authorizationError, .notWritable, .inconsistentName,
            ]
            guard (1...table.count).contains(errorStatus) else { return nil }
            kind = table[errorStatus - 1]
        }

        public var description: String { kind.rawValue }
    }

    /// What kind of failure.
    public var code: Code
    /// net-snmp's message (from `snmp_sess_error`) or the agent's error-status, as received.
    public var message: String
    /// The OID of the varbind the agent blamed (its error-index), when it named one.
    public var oid: OID?

    public init(code: Code, message: String, oid: OID? = nil) {
        self.code = code
        self.message = message
        self.oid = oid
    }

    /// What an operator can do about it.
    public var advice: String {
        switch code.kind {
        case .timeout:
            "check that the device is up and reachable on that UDP port, that the community or v3 user is right "
                + "(agents drop a wrong community without answering), and that a firewall lets SNMP through"
        case .authentication:
            "check the SNMPv3 user name, authentication and privacy protocols and passphrases against the device"
        case .transport: "check the target's address and the local network configuration"
        case .invalidTarget: "write the target as udp:HOST:PORT (udp6:[ADDRESS]:PORT for IPv6) with valid credentials"
        case .tooBig: "ask for fewer objects per request"
        case .noSuchName, .noAccess, .authorizationError:
            "check the OID and that this community or user may see it (the agent's view)"
        case .readOnly, .notWritable, .noCreation:
            "this object cannot be written with these credentials: use a read-write community or user, or another OID"
        case .badValue, .wrongType, .wrongLength, .wrongEncoding, .wrongValue, .inconsistentValue:
            "send a value of the type and range the object's MIB defines"
        case .malformed: "the device sent a value that does not match its type: report it with a capture"
        case .protocol, .genErr, .resourceUnavailable, .commitFailed, .undoFailed, .inconsistentName:
            "retry later; if it persists, look at the device's own logs"
        }
    }

    public var description: String {
        var text = "SNMP \(code)"
        if !message.isEmpty { text += ": \(message)" }
        if let oid { text += " (at \(oid))" }
        return text
    }
}
