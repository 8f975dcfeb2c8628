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
