/// How alerts aggregate: one episode per attack, updated while it lasts, closed after an idle time.
public struct EpisodePolicy: Sendable, Hashable, Codable {
    /// An episode with no packet for this long is closed.
    public var idleTimeoutSeconds = 300.0
    /// An open episode is re-reported at most this often while packets arrive.
    public var updateIntervalSeconds = 60.0
    /// Open episodes at most; the idlest is closed early to make room (counted as an eviction).
    public var maxOpen = 4_096
    /// Targets, ports and sources listed in an alert at most.
    public var sampleSize = 16

    public init() {}

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        idleTimeoutSeconds = try c.value(.idleTimeoutSeconds, or: idleTimeoutSeconds)
        updateIntervalSeconds = try c.value(.updateIntervalSeconds, or: updateIntervalSeconds)
        maxOpen = try c.value(.maxOpen, or: maxOpen)
        sampleSize = try c.value(.sampleSize, or: sampleSize)
    }
}
