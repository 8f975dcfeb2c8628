/// brute_force: `sessions` new TCP sessions (SYNs from distinct source ports) from one source to one
/// authentication service on one target within the window — hydra's pattern; a person logs in once.
struct BruteForceDetector {
    private struct Entry {
        var windowStart: Int64 = 0
        var sessions: UInt32 = 0
        var lastSourcePort: UInt16 = 0
    }

    private var table: AssociativeTable<Entry>
    private let threshold: Int
    private let window: Int64
    private let watched: PortSet

    init(policy: BruteForcePolicy, capacity: Int) {
        table = AssociativeTable(capacity: capacity, empty: Entry())
        threshold = policy.sessions
        window = Int64(policy.windowSeconds * 1e9)
        watched = PortSet(policy.ports)
    }

    func statistics() -> TableStatistics { table.statistics("auth_sessions") }

    /// Whether `port` is an authentication service port.
    @inline(__always)
    func watches(_ port: UInt16) -> Bool { watched.contains(port) }

    /// Counts a SYN to an authentication port; opens an episode at the threshold. Returns whether the
    /// source is suspicious (two or more sessions in the window).
    mutating func syn(_ probe: Probe, book: inout EpisodeBook) -> Bool {
        let key = KeyHash.key(KeyHash.key(probe.sourceKey, probe.destinationKey), UInt64(probe.destinationPort))
        let (slot, inserted) = table.slot(for: key, at: probe.time, fresh: Entry(windowStart: probe.time))
        var entry = table.values[slot]
        if !inserted, entry.lastSourcePort == probe.sourcePort { return entry.sessions >= 2 }  // a retransmitted SYN
        if probe.time - entry.windowStart > window { entry = Entry(windowStart: probe.time) }
        entry.sessions &+= 1
        entry.lastSourcePort = probe.sourcePort
        let sessions = Int(entry.sessions)
        if sessions >= threshold {
            book.open(
                .init(
                    kind: .bruteForce, subject: probe.sourceKey, owner: probe.owner, attacker: probe.source.description,
                    method: .rate, firstSeen: entry.windowStart, priorPackets: sessions - 1, targetFloor: 1,
                    portFloor: 1, candidate: EvidenceRings.key(of: probe.sourceKey)),
                now: probe.time)
            entry = Entry(windowStart: probe.time, lastSourcePort: probe.sourcePort)
        }
        table.values[slot] = entry
        return sessions >= 2
    }
}
