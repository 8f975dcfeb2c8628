/// What the engine has seen and holds: packets by attribution class, table sizes and evictions, alerts by kind.
public struct DetectionStatistics: Sendable, Hashable, Codable {
    /// Every packet given to `process`.
    public var packets: UInt64 = 0
    /// Their wire bytes.
    public var bytes: UInt64 = 0
    /// IP packets from a prefix of the link's units.
    public var outbound: UInt64 = 0
    /// IP packets whose source is in no prefix of the link's units (forged or unregistered).
    public var spoofed: UInt64 = 0
    /// IP packets toward the link's units (answers and the extranet's own traffic).
    public var inbound: UInt64 = 0
    /// Packets skipped by the allowlist.
    public var allowlisted: UInt64 = 0
    /// ARP packets.
    public var arp: UInt64 = 0
    /// Packets no detector reads: other EtherTypes, fragments, other protocols, multicast and broadcast.
    public var ignored: UInt64 = 0
    /// Spoofed-source packets kept out of the per-source tables on first sight.
    public var doorkeeperRejected: UInt64 = 0
    /// Every table: capacity, entries, evictions, bytes.
    public var tables: [TableStatistics] = []
    /// Episodes open now.
    public var openEpisodes = 0
    /// Episodes closed early because `episodes.maxOpen` were open.
    public var episodeEvictions = 0
    /// Alerts opened, by kind (`port_scan`: 2, …).
    public var alertsByKind: [String: Int] = [:]
    /// Evidence packets handed out.
    public var evidencePackets = 0

    public init() {}

    /// Bytes held by all tables together (fixed at start).
    public var tableMemoryBytes: Int { tables.reduce(0) { $0 + $1.memoryBytes } }

    /// Entries evicted from all tables together.
    public var evictions: Int { tables.reduce(0) { $0 + $1.evictions } }

    private enum CodingKeys: String, CodingKey {
        case packets, bytes, outbound, spoofed, inbound, allowlisted, arp, ignored, tables
        case evidencePackets = "evidence_packets"
        case doorkeeperRejected = "doorkeeper_rejected"
        case openEpisodes = "open_episodes"
        case episodeEvictions = "episode_evictions"
        case alertsByKind = "alerts_by_kind"
    }
}
