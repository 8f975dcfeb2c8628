/// port_scan by a fixed window (Zeek's scan policy): one source, one target, `distinctPorts` distinct
/// ports probed and not answered within the window.
struct PortScanDetector {
    private var ports: UnansweredWindow

    init(policy: PortScanPolicy, capacity: Int) {
        ports = UnansweredWindow(
            capacity: capacity, threshold: policy.distinctPorts, windowSeconds: policy.windowSeconds)
    }

    func statistics() -> TableStatistics { ports.statistics("port_scan_pairs") }

    /// Counts a first contact; opens an episode at the threshold. Returns whether the pair is suspicious
    /// (two or more unanswered ports).
    mutating func firstContact(_ probe: Probe, book: inout EpisodeBook) -> Bool {
        let tally = ports.count(
            UInt32(probe.transport) << 16 | UInt32(probe.destinationPort),
            under: KeyHash.key(probe.sourceKey, probe.destinationKey), at: probe.time)
        if tally.reachedThreshold {
            book.open(
                .init(
                    kind: .portScan, subject: probe.sourceKey, owner: probe.owner, attacker: probe.source.description,
                    method: .window, firstSeen: tally.windowStart, priorPackets: tally.unanswered - 1, targetFloor: 1,
                    portFloor: tally.unanswered,
                    priorPorts: ports.values(of: tally).map { UInt16(truncatingIfNeeded: $0) },
                    candidate: EvidenceRings.key(of: probe.sourceKey)),
                now: probe.time)
        }
        return tally.unanswered >= 2
    }

    /// Marks the port answered (the target accepted the connection or replied).
    mutating func answered(source: UInt64, target: UInt64, transport: UInt8, port: UInt16) {
        ports.answered(UInt32(transport) << 16 | UInt32(port), under: KeyHash.key(source, target))
    }
}
