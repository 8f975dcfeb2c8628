import WaiwangCore

/// The open attack episodes: one per (kind, subject), fed by the detectors, reported as alerts when
/// they open, at most every update interval while they last, and when they close after idling.
///
/// Also decides evidence: the ring of the triggering source's first contacts when an episode opens,
/// then the first N packets, then one in `sampleEvery`, up to a cap per alert.
struct EpisodeBook {
    /// The index key of (kind, subject).
    @inline(__always)
    private static func key(_ kind: AlertKind, _ subject: UInt64) -> UInt64 {
        KeyHash.key(subject, UInt64(kind.bit) << 40)
    }

    private var slots: [Episode?]
    private var free: [Int]
    private var index: SlotIndex
    /// Subject → mask of kinds with an open episode: the hot path's one cheap look-up.
    /// Exact (never evicts): a subject has an open episode, so there are at most `maxOpen` subjects.
    private var hints: SlotIndex
    private var pendingOpen: [Int] = []
    private(set) var rings: EvidenceRings
    private(set) var events: [DetectionEvent] = []

    private let naming: AlertNaming
    private let policy: EpisodePolicy
    private let evidence: EvidencePolicy
    private let idleNanoseconds: Int64
    private let updateNanoseconds: Int64
    private var sequence = 0

    /// Alerts opened so far, by kind.
    private(set) var opened: [AlertKind: Int] = [:]
    /// Episodes closed early to make room.
    private(set) var evictions = 0
    /// Evidence packets handed out.
    private(set) var evidencePackets = 0

    init(naming: AlertNaming, policy: EpisodePolicy, evidence: EvidencePolicy) {
        self.naming = naming
        self.policy = policy
        self.evidence = evidence
        slots = Array(repeating: nil, count: policy.maxOpen)
        free = Array((0..<policy.maxOpen).reversed())
        index = SlotIndex(maximum: policy.maxOpen)
        hints = SlotIndex(maximum: policy.maxOpen)
        rings = EvidenceRings(rings: evidence.rings, depth: evidence.ringPackets, snapLength: evidence.ringSnapLength)
        idleNanoseconds = Int64(policy.idleTimeoutSeconds * 1e9)
        updateNanoseconds = Int64(policy.updateIntervalSeconds * 1e9)
    }

    var openCount: Int { index.count }
    /// Whether episodes opened since the last `reportOpened()` wait to be reported (a cheap test for the hot path).
    var hasPendingOpen: Bool { !pendingOpen.isEmpty }
    var hasEvents: Bool { !events.isEmpty }

    mutating func takeEvents() -> [DetectionEvent] {
        defer { events = [] }
        return events
    }

    func hintStatistics() -> TableStatistics {
        TableStatistics(
            name: "episode_hints", capacity: hints.capacity, count: hints.count, evictions: 0,
            memoryBytes: hints.memoryBytes + index.memoryBytes)
    }

    // MARK: Hot path

    /// The kinds with an open episode for `subject` (a hint: may name a kind already closed).
    @inline(__always)
    func kinds(of subject: UInt64) -> UInt16 {
        guard let mask = hints.find(KeyHash.key(subject)) else { return 0 }
        return UInt16(truncatingIfNeeded: mask)
    }

    /// Remembers a packet of a suspicious subject that has no episode yet.
    mutating func remember(_ candidate: UInt64, _ probe: Probe, raw: UnsafeRawBufferPointer) {
        rings.push(
            candidate, time: probe.time, wireLength: probe.wireLength, target: probe.destination,
            port: probe.destinationPort, raw: raw)
    }

    /// Counts `probe` into every episode of `subject` whose kind is in `mask`.
    mutating func feed(_ mask: UInt16, subject: UInt64, _ probe: Probe, raw: UnsafeRawBufferPointer) {
        var stale: UInt16 = 0
        for kind in AlertKind.allCases where mask & kind.bit != 0 {
            guard let slot = index.find(Self.key(kind, subject)) else {
                stale |= kind.bit
                continue
            }
            feed(slot: slot, probe, raw: raw)
        }
        if stale != 0 { clearHint(subject, stale) }
    }

