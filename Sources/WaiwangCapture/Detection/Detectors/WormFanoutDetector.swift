/// worm_fanout: one source, one worm-prone service port, `distinctHosts` unanswered targets within a
/// short window — a rate no person clicks at.
struct WormFanoutDetector {
    private var targets: UnansweredWindow
    private let watched: PortSet

    init(policy: WormFanoutPolicy, capacity: Int) {
        targets = UnansweredWindow(
            capacity: capacity, threshold: policy.distinctHosts, windowSeconds: policy.windowSeconds)
        watched = PortSet(policy.ports)
    }

    func statistics() -> TableStatistics { targets.statistics("worm_services") }

    /// Whether `port` is a worm-prone service port.
    @inline(__always)
    func watches(_ port: UInt16) -> Bool { watched.contains(port) }

    /// Counts a first contact to a watched port; opens an episode at the threshold.
    mutating func firstContact(_ probe: Probe, book: inout EpisodeBook) -> Bool {
        let tally = targets.count(
            KeyHash.short(probe.destinationKey),
            under: KeyHash.key(probe.sourceKey, UInt64(probe.transport) << 16 | UInt64(probe.destinationPort)),
            at: probe.time)
        if tally.reachedThreshold {
            book.open(
                .init(
                    kind: .wormFanout, subject: probe.sourceKey, owner: probe.owner, attacker: probe.source.description,
                    method: .rate, firstSeen: tally.windowStart, priorPackets: tally.unanswered - 1,
                    targetFloor: tally.unanswered, portFloor: 1, candidate: EvidenceRings.key(of: probe.sourceKey)),
                now: probe.time)
        }
        return tally.unanswered >= 2
    }

    /// Marks the target answered on that service.
    mutating func answered(source: UInt64, target: UInt64, transport: UInt8, port: UInt16) {
        targets.answered(
            KeyHash.short(target), under: KeyHash.key(source, UInt64(transport) << 16 | UInt64(port)))
    }
}
