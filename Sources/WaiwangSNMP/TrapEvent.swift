/// One SNMP notification a ``TrapListener`` accepted: an SNMPv2c trap or inform, or an SNMPv1 trap, with the
/// community already checked.
///
/// IF-MIB's linkDown and linkUp (RFC 2863; SNMPv1 generic traps 2 and 3) are decoded into ``ifIndex``,
/// ``ifAdminStatus`` and ``ifOperStatus``; every other notification is ``Kind/other`` with its varbinds kept.
public struct TrapEvent: Sendable, Hashable {
    /// What the notification says.
    public enum Kind: String, Sendable, Hashable, Codable {
        /// linkDown (1.3.6.1.6.3.1.1.5.3, SNMPv1 generic trap 2): an interface left the up state.
        case linkDown
        /// linkUp (1.3.6.1.6.3.1.1.5.4, SNMPv1 generic trap 3): an interface came up.
        case linkUp
        /// Any other trap or inform.
        case other
    }

    public var kind: Kind
    /// `.v1` or `.v2c`.
    public var version: SNMPTarget.Version
    /// Whether it was an inform (answered by the listener) rather than a trap.
    public var isInform: Bool
    /// The IP address the datagram came from (a sender behind NAT shows its NAT address here).
    public var sourceAddress: String
    public var sourcePort: UInt16
    /// The address the agent says it is: SNMPv1 agent-addr, or snmpTrapAddress.0 of an SNMPv2 trap; nil if absent
    /// or 0.0.0.0.
    public var agentAddress: String?
    /// snmpTrapOID.0 (for SNMPv1, its RFC 3584 translation: generic `n` is 1.3.6.1.6.3.1.1.5.`n+1`,
    /// enterprise-specific is enterprise.0.specific).
    public var trapOID: OID
    /// The sender's sysUpTime when it sent the notification, in TimeTicks.
    public var upTime: UInt32?
    /// linkDown/linkUp: the interface, from an ifIndex varbind or the instance of ifAdminStatus/ifOperStatus.
    public var ifIndex: Int?
    /// linkDown/linkUp: ifAdminStatus (1 up, 2 down, 3 testing) when the trap carries a valid one.
    public var ifAdminStatus: Int?
    /// linkDown/linkUp: ifOperStatus (1…7) when the trap carries a valid one.
    public var ifOperStatus: Int?
    /// Every varbind after sysUpTime.0 and snmpTrapOID.0 (all of them for SNMPv1).
    public var varBinds: [VarBind]

    public init(
        kind: Kind, version: SNMPTarget.Version, isInform: Bool = false, sourceAddress: String, sourcePort: UInt16,
        agentAddress: String? = nil, trapOID: OID, upTime: UInt32? = nil, ifIndex: Int? = nil,
        ifAdminStatus: Int? = nil, ifOperStatus: Int? = nil, varBinds: [VarBind] = []
    ) {
        self.kind = kind
        self.version = version
        self.isInform = isInform
        self.sourceAddress = sourceAddress
        self.sourcePort = sourcePort
        self.agentAddress = agentAddress
        self.trapOID = trapOID
        self.upTime = upTime
        self.ifIndex = ifIndex
        self.ifAdminStatus = ifAdminStatus
        self.ifOperStatus = ifOperStatus
        self.varBinds = varBinds
    }

    /// snmpTrapOID of linkDown.
    public static let linkDownOID = OID("1.3.6.1.6.3.1.1.5.3")!
    /// snmpTrapOID of linkUp.
    public static let linkUpOID = OID("1.3.6.1.6.3.1.1.5.4")!
    static let sysUpTime = OID("1.3.6.1.2.1.1.3.0")!
    static let snmpTrapOID = OID("1.3.6.1.6.3.1.1.4.1.0")!
    static let snmpTrapAddress = OID("1.3.6.1.6.3.18.1.3.0")!
    static let genericTraps = OID("1.3.6.1.6.3.1.1.5")!
    static let ifIndexColumn = OID("1.3.6.1.2.1.2.2.1.1")!
    static let ifAdminStatusColumn = OID("1.3.6.1.2.1.2.2.1.7")!
    static let ifOperStatusColumn = OID("1.3.6.1.2.1.2.2.1.8")!
}

/// What a ``TrapListener`` has seen since it started: every datagram is counted once, in `received` and in one of
/// the outcomes.
public struct TrapStatistics: Sendable, Hashable, Codable {
    /// Datagrams read from the socket.
    public var received = 0
    /// Notifications handed to ``TrapListener/events``.
    public var delivered = 0
    /// Datagrams net-snmp could not parse (garbage, truncated BER, unknown SNMPv3 user), and SNMPv2 notifications
    /// without sysUpTime.0 and snmpTrapOID.0 first.
    public var malformed = 0
    /// Notifications whose community is not one the listener accepts.
    public var wrongCommunity = 0
    /// Messages that are not notifications (GET, SET, responses) or not v1/v2c.
    public var unsupported = 0
    /// Notifications dropped because nobody read ``TrapListener/events`` fast enough.
    public var dropped = 0