    private mutating func feed(slot: Int, _ probe: Probe, raw: UnsafeRawBufferPointer) {
        // In place: copying an episode out and back would retain and release each of its arrays.
        Self.record(
            probe, raw: raw, into: &slots[slot]!, sampleSize: policy.sampleSize, evidence: evidence,
            updateNanoseconds: updateNanoseconds, naming: naming, events: &events, evidencePackets: &evidencePackets)
    }

    private static func record(
        _ probe: Probe, raw: UnsafeRawBufferPointer, into episode: inout Episode, sampleSize: Int,
        evidence: EvidencePolicy, updateNanoseconds: Int64, naming: AlertNaming, events: inout [DetectionEvent],
        evidencePackets: inout Int
    ) {
        episode.packets &+= 1
        episode.bytes &+= UInt64(probe.wireLength)
        episode.lastSeen = max(episode.lastSeen, probe.time)
        episode.note(
            target: probe.destination, targetKey: probe.destinationKey,
            port: probe.hasPorts ? probe.destinationPort : nil,
            source: probe.source, sourceKey: probe.sourceKey, sampleSize: sampleSize)
        episode.fed &+= 1
        let n = episode.fed
        if episode.evidence < evidence.maxPacketsPerAlert,
            n <= evidence.firstPackets || (n - evidence.firstPackets) % evidence.sampleEvery == 0
        {
            let kept = min(raw.count, evidence.snapLength)
            let packet = EvidencePacket(
                alertID: episode.id, timestampNanoseconds: probe.time, wireLength: probe.wireLength,
                bytes: kept > 0 ? Array(UnsafeRawBufferPointer(rebasing: raw[0..<kept])) : [])
            episode.evidence += 1
            evidencePackets += 1
            if episode.reported { events.append(.evidence(packet)) } else { episode.staged.append(packet) }
        }
        if episode.reported, probe.time - episode.lastReported >= updateNanoseconds {
            episode.lastReported = probe.time
            events.append(.alert(snapshot(episode, .updated, naming: naming)))
        }
    }

    // MARK: Opening

    /// What a detector knows when it fires.
    struct Opening {
        var kind: AlertKind
        var subject: UInt64
        var owner: Int32
        var attacker: String
        var method: DetectionMethod
        var firstSeen: Int64
        /// Triggering packets counted before this one (the detector's count).
        var priorPackets: Int
        var targetFloor = 0
        var portFloor = 0
        /// Ports the detector saw before this packet (a port scan's distinct ports).
        var priorPorts: [UInt16] = []
        /// The evidence ring to hand over, if any.
        var candidate: UInt64?
        var countsSources = false
    }

    /// Opens an episode unless one of this kind is open for the subject; returns whether it opened one.
    /// The caller then feeds the current packet (with `feed`), so the episode includes it.
    @discardableResult
    mutating func open(_ opening: Opening, now: Int64) -> Bool {
        let key = Self.key(opening.kind, opening.subject)
        if index.find(key) != nil { return false }
        if free.isEmpty { evictIdlest(now: now) }
        guard let slot = free.popLast() else { return false }
        sequence += 1
        var episode = Episode(
            id: "\(naming.link)-\(opening.firstSeen)-\(sequence)", kind: opening.kind, subject: opening.subject,
            owner: opening.owner, attacker: opening.attacker, method: opening.method,
            firstSeen: min(opening.firstSeen, now), lastSeen: now, lastReported: now,
            packets: 0, bytes: 0, targetFloor: opening.targetFloor, portFloor: opening.portFloor)
        if opening.countsSources { episode.sources = DistinctTally() }
        for port in opening.priorPorts where episode.ports.insert(UInt64(port)) {
            if episode.portSample.count < policy.sampleSize { episode.portSample.append(port) }
        }
        var priorCounted = 0
        if let candidate = opening.candidate {
            for (record, bytes) in rings.take(candidate) where episode.evidence < evidence.maxPacketsPerAlert {
                priorCounted += 1
                episode.bytes &+= UInt64(record.wireLength)
                episode.note(
                    target: record.target, targetKey: KeyHash.address(record.target),
                    port: record.port == 0 ? nil : record.port, source: nil, sourceKey: 0,
                    sampleSize: policy.sampleSize)
                episode.staged.append(
                    EvidencePacket(
                        alertID: episode.id, timestampNanoseconds: record.time, wireLength: Int(record.wireLength),
                        bytes: bytes))
                episode.evidence += 1
                evidencePackets += 1
            }
        }
        episode.packets = UInt64(max(opening.priorPackets, priorCounted))
        slots[slot] = episode
        index.insert(key, slot: slot)
        let hintKey = KeyHash.key(opening.subject)
        hints.insert(hintKey, slot: (hints.find(hintKey) ?? 0) | Int(opening.kind.bit))
        pendingOpen.append(slot)
        opened[opening.kind, default: 0] += 1
        return true
    }

