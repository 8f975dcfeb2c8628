/// Which raw packets are kept as an alert's evidence.
public struct EvidencePolicy: Sendable, Hashable, Codable {
    /// The first packets of an episode kept, all of them.
    public var firstPackets = 50
    /// After those, one packet in this many.
    public var sampleEvery = 100
    /// Evidence packets per alert at most.
    public var maxPacketsPerAlert = 1_000
    /// Bytes kept of each evidence packet.
    public var snapLength = 1_518
    /// Recent first contacts kept per suspicious source before any alert exists, handed over when one opens.
    public var ringPackets = 8
    /// Bytes kept of each of those.
    public var ringSnapLength = 256
    /// Sources with such a ring at most.
    public var rings = 4_096

    public init() {}

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        firstPackets = try c.value(.firstPackets, or: firstPackets)
        sampleEvery = try c.value(.sampleEvery, or: sampleEvery)
        maxPacketsPerAlert = try c.value(.maxPacketsPerAlert, or: maxPacketsPerAlert)
        snapLength = try c.value(.snapLength, or: snapLength)
        ringPackets = try c.value(.ringPackets, or: ringPackets)
        ringSnapLength = try c.value(.ringSnapLength, or: ringSnapLength)
        rings = try c.value(.rings, or: rings)
    }
}
