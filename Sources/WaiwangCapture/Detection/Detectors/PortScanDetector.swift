/// port_scan by a fixed window (Zeek's scan policy): one source, one target, `distinctPorts` distinct
/// ports probed and not answered within the window.
struct PortScanDetector {
    private struct Entry {
        var windowStart: Int64 = 0
        var count: UInt8 = 0
        var answered: UInt8 = 0
    }

    private var table: AssociativeTable<Entry>
    private var ports: DistinctSlots
    private let threshold: Int
    private let window: Int64

    init(policy: PortScanPolicy, capacity: Int) {
        table = AssociativeTable(capacity: capacity, empty: Entry())
        ports = DistinctSlots(slots: table.capacity, width: policy.distinctPorts)
        threshold = policy.distinctPorts
        window = Int64(policy.windowSeconds * 1e9)
    }

    func statistics() -> TableStatistics {
        var stats = table.statistics("port_scan_pairs")
        stats.memoryBytes += ports.memoryBytes
        return stats
    }

    /// Counts a first contact; opens an episode at the threshold. Returns whether the pair is suspicious
    /// (two or more unanswered ports).
    mutating func firstContact(_ probe: Probe, book: inout EpisodeBook) -> Bool {
        let key = KeyHash.key(probe.sourceKey, probe.destinationKey)
        let (slot, _) = table.slot(for: key, at: probe.time, fresh: Entry(windowStart: probe.time))
        var entry = table.values[slot]
        if probe.time - entry.windowStart > window { entry = Entry(windowStart: probe.time) }
        _ = ports.insert(
            UInt32(probe.transport) << 16 | UInt32(probe.destinationPort), slot: slot, count: &entry.count,
            answered: &entry.answered)
        let unanswered = Int(entry.count) - Int(entry.answered)
        if unanswered >= threshold {
            book.open(
                .init(
                    kind: .portScan, subject: probe.sourceKey, owner: probe.owner, attacker: probe.source.description,
                    method: .window, firstSeen: entry.windowStart, priorPackets: unanswered - 1, targetFloor: 1,
                    portFloor: unanswered,
                    priorPorts: ports.values(slot: slot, count: entry.count).map { UInt16(truncatingIfNeeded: $0) },
                    candidate: Self.ring(probe.sourceKey)),
                now: probe.time)
            entry = Entry(windowStart: probe.time)
        }
        table.values[slot] = entry
        return unanswered >= 2
    }

    /// Marks the port answered (the target accepted the connection or replied).
    mutating func answered(source: UInt64, target: UInt64, transport: UInt8, port: UInt16) {
        guard let slot = table.find(KeyHash.key(source, target)) else { return }
        var entry = table.values[slot]
        _ = ports.markAnswered(
            UInt32(transport) << 16 | UInt32(port), slot: slot, count: entry.count, answered: &entry.answered)
        table.values[slot] = entry
    }

    /// The evidence ring of a source.
    static func ring(_ source: UInt64) -> UInt64 { KeyHash.key(source, 0xE71D) }
}
