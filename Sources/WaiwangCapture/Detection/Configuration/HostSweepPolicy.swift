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
