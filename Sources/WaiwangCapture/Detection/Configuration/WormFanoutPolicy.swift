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
