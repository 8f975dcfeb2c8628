import WaiwangSNMP

/// A received trap as `waiwang-agent poll --traps` prints it, with the devices it was matched to.
public struct TrapReport: Sendable, Codable, Hashable {
    public var kind: String
    public var version: String
    public var inform: Bool
    public var source: String
    public var sourcePort: UInt16
    public var agentAddress: String?
    public var trapOID: String
    public var upTime: UInt32?
    public var ifIndex: Int?
    public var ifAdminStatus: Int?
    public var ifOperStatus: Int?
    /// The polled targets it came from (re-polled at once); empty for an unknown sender.
    public var targets: [String]
    /// When it was received, seconds since 1970.
    public var receivedAt: Double

    public init(_ event: TrapEvent, targets: [SNMPTarget], receivedAt: Double) {
        kind = event.kind.rawValue
        version = event.version == .v1 ? "v1" : "v2c"
        inform = event.isInform
        source = event.sourceAddress
        sourcePort = event.sourcePort
        agentAddress = event.agentAddress
        trapOID = event.trapOID.description
        upTime = event.upTime
        ifIndex = event.ifIndex
        ifAdminStatus = event.ifAdminStatus
        ifOperStatus = event.ifOperStatus
        self.targets = targets.map(\.address)
        self.receivedAt = receivedAt
    }
}
