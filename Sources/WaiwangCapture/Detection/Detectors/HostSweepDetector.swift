/// host_sweep by a fixed window (Zeek's scan policy): one source, `distinctHosts` distinct targets probed
/// (ICMP echo, TCP or UDP) and not answered within the window.
struct HostSweepDetector {
    private var targets: UnansweredWindow

    init(policy: HostSweepPolicy, capacity: Int) {
        targets = UnansweredWindow(
            capacity: capacity, threshold: policy.distinctHosts, windowSeconds: policy.windowSeconds)
    }

    func statistics() -> TableStatistics { targets.statistics("host_sweep_sources") }

    /// Counts a first contact; opens an episode at the threshold. Returns whether the source is suspicious.
    mutating func firstContact(_ probe: Probe, book: inout EpisodeBook) -> Bool {
        let tally = targets.count(
            KeyHash.short(probe.destinationKey), under: KeyHash.key(probe.sourceKey), at: probe.time)
        if tally.reachedThreshold {
            book.open(
                .init(
                    kind: .hostSweep, subject: probe.sourceKey, owner: probe.owner, attacker: probe.source.description,
                    method: .window, firstSeen: tally.windowStart, priorPackets: tally.unanswered - 1,
                    targetFloor: tally.unanswered, candidate: EvidenceRings.key(of: probe.sourceKey)),
                now: probe.time)
        }
        return tally.unanswered >= 2
    }

    /// Marks the target answered.
    mutating func answered(source: UInt64, target: UInt64) {
        targets.answered(KeyHash.short(target), under: KeyHash.key(source))
    }
}
