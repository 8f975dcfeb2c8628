/// port_scan by a fixed window: one source, one target, this many distinct failed or unanswered ports.
public struct PortScanPolicy: Sendable, Hashable, Codable {
    public var enabled = true
    /// Distinct unanswered ports on one target that make a scan (Zeek: 15).
    public var distinctPorts = 15
    /// The window, from the first probe (Zeek: 5 min).
    public var windowSeconds = 300.0

    public init() {}

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        enabled = try c.value(.enabled, or: enabled)
        distinctPorts = try c.value(.distinctPorts, or: distinctPorts)
        windowSeconds = try c.value(.windowSeconds, or: windowSeconds)
    }
}

/// host_sweep by a fixed window: one source, this many distinct failed or unanswered targets.
public struct HostSweepPolicy: Sendable, Hashable, Codable {
    public var enabled = true
    /// Distinct unanswered targets that make a sweep (Zeek: 25).
    public var distinctHosts = 25
    /// The window, from the first probe (Zeek: 5 min).
    public var windowSeconds = 300.0

    public init() {}

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        enabled = try c.value(.enabled, or: enabled)
        distinctHosts = try c.value(.distinctHosts, or: distinctHosts)
        windowSeconds = try c.value(.windowSeconds, or: windowSeconds)
    }
}

/// worm_fanout: one source, one worm-prone service port, many unanswered targets at machine rate.
public struct WormFanoutPolicy: Sendable, Hashable, Codable {
    public var enabled = true
    /// Distinct unanswered targets on one service port within the window.
    public var distinctHosts = 20
    /// A short window: 20 new hosts in 10 s is twice Williamson's 1 new host/s throttle over 10 s.
    public var windowSeconds = 10.0
    /// The service ports worms spread by.
    public var ports: [UInt16] = [22, 23, 135, 139, 445, 1433, 1434, 3306, 3389, 5900]

    public init() {}

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        enabled = try c.value(.enabled, or: enabled)
        distinctHosts = try c.value(.distinctHosts, or: distinctHosts)
        windowSeconds = try c.value(.windowSeconds, or: windowSeconds)
        ports = try c.value(.ports, or: ports)
    }
}

/// Slow scans: the threshold random walk (Jung, Paxson, Berger, Balakrishnan 2004) over first contacts.
///
/// Each failed or unanswered first contact multiplies the likelihood ratio by `failureRatio`
/// ((1−θ1)/(1−θ0) = 0.8/0.2 = 4), each success by `successRatio` (θ1/θ0 = 0.2/0.8 = 0.25); the source is a
/// scanner at `upperThreshold` (P_D/P_F = 0.99/0.01 = 99) and benign, the walk restarted, at `lowerThreshold`.
public struct SlowScanPolicy: Sendable, Hashable, Codable {
    public var enabled = true
    public var failureRatio = 4.0
    public var successRatio = 0.25
    public var upperThreshold = 99.0
    /// (1−P_D)/(1−P_F) = 0.01/0.99.
    public var lowerThreshold = 0.0101
    /// A first contact with no answer within this time counts as failed.
    public var contactTimeoutSeconds = 5.0

    public init() {}

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        enabled = try c.value(.enabled, or: enabled)
        failureRatio = try c.value(.failureRatio, or: failureRatio)
        successRatio = try c.value(.successRatio, or: successRatio)
        upperThreshold = try c.value(.upperThreshold, or: upperThreshold)
        lowerThreshold = try c.value(.lowerThreshold, or: lowerThreshold)
        contactTimeoutSeconds = try c.value(.contactTimeoutSeconds, or: contactTimeoutSeconds)
    }
}
