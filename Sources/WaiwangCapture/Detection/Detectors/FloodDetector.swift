/// syn_flood, udp_flood and icmp_flood: packets toward one target from one unit (or from the link's
/// spoofed sources) per window — unanswered ones, or all of them, over a threshold. Counted per target
/// because a flood's sources may be forged; one table serves the three kinds.
struct FloodDetector {
    /// Which flood a packet counts toward.
    enum Flavor: Int {
        case syn = 0
        case udp = 1
        case icmp = 2

        var kind: AlertKind {
            switch self {
            case .syn: .synFlood
            case .udp: .udpFlood
            case .icmp: .icmpFlood
            }
        }
    }

    private struct Entry {
        var windowStart: Int64 = 0
        var sent: (UInt32, UInt32, UInt32) = (0, 0, 0)
        var answered: (UInt32, UInt32, UInt32) = (0, 0, 0)
    }

    private struct Limits {
        var enabled: Bool
        var unanswered: Double
        var total: Double
        var window: Int64

        init(_ policy: FloodPolicy) {
            enabled = policy.enabled
            unanswered = policy.unansweredPerSecond * policy.windowSeconds
            total = policy.packetsPerSecond * policy.windowSeconds
            window = Int64(policy.windowSeconds * 1e9)
        }
    }

    private var table: AssociativeTable<Entry>
    private let limits: [Limits]

    init(syn: FloodPolicy, udp: FloodPolicy, icmp: FloodPolicy, capacity: Int) {
        table = AssociativeTable(capacity: capacity, empty: Entry())
        limits = [Limits(syn), Limits(udp), Limits(icmp)]
    }

    func statistics() -> TableStatistics { table.statistics("flood_targets") }

    /// The episode subject of floods toward `target` from `owner`.
    @inline(__always)
    static func subject(target: UInt64, owner: Int32) -> UInt64 {
        KeyHash.key(target, 0xF100D_0000 | UInt64(UInt32(bitPattern: owner)))
    }

    /// Counts an outbound packet toward its target; opens or feeds the flood's episode.
    @inline(__always)
    mutating func outbound(_ flavor: Flavor, _ probe: Probe, raw: UnsafeRawBufferPointer, book: inout EpisodeBook) {
        let limits = self.limits[flavor.rawValue]
        guard limits.enabled else { return }
        let subject = Self.subject(target: probe.destinationKey, owner: probe.owner)
        let (slot, _) = table.slot(for: KeyHash.key(subject), at: probe.time, fresh: Entry(windowStart: probe.time))
        var entry = table.values[slot]
        if probe.time - entry.windowStart >= limits.window { entry = Entry(windowStart: probe.time) }
        let sent: UInt32
        let answered: UInt32
        switch flavor {
        case .syn:
            entry.sent.0 &+= 1
            (sent, answered) = (entry.sent.0, entry.answered.0)
        case .udp:
            entry.sent.1 &+= 1
            (sent, answered) = (entry.sent.1, entry.answered.1)
        case .icmp:
            entry.sent.2 &+= 1
            (sent, answered) = (entry.sent.2, entry.answered.2)
        }
        table.values[slot] = entry
        let kind = flavor.kind
        if book.kinds(of: subject) & kind.bit == 0 {
            let unanswered = Double(sent - min(answered, sent))
            guard unanswered >= limits.unanswered || Double(sent) >= limits.total else { return }
            book.open(
                .init(
                    kind: kind, subject: subject, owner: probe.owner, attacker: probe.source.description,
                    method: .rate, firstSeen: entry.windowStart, priorPackets: Int(sent) - 1, targetFloor: 1,
                    countsSources: true),
                now: probe.time)
        }
        book.feed(kind.bit, subject: subject, probe, raw: raw)
    }

    /// Counts an answer from `target` to a host of `owner` (SYN-ACK, UDP reply, echo reply).
    @inline(__always)
    mutating func answered(_ flavor: Flavor, target: UInt64, owner: Int32) {
        guard let slot = table.find(KeyHash.key(Self.subject(target: target, owner: owner))) else { return }
        switch flavor {
        case .syn: table.values[slot].answered.0 &+= 1
        case .udp: table.values[slot].answered.1 &+= 1
        case .icmp: table.values[slot].answered.2 &+= 1
        }
    }
}
