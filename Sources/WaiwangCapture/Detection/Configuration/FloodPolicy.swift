/// A flood toward one target: unanswered (half-open) packets per second, or all packets per second,
/// over a threshold within one window; sources may be spoofed, so it is counted per target.
public struct FloodPolicy: Sendable, Hashable, Codable {
    public var enabled = true
    /// Unanswered packets per second toward one target (SYN without SYN-ACK, UDP or echo without reply).
    public var unansweredPerSecond: Double
    /// All packets per second toward one target, answered or not.
    public var packetsPerSecond: Double
    /// The counting window.
    public var windowSeconds = 1.0

    /// Creates a flood policy with these rates.
    public init(unansweredPerSecond: Double, packetsPerSecond: Double) {
        self.unansweredPerSecond = unansweredPerSecond
        self.packetsPerSecond = packetsPerSecond
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        enabled = try c.value(.enabled, or: true)
        unansweredPerSecond = try c.decode(Double.self, forKey: .unansweredPerSecond)
        packetsPerSecond = try c.decode(Double.self, forKey: .packetsPerSecond)
        windowSeconds = try c.value(.windowSeconds, or: 1.0)
    }

    /// SYN flood defaults: Juniper's screen counts 200 SYN/s to one address and port; we count half-open
    /// SYNs to one address, over all ports, so the bar is higher.
    public static let synDefault = FloodPolicy(unansweredPerSecond: 500, packetsPerSecond: 5_000)
    /// UDP flood defaults: Juniper's screen default is 1,000 packets/s to one destination.
    public static let udpDefault = FloodPolicy(unansweredPerSecond: 1_000, packetsPerSecond: 20_000)
    /// ICMP flood defaults: Juniper's screen default is 1,000 packets/s to one destination.
    public static let icmpDefault = FloodPolicy(unansweredPerSecond: 1_000, packetsPerSecond: 5_000)
}
