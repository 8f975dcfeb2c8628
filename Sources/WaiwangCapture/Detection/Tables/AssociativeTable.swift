/// A fixed-size hash table of integer keys: sets of eight ways, least recently used way evicted when
/// a set is full — a CPU cache's layout, so memory is allocated once and a look-up reads one cache line of keys.
///
/// Values live in a parallel array and are read and written through their slot index.
struct AssociativeTable<Value: Sendable>: Sendable {
    static var ways: Int { 8 }

    private var keys: [UInt64]
    private var stamps: [Int64]
    /// The values by slot; a slot's value is meaningful only while `find` returns it.
    var values: [Value]
    private let setMask: Int
    private let empty: Value
    /// Occupied slots.
    private(set) var count = 0
    /// Entries pushed out to make room.
    private(set) var evictions = 0

    /// Creates a table of at least `capacity` slots (rounded up to a power of two).
    init(capacity: Int, empty: Value) {
        var sets = 1
        while sets * Self.ways < capacity { sets <<= 1 }
        keys = Array(repeating: 0, count: sets * Self.ways)
        stamps = Array(repeating: 0, count: sets * Self.ways)
        values = Array(repeating: empty, count: sets * Self.ways)
        setMask = sets - 1
        self.empty = empty
    }

    /// The number of slots.
    var capacity: Int { keys.count }

    /// Bytes held by the table's arrays.
    var memoryBytes: Int { keys.count * (16 + MemoryLayout<Value>.stride) }

    @inline(__always)
    private func base(_ key: UInt64) -> Int { (Int(truncatingIfNeeded: key >> 7) & setMask) &* Self.ways }

    /// The slot holding `key`, or nil.
    @inline(__always)
    func find(_ key: UInt64) -> Int? {
        let base = base(key)
        return keys.withUnsafeBufferPointer { keys in
            for way in 0..<Self.ways where keys[base &+ way] == key { return base &+ way }
            return nil
        }
    }

    /// The slot holding `key`, marked used at `now`; if absent, a slot given `fresh`, evicting the least
    /// recently used entry of its set when the set is full.
    @inline(__always)
    mutating func slot(for key: UInt64, at now: Int64, fresh: Value) -> (slot: Int, inserted: Bool) {
        if let found = find(key) {
            stamps[found] = now
            return (found, false)
        }
        return (insert(key, at: now, value: fresh), true)
    }

    /// Inserts `key` (which must be absent) with `value`, evicting if needed; returns its slot.
    mutating func insert(_ key: UInt64, at now: Int64, value: Value) -> Int {
        let base = base(key)
        var victim = base
        var oldest = Int64.max
        for way in 0..<Self.ways {
            let slot = base &+ way
            if keys[slot] == 0 {
                victim = slot
                oldest = .min
                break
            }
            if stamps[slot] < oldest {
                oldest = stamps[slot]
                victim = slot
            }
        }
        if keys[victim] == 0 { count += 1 } else { evictions += 1 }
        keys[victim] = key
        stamps[victim] = now
        values[victim] = value
        return victim
    }

    /// Marks `slot` used at `now`.
    @inline(__always)
    mutating func touch(_ slot: Int, at now: Int64) { stamps[slot] = now }

    /// Frees `slot`.
    mutating func remove(_ slot: Int) {
        guard keys[slot] != 0 else { return }
        keys[slot] = 0
        values[slot] = empty
        count -= 1
    }

    /// The key in `slot` (0 when empty).
    func key(at slot: Int) -> UInt64 { keys[slot] }

    /// The statistics of this table under `name`.
    func statistics(_ name: String) -> TableStatistics {
        TableStatistics(name: name, capacity: capacity, count: count, evictions: evictions, memoryBytes: memoryBytes)
    }
}