    public init() {}
}

/// A notification as net-snmp parsed it, before the listener judged it; decoding is pure so it can be tested.
struct ReceivedNotification: Sendable {
    enum PDUKind: Sendable { case v1Trap, v2Trap, inform, other }

    var kind: PDUKind
    var version: SNMPTarget.Version?
    var community: [UInt8]
    var sourceAddress: String
    var sourcePort: UInt16
    var varBinds: [VarBind]
    /// A varbind whose OID net-snmp handed over unusable (empty, too long, an arc above 2³²−1).
    var hasUndecodableVarBind = false
    /// SNMPv1 trap fields.
    var enterprise: OID?
    var genericTrap: Int = 0
    var specificTrap: Int = 0
    var v1AgentAddress: (UInt8, UInt8, UInt8, UInt8) = (0, 0, 0, 0)
    var v1TimeStamp: UInt32 = 0

    /// Why a received message is not delivered.
    enum Rejection: Error, Equatable { case malformed, wrongCommunity, unsupported }

    /// The event, or why there is none.
    func decode(communities: Set<[UInt8]>) -> Result<TrapEvent, Rejection> {
        guard let version, version != .v3, kind != .other else { return .failure(.unsupported) }
        guard communities.contains(community) else { return .failure(.wrongCommunity) }
        guard !hasUndecodableVarBind else { return .failure(.malformed) }
        var event: TrapEvent
        switch kind {
        case .v1Trap:
            let trapOID: OID
            if (0...5).contains(genericTrap) {
                trapOID = TrapEvent.genericTraps.appending(UInt32(genericTrap + 1))
            } else if genericTrap == 6, let enterprise, specificTrap >= 0, specificTrap <= Int(UInt32.max) {
                trapOID = enterprise.appending(0, UInt32(specificTrap))
            } else {
                return .failure(.malformed)
            }
            let (a, b, c, d) = v1AgentAddress
            event = TrapEvent(
                kind: .other, version: .v1, sourceAddress: sourceAddress, sourcePort: sourcePort,
                agentAddress: a == 0 && b == 0 && c == 0 && d == 0 ? nil : "\(a).\(b).\(c).\(d)", trapOID: trapOID,
                upTime: v1TimeStamp, varBinds: varBinds)
        case .v2Trap, .inform:
            // RFC 3416 §4.2.6: sysUpTime.0 then snmpTrapOID.0 come first.
            guard varBinds.count >= 2, varBinds[0].oid == TrapEvent.sysUpTime, varBinds[1].oid == TrapEvent.snmpTrapOID,
                case .timeticks(let upTime) = varBinds[0].value, case .objectIdentifier(let trapOID) = varBinds[1].value
            else { return .failure(.malformed) }
            let rest = Array(varBinds.dropFirst(2))
            var agent: String?
            if case .ipAddress(let a, let b, let c, let d)? = rest.first(where: { $0.oid == TrapEvent.snmpTrapAddress }
            )?
            .value, a != 0 || b != 0 || c != 0 || d != 0 {
                agent = "\(a).\(b).\(c).\(d)"
            }
            event = TrapEvent(
                kind: .other, version: .v2c, isInform: kind == .inform, sourceAddress: sourceAddress,
                sourcePort: sourcePort, agentAddress: agent, trapOID: trapOID, upTime: upTime, varBinds: rest)
        case .other:
            return .failure(.unsupported)
        }
        if event.trapOID == TrapEvent.linkDownOID || event.trapOID == TrapEvent.linkUpOID {
            event.kind = event.trapOID == TrapEvent.linkDownOID ? .linkDown : .linkUp
            Self.readInterface(event.varBinds, into: &event)
        }
        return .success(event)
    }

    /// ifIndex, ifAdminStatus and ifOperStatus from linkDown/linkUp varbinds; values of the wrong type or range
    /// are left out (nil), never trusted.
    static func readInterface(_ bindings: [VarBind], into event: inout TrapEvent) {
        func instance(_ oid: OID, _ column: OID) -> Int? {
            guard let arcs = oid.suffix(after: column), arcs.count == 1, arcs[0] > 0, arcs[0] <= Int32.max else {
                return nil
            }
            return Int(arcs[0])
        }
        for binding in bindings {
            if binding.oid.hasPrefix(TrapEvent.ifIndexColumn), instance(binding.oid, TrapEvent.ifIndexColumn) != nil,
                case .integer(let value) = binding.value, value > 0, value <= Int64(Int32.max)
            {
                event.ifIndex = event.ifIndex ?? Int(value)
            } else if let index = instance(binding.oid, TrapEvent.ifAdminStatusColumn) {
                event.ifIndex = event.ifIndex ?? index
                if case .integer(let value) = binding.value, (1...3).contains(value) {
                    event.ifAdminStatus = Int(value)
                }
            } else if let index = instance(binding.oid, TrapEvent.ifOperStatusColumn) {
                event.ifIndex = event.ifIndex ?? index
                if case .integer(let value) = binding.value, (1...7).contains(value) { event.ifOperStatus = Int(value) }
            }
        }
    }
}
