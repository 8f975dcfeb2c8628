/// Distinct values probed under one key within a fixed window, and how many of them were answered: the
/// counting that port_scan, host_sweep and worm_fanout share (they differ only in key, value and alert).
struct UnansweredWindow {
    private struct Entry {
        var windowStart: Int64 = 0
        var count: UInt8 = 0
        var answered: UInt8 = 0
    }

    /// What a key's window held after a probe was counted.
    struct Tally {
        /// The key's slot, for `values(of:)`.
        var slot: Int
        var windowStart: Int64
        /// Distinct values counted in the window.
        var count: UInt8
        /// Those of them not answered.
        var unanswered: Int
        /// Whether `unanswered` reached the threshold; the key's window has then started over.
        var reachedThreshold: Bool
    }

    private var table: AssociativeTable<Entry>
    private var distinct: DistinctSlots
    private let threshold: Int
    private let window: Int64

    init(capacity: Int, threshold: Int, windowSeconds: Double) {
        table = AssociativeTable(capacity: capacity, empty: Entry())
        distinct = DistinctSlots(slots: table.capacity, width: threshold)
        self.threshold = threshold
        window = Int64(windowSeconds * 1e9)
    }

    func statistics(_ name: String) -> TableStatistics {
        var stats = table.statistics(name)
        stats.memoryBytes += distinct.memoryBytes
        return stats
    }

    /// Counts `value` under `key` at `time`, starting a new window when the key's has passed, and again
    /// once the threshold is reached.
    mutating func count(_ value: UInt32, under key: UInt64, at time: Int64) -> Tally {
        let (slot, _) = table.slot(for: key, at: time, fresh: Entry(windowStart: time))
        var entry = table.values[slot]
        if time - entry.windowStart > window { entry = Entry(windowStart: time) }
        _ = distinct.insert(value, slot: slot, count: &entry.count, answered: &entry.answered)
        let unanswered = Int(entry.count) - Int(entry.answered)
        let tally = Tally(
            slot: slot, windowStart: entry.windowStart, count: entry.count, unanswered: unanswered,
            reachedThreshold: unanswered >= threshold)
        table.values[slot] = tally.reachedThreshold ? Entry(windowStart: time) : entry
        return tally
    }

    /// The values counted in a tally's window (still there until the key counts its next value).
    func values(of tally: Tally) -> [UInt32] { distinct.values(slot: tally.slot, count: tally.count) }

    /// Marks `value` answered under `key`.
    mutating func answered(_ value: UInt32, under key: UInt64) {
        guard let slot = table.find(key) else { return }
        var entry = table.values[slot]
        _ = distinct.markAnswered(value, slot: slot, count: entry.count, answered: &entry.answered)
        table.values[slot] = entry
    }
}
