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

/// The entry caps of the detectors' tables: memory is fixed at start and never grows.
public struct TableCaps: Sendable, Hashable, Codable {
    /// First contacts (source, target, protocol, port) and their outcome.
    public var contacts = 1_048_576
    /// First contacts waiting for an answer or their timeout.
    public var pendingContacts = 262_144
    /// (source, target) pairs counting ports.
    public var pairs = 65_536
    /// Sources counting targets and their random walk.
    public var sources = 65_536
    /// (source, service port) counting worm fan-out.
    public var services = 16_384
    /// (source, target, auth port) counting sessions.
    public var authSessions = 16_384
    /// Flood targets.
    public var targets = 65_536
    /// ARP bindings (IPv4 address → MAC).
    public var arpBindings = 16_384
    /// Bits of the doorkeeper that lets an unregistered source into the tables only on its second packet.
    public var doorkeeperBits = 8_388_608

    public init() {}

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        contacts = try c.value(.contacts, or: contacts)
        pendingContacts = try c.value(.pendingContacts, or: pendingContacts)
        pairs = try c.value(.pairs, or: pairs)
        sources = try c.value(.sources, or: sources)
        services = try c.value(.services, or: services)
        authSessions = try c.value(.authSessions, or: authSessions)
        targets = try c.value(.targets, or: targets)
        arpBindings = try c.value(.arpBindings, or: arpBindings)
        doorkeeperBits = try c.value(.doorkeeperBits, or: doorkeeperBits)
    }
}
