/// A fixed-size hash table of integer keys: sets of eight ways, least recently used way evicted when
/// a set is full — a CPU cache's layout, so memory is allocated once and a look-up reads one cache line of keys.
///
/// Values live in a parallel array and are read and written through their slot index.
struct AssociativeTable<Value: Sendable>: Sendable {
    static var ways: Int { 8 }

    /// Keys and last-use stamps interleaved by set: a set's eight keys, then its eight stamps, so the
    /// two lines a look-up and its touch read sit side by side (one miss, the adjacent line prefetched
    /// with it) instead of in two arrays megabytes apart. `lines` is slot count × 2 plus alignment padding.
    private var lines: [UInt64]
    /// Elements skipped at the front of `lines` so that a set starts on a 128-byte boundary (a cache
    /// line pair). Only a matter of speed: indexing is correct whatever the alignment.
    private let pad: Int
    /// The values by slot; a slot's value is meaningful only while `find` returns it.
    var values: [Value]
    private let setMask: Int
    private let slotCount: Int
    private let empty: Value
    /// Occupied slots.
    private(set) var count = 0
    /// Entries pushed out to make room.
    private(set) var evictions = 0

    /// Creates a table of at least `capacity` slots (rounded up to a power of two).
    init(capacity: Int, empty: Value) {
        var sets = 1
        while sets * Self.ways < capacity { sets <<= 1 }
        slotCount = sets * Self.ways
        lines = Array(hugePagesRepeating: 0, count: slotCount * 2 + 16)
        let address = lines.withUnsafeBufferPointer { UInt(bitPattern: $0.baseAddress) }
        pad = Int((128 - address % 128) % 128) / 8
        values = Array(hugePagesRepeating: empty, count: slotCount)
        setMask = sets - 1
        self.empty = empty
    }

    /// The number of slots.
    var capacity: Int { slotCount }

    /// Bytes held by the table's arrays.
    var memoryBytes: Int { slotCount * (16 + MemoryLayout<Value>.stride) }

    @inline(__always)
    private func base(_ key: UInt64) -> Int { (Int(truncatingIfNeeded: key >> 7) & setMask) &* Self.ways }

    /// Where the key of `slot` lives in `lines` (its stamp is `ways` further).
    @inline(__always)
    private func keyIndex(_ slot: Int) -> Int { pad &+ slot &+ (slot & ~(Self.ways &- 1)) }

    /// The slot holding `key`, or nil.
    @inline(__always)
    func find(_ key: UInt64) -> Int? {
        let base = base(key)
        let first = keyIndex(base)
        return lines.withUnsafeBufferPointer { lines in
            for way in 0..<Self.ways where lines[first &+ way] == key { return base &+ way }
            return nil
        }
    }

    /// The slot holding `key`, marked used at `now`; if absent, a slot given `fresh`, evicting the least
    /// recently used entry of its set when the set is full.
    @inline(__always)
    mutating func slot(for key: UInt64, at now: Int64, fresh: Value) -> (slot: Int, inserted: Bool) {
        if let found = find(key) {
            touch(found, at: now)
            return (found, false)
        }
        return (insert(key, at: now, value: fresh), true)
    }

    /// Inserts `key` (which must be absent) with `value`, evicting if needed; returns its slot.
    mutating func insert(_ key: UInt64, at now: Int64, value: Value) -> Int {
        let base = base(key)
        let first = keyIndex(base)
        var victim = 0
        var oldest = Int64.max
        var vacant = false
        for way in 0..<Self.ways {
            if lines[first &+ way] == 0 {
                victim = way
                vacant = true
                break
            }
            let stamp = Int64(bitPattern: lines[first &+ Self.ways &+ way])
            if stamp < oldest {
                oldest = stamp
                victim = way
            }
        }
        if vacant { count += 1 } else { evictions += 1 }
        lines[first &+ victim] = key
        lines[first &+ Self.ways &+ victim] = UInt64(bitPattern: now)
        values[base &+ victim] = value
        return base &+ victim
    }

    /// Marks `slot` used at `now`.
    @inline(__always)
    mutating func touch(_ slot: Int, at now: Int64) { lines[keyIndex(slot) &+ Self.ways] = UInt64(bitPattern: now) }

    /// Frees `slot`.
    mutating func remove(_ slot: Int) {
        let index = keyIndex(slot)
        guard lines[index] != 0 else { return }
        lines[index] = 0
        values[slot] = empty
        count -= 1
    }

    /// The key in `slot` (0 when empty).
    func key(at slot: Int) -> UInt64 { lines[keyIndex(slot)] }

    /// The statistics of this table under `name`.
    func statistics(_ name: String) -> TableStatistics {
        TableStatistics(name: name, capacity: capacity, count: count, evictions: evictions, memoryBytes: memoryBytes)
    }
}
