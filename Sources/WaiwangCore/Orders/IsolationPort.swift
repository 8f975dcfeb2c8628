/// A hub port an isolation order shuts and later restores, with what the agent reported for each direction.
public struct IsolationPort: Hashable, Sendable, Codable {
    /// The hub device (its registry code or address) the agent sets.
    public var device: String
    public var ifName: String
    /// The link that lands on this port.
    public var link: String
    /// Every unit whose traffic runs through this port (several on a shared link, article 17).
    public var carries: [String]
    /// True when the port is the unit's own sub-interface or VLAN port: cutting it cuts no one else.
    public var ownSubinterface: Bool
    /// The shutdown's outcome (ifAdminStatus down, read back).
    public var shutdown: PortOutcome
    /// The restore's outcome (ifAdminStatus up, read back).
    public var restore: PortOutcome

    public init(
        device: String, ifName: String, link: String, carries: [String], ownSubinterface: Bool = false,
        shutdown: PortOutcome = .pending, restore: PortOutcome = .pending
    ) {
        self.device = device
        self.ifName = ifName
        self.link = link
        self.carries = carries
        self.ownSubinterface = ownSubinterface
        self.shutdown = shutdown
        self.restore = restore
    }

    /// `HT-SW1 Gi0/1`.
    public var name: String { "\(device) \(ifName)" }

    /// The outcome in one direction.
    public func outcome(_ direction: PortDirection) -> PortOutcome {
        direction == .down ? shutdown : restore
    }
}

/// Which way a port is set: down to isolate (`port.shutdown`), up to restore (`port.restore`).
public enum PortDirection: String, Hashable, Sendable, Codable {
    case down, up

    /// 关闭 or 恢复.
    public var label: String { self == .down ? "关闭" : "恢复" }
}

/// What the agent reported for one port: nothing yet, confirmed by read-back, failed, or timed out.
public enum PortOutcome: Hashable, Sendable, Codable {
    case pending
    case confirmed
    case failed(reason: String)
    case timedOut

    /// True for a failure or a timeout: shown and escalated, never taken as done.
    public var isFailure: Bool {
        switch self {
        case .failed, .timedOut: true
        default: false
        }
    }

    /// 待确认, 已确认, 失败：…, 超时.
    public var label: String {
        switch self {
        case .pending: "待确认"
        case .confirmed: "已确认"
        case .failed(let reason): "失败：\(reason)"
        case .timedOut: "超时未确认"
        }
    }
}

/// A command for a hub's agent, emitted by a step of the workflow; the registry queues it.
public struct PortCommand: Hashable, Sendable, Codable {
    public var direction: PortDirection
    public var device: String
    public var ifName: String

    public init(direction: PortDirection, device: String, ifName: String) {
        self.direction = direction
        self.device = device
        self.ifName = ifName
    }
}
