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