    /// Reports the episodes opened while processing the last packet, each before its evidence.
    mutating func reportOpened() {
        guard !pendingOpen.isEmpty else { return }
        for slot in pendingOpen {
            guard var episode = slots[slot], !episode.reported else { continue }
            announce(&episode)
            slots[slot] = episode
        }
        pendingOpen.removeAll(keepingCapacity: true)
    }

    /// Reports `episode` as open, then the evidence staged before it was.
    private mutating func announce(_ episode: inout Episode) {
        episode.reported = true
        episode.lastReported = episode.lastSeen
        events.append(.alert(Self.snapshot(episode, .open, naming: naming)))
        for packet in episode.staged { events.append(.evidence(packet)) }
        episode.staged = []
    }

    // MARK: Closing

    /// Closes the episodes idle since before `now − idle timeout`.
    mutating func closeIdle(now: Int64) {
        guard index.count > 0 else { return }
        for slot in slots.indices {
            guard let episode = slots[slot], now - episode.lastSeen >= idleNanoseconds else { continue }
            close(slot: slot)
        }
    }

    /// Closes every episode (end of capture).
    mutating func closeAll() {
        reportOpened()
        for slot in slots.indices where slots[slot] != nil { close(slot: slot) }
    }

    private mutating func evictIdlest(now: Int64) {
        var victim: Int?
        var oldest = Int64.max
        for slot in slots.indices {
            if let episode = slots[slot], episode.lastSeen < oldest {
                oldest = episode.lastSeen
                victim = slot
            }
        }
        if let victim {
            evictions += 1
            close(slot: victim)
        }
    }

    private mutating func close(slot: Int) {
        guard var episode = slots[slot] else { return }
        if !episode.reported { announce(&episode) }
        events.append(.alert(Self.snapshot(episode, .closed, naming: naming)))
        slots[slot] = nil
        index.remove(Self.key(episode.kind, episode.subject))
        free.append(slot)
        clearHint(episode.subject, episode.kind.bit)
    }

    private mutating func clearHint(_ subject: UInt64, _ bits: UInt16) {
        let key = KeyHash.key(subject)
        guard let mask = hints.find(key) else { return }
        let left = mask & ~Int(bits)
        if left == 0 { hints.remove(key) } else { hints.insert(key, slot: left) }
    }

    // MARK: Snapshots

    private static func snapshot(_ episode: Episode, _ state: AlertState, naming: AlertNaming) -> Alert {
        let seconds = max(1.0, Double(episode.lastSeen - episode.firstSeen) / 1e9)
        return Alert(
            id: episode.id, kind: episode.kind, state: state, attacker: episode.attacker,
            unit: naming.unit(episode.owner), units: naming.units(episode.owner), link: naming.link,
            spoofedSource: episode.owner == Owner.spoofed && episode.kind != .arpSpoof, method: episode.method,
            targets: Tally(
                count: max(episode.targets.count, episode.targetFloor), sample: episode.targetSample.map(\.description)),
            ports: Tally(
                count: max(episode.ports.count, episode.portFloor), sample: episode.portSample.map { Int($0) }),
            sources: episode.sources.map { Tally(count: $0.count, sample: episode.sourceSample.map(\.description)) },
            firstSeen: AlertTimestamp(nanoseconds: episode.firstSeen),
            lastSeen: AlertTimestamp(nanoseconds: episode.lastSeen), packets: episode.packets, bytes: episode.bytes,
            rate: (Double(episode.packets) / seconds * 1000).rounded() / 1000, evidencePackets: episode.evidence)
    }
}
