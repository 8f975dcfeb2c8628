/// worm_fanout: one source, one worm-prone service port, `distinctHosts` unanswered targets within a
/// short window — a rate no person clicks at.
struct WormFanoutDetector {
    private struct Entry {
        var windowStart: Int64 = 0
        var count: UInt8 = 0
        var answered: UInt8 = 0
    }

    private var table: AssociativeTable<Entry>
    private var targets: DistinctSlots
    private let threshold: Int
    private let window: Int64
    private var watched = [UInt64](repeating: 0, count: 1024)

    init(policy: WormFanoutPolicy, capacity: Int) {
        table = AssociativeTable(capacity: capacity, empty: Entry())
        targets = DistinctSlots(slots: table.capacity, width: policy.distinctHosts)
        threshold = policy.distinctHosts
        window = Int64(policy.windowSeconds * 1e9)
        for port in policy.ports { watched[Int(port >> 6)] |= 1 << UInt64(port & 63) }
    }

    func statistics() -> TableStatistics {
        var stats = table.statistics("worm_services")
        stats.memoryBytes += targets.memoryBytes
        return stats
    }

    /// Whether `port` is a worm-prone service port.
    @inline(__always)
    func watches(_ port: UInt16) -> Bool { watched[Int(port >> 6)] & (1 << UInt64(port & 63)) != 0 }

    /// Counts a first contact to a watched port; opens an episode at the threshold.
    mutating func firstContact(_ probe: Probe, book: inout EpisodeBook) -> Bool {
        let key = KeyHash.key(probe.sourceKey, UInt64(probe.transport) << 16 | UInt64(probe.destinationPort))
        let (slot, _) = table.slot(for: key, at: probe.time, fresh: Entry(windowStart: probe.time))
        var entry = table.values[slot]
        if probe.time - entry.windowStart > window { entry = Entry(windowStart: probe.time) }
        _ = targets.insert(
            KeyHash.short(probe.destinationKey), slot: slot, count: &entry.count, answered: &entry.answered)
        let unanswered = Int(entry.count) - Int(entry.answered)
        if unanswered >= threshold {
            book.open(
                .init(
                    kind: .wormFanout, subject: probe.sourceKey, owner: probe.owner, attacker: probe.source.description,
                    method: .rate, firstSeen: entry.windowStart, priorPackets: unanswered - 1,
                    targetFloor: unanswered, portFloor: 1, candidate: PortScanDetector.ring(probe.sourceKey)),
                now: probe.time)
            entry = Entry(windowStart: probe.time)
        }
        table.values[slot] = entry
        return unanswered >= 2
    }

    /// Marks the target answered on that service.
    mutating func answered(source: UInt64, target: UInt64, transport: UInt8, port: UInt16) {
        let key = KeyHash.key(source, UInt64(transport) << 16 | UInt64(port))
        guard let slot = table.find(key) else { return }
        var entry = table.values[slot]
        _ = targets.markAnswered(KeyHash.short(target), slot: slot, count: entry.count, answered: &entry.answered)
        table.values[slot] = entry
    }
}
