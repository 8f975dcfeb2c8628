/// First contacts — (source, target, protocol, port) — and their outcome: answered, failed, or still
/// pending. Pending ones wait in a time-ordered queue and count as failed once the contact timeout passes.
///
/// Also remembers exchanges a remote peer started (an inbound UDP datagram), so that the local host's
/// reply is not mistaken for a probe.
struct ContactTracker {
    enum State: UInt8 {
        case none = 0
        case pending
        case answered
        case failed
        case peerInitiated
    }

    /// What an outbound probe is to the contact table.
    enum Outbound {
        /// The source never contacted this (target, protocol, port) before.
        case first
        /// A repeat of a known contact.
        case repeated
        /// A reply inside an exchange the remote peer started: not a probe.
        case reply
    }

    /// A first contact waiting for its outcome.
    struct Pending {
        var contact: UInt64 = 0
        var source: UInt64 = 0
        var target: UInt32 = 0
        var time: Int64 = 0
    }

    private var table: AssociativeTable<State>
    private var queue: [Pending]
    private var head = 0
    private var queued = 0
    private let trackPending: Bool
    /// Pending contacts pushed out of a full queue before their timeout.
    private(set) var queueDrops = 0

    init(capacity: Int, pendingCapacity: Int, trackPending: Bool) {
        table = AssociativeTable(capacity: capacity, empty: .none)
        queue = Array(hugePagesRepeating: Pending(), count: trackPending ? pendingCapacity : 1)
        self.trackPending = trackPending
    }

    static func key(source: UInt64, target: UInt64, transport: UInt8, port: UInt16) -> UInt64 {
        KeyHash.key(KeyHash.key(source, target), UInt64(transport) << 16 | UInt64(port))
    }

    func statistics() -> [TableStatistics] {
        [
            table.statistics("contacts"),
            TableStatistics(
                name: "pending_contacts", capacity: queue.count, count: queued, evictions: queueDrops,
                memoryBytes: queue.count * MemoryLayout<Pending>.stride),
        ]
    }

    /// Records an outbound probe of `contact`; a first contact waits for its timeout only if `awaitsOutcome`.
    @inline(__always)
    mutating func outbound(
        _ contact: UInt64, source: UInt64, target: UInt32, time: Int64, isUDP: Bool, awaitsOutcome: Bool
    ) -> Outbound {
        if let slot = table.find(contact) {
            if isUDP, table.values[slot] == .peerInitiated { return .reply }
            table.touch(slot, at: time)
            return .repeated
        }
        _ = table.insert(contact, at: time, value: .pending)
        if trackPending, awaitsOutcome {
            enqueue(Pending(contact: contact, source: source, target: target, time: time))
        }
        return .first
    }

    /// Records an answer (or a refusal) to `contact`; returns true when it settled a pending contact.
    @inline(__always)
    mutating func settle(_ contact: UInt64, answered: Bool, time: Int64) -> Bool {
        guard let slot = table.find(contact), table.values[slot] == .pending else { return false }
        table.values[slot] = answered ? .answered : .failed
        table.touch(slot, at: time)
        return true
    }

    /// Notes an inbound UDP datagram: settles the local host's pending contact, or remembers that the peer
    /// started the exchange. Returns true when it settled a pending contact.
    @inline(__always)
    mutating func inboundDatagram(_ contact: UInt64, time: Int64) -> Bool {
        if let slot = table.find(contact) {
            table.touch(slot, at: time)
            guard table.values[slot] == .pending else { return false }
            table.values[slot] = .answered
            return true
        }
        _ = table.insert(contact, at: time, value: .peerInitiated)
        return false
    }

    /// Whether a pending contact probed at or before `deadline` waits in the queue (then `nextExpired` has work);
    /// read-only, so the hot path tests it without touching the table.
    @inline(__always)
    func hasExpired(before deadline: Int64) -> Bool {
        queued > 0 && queue[head].time <= deadline
    }

    /// The oldest pending contact probed before `deadline` and still unanswered, now marked failed.
    mutating func nextExpired(before deadline: Int64) -> Pending? {
        while queued > 0, queue[head].time <= deadline {
            let pending = queue[head]
            head = head + 1 == queue.count ? 0 : head + 1
            queued -= 1
            if let slot = table.find(pending.contact), table.values[slot] == .pending {
                table.values[slot] = .failed
                return pending
            }
        }
        return nil
    }

    private mutating func enqueue(_ pending: Pending) {
        if queued == queue.count {
            head = head + 1 == queue.count ? 0 : head + 1
            queued -= 1
            queueDrops += 1
        }
        var tail = head + queued
        if tail >= queue.count { tail -= queue.count }
        queue[tail] = pending
        queued += 1
    }
}
