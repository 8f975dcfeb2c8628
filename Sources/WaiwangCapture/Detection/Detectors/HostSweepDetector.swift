/// host_sweep by a fixed window (Zeek's scan policy): one source, `distinctHosts` distinct targets probed
/// (ICMP echo, TCP or UDP) and not answered within the window.
struct HostSweepDetector {
    private struct Entry {
        var windowStart: Int64 = 0
        var count: UInt8 = 0
        var answered: UInt8 = 0
    }

    private var table: AssociativeTable<Entry>
    private var targets: DistinctSlots
    private let threshold: Int
    private let window: Int64

    init(policy: HostSweepPolicy, capacity: Int) {
        table = AssociativeTable(capacity: capacity, empty: Entry())
        targets = DistinctSlots(slots: table.capacity, width: policy.distinctHosts)
        threshold = policy.distinctHosts
        window = Int64(policy.windowSeconds * 1e9)
    }

    func statistics() -> TableStatistics {
        var stats = table.statistics("host_sweep_sources")
        stats.memoryBytes += targets.memoryBytes
        return stats
    }

    /// Counts a first contact; opens an episode at the threshold. Returns whether the source is suspicious.
    mutating func firstContact(_ probe: Probe, book: inout EpisodeBook) -> Bool {
        let (slot, _) = table.slot(
            for: KeyHash.key(probe.sourceKey), at: probe.time, fresh: Entry(windowStart: probe.time))
        var entry = table.values[slot]
        if probe.time - entry.windowStart > window { entry = Entry(windowStart: probe.time) }
        _ = targets.insert(
            KeyHash.short(probe.destinationKey), slot: slot, count: &entry.count, answered: &entry.answered)
        let unanswered = Int(entry.count) - Int(entry.answered)
        if unanswered >= threshold {
            book.open(
                .init(
                    kind: .hostSweep, subject: probe.sourceKey, owner: probe.owner, attacker: probe.source.description,
                    method: .window, firstSeen: entry.windowStart, priorPackets: unanswered - 1,
                    targetFloor: unanswered, candidate: PortScanDetector.ring(probe.sourceKey)),
                now: probe.time)
            entry = Entry(windowStart: probe.time)
        }
        table.values[slot] = entry
        return unanswered >= 2
    }

    /// Marks the target answered.
    mutating func answered(source: UInt64, target: UInt64) {
        guard let slot = table.find(KeyHash.key(source)) else { return }
        var entry = table.values[slot]
        _ = targets.markAnswered(KeyHash.short(target), slot: slot, count: entry.count, answered: &entry.answered)
        table.values[slot] = entry
    }
}
