/// One attack episode as reported: opened when a detector fires, updated while the attack goes on,
/// closed after it idles. Encodes to the JSON documented in docs/ALERTS.md (docs/alert.schema.json).
public struct Alert: Sendable, Hashable, Codable {
    /// Stable for the whole episode: `<link>-<first seen, ns>-<sequence>`.
    public var id: String
    public var kind: AlertKind
    public var state: AlertState
    /// The attacking IP address, or the MAC for `arp_spoof`; for a flood, the first source seen.
    public var attacker: String
    /// The attacking unit's id; nil only for a spoofed source on a link shared by several units.
    public var unit: String?
    /// The unit, or every unit of the link when the source is spoofed.
    public var units: [String]
    public var link: String
    /// The source is not in any prefix of the link's units (forged or unregistered).
    public var spoofedSource: Bool
    public var method: DetectionMethod
    public var targets: Tally<String>
    public var ports: Tally<Int>
    /// The distinct sources of a flood (aggregated by target); nil for other kinds.
    public var sources: Tally<String>?
    public var firstSeen: AlertTimestamp
    public var lastSeen: AlertTimestamp
    public var packets: UInt64
    public var bytes: UInt64
    /// Packets per second over the episode (its duration taken as at least one second).
    public var rate: Double
    /// Raw packets handed to the caller as this alert's evidence so far.
    public var evidencePackets: Int

    /// Creates an alert (the engine builds them; public for decoding and tests).
    public init(
        id: String, kind: AlertKind, state: AlertState, attacker: String, unit: String?, units: [String],
        link: String, spoofedSource: Bool, method: DetectionMethod, targets: Tally<String>, ports: Tally<Int>,
        sources: Tally<String>?, firstSeen: AlertTimestamp, lastSeen: AlertTimestamp, packets: UInt64,
        bytes: UInt64, rate: Double, evidencePackets: Int
    ) {
        self.id = id
        self.kind = kind
        self.state = state
        self.attacker = attacker
        self.unit = unit
        self.units = units
        self.link = link
        self.spoofedSource = spoofedSource
        self.method = method
        self.targets = targets
        self.ports = ports
        self.sources = sources
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.packets = packets
        self.bytes = bytes
        self.rate = rate
        self.evidencePackets = evidencePackets
    }

    private enum CodingKeys: String, CodingKey {
        case id, kind, state, attacker, unit, units, link, method, targets, ports, sources, packets, bytes, rate
        case spoofedSource = "spoofed_source"
        case firstSeen = "first_seen"
        case lastSeen = "last_seen"
        case evidencePackets = "evidence_packets"
    }

    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        try c.encode(id, forKey: .id)
        try c.encode(kind, forKey: .kind)
        try c.encode(state, forKey: .state)
        try c.encode(attacker, forKey: .attacker)
        try c.encode(unit, forKey: .unit)  // explicit null for a spoofed source on a shared link
        try c.encode(units, forKey: .units)
        try c.encode(link, forKey: .link)
        try c.encode(spoofedSource, forKey: .spoofedSource)
        try c.encode(method, forKey: .method)
        try c.encode(targets, forKey: .targets)
        try c.encode(ports, forKey: .ports)
        try c.encodeIfPresent(sources, forKey: .sources)
        try c.encode(firstSeen, forKey: .firstSeen)
        try c.encode(lastSeen, forKey: .lastSeen)
        try c.encode(packets, forKey: .packets)
        try c.encode(bytes, forKey: .bytes)
        try c.encode(rate, forKey: .rate)
        try c.encode(evidencePackets, forKey: .evidencePackets)
    }
}

/// A distinct count and a sample of the first values seen (exact up to 64, estimated beyond).
public struct Tally<Value: Sendable & Hashable & Codable>: Sendable, Hashable, Codable {
    public var count: Int
    public var sample: [Value]

    public init(count: Int, sample: [Value]) {
        self.count = count
        self.sample = sample
    }
}
