/// An open-addressing map from nonzero 64-bit keys to slot numbers, sized at twice its maximum entries so
/// probes stay short; deletion shifts later entries back (no tombstones). Used where a `Dictionary`'s
/// SipHash would cost more than the rest of the look-up.
struct SlotIndex {
    private var keys: [UInt64]
    private var slots: [Int32]
    private let mask: Int
    private(set) var count = 0

    /// Creates an index for at most `maximum` entries.
    init(maximum: Int) {
        var size = 16
        while size < maximum * 2 { size <<= 1 }
        keys = Array(repeating: 0, count: size)
        slots = Array(repeating: 0, count: size)
        mask = size - 1
    }

    var memoryBytes: Int { keys.count * 12 }

    /// The number of positions (twice the maximum entries, or more).
    var capacity: Int { keys.count }

    @inline(__always)
    private func home(_ key: UInt64) -> Int { Int(truncatingIfNeeded: key >> 11) & mask }

    /// The slot stored for `key`, or nil.
    @inline(__always)
    func find(_ key: UInt64) -> Int? {
        var position = home(key)
        while true {
            let stored = keys[position]
            if stored == key { return Int(slots[position]) }
            if stored == 0 { return nil }
            position = (position + 1) & mask
        }
    }

    /// Stores `slot` for `key` (the caller keeps at most `maximum` entries).
    mutating func insert(_ key: UInt64, slot: Int) {
        var position = home(key)
        while keys[position] != 0, keys[position] != key { position = (position + 1) & mask }
        if keys[position] == 0 { count += 1 }
        keys[position] = key
        slots[position] = Int32(slot)
    }

    /// Removes `key` if present.
    mutating func remove(_ key: UInt64) {
        var position = home(key)
        while keys[position] != key {
            if keys[position] == 0 { return }
            position = (position + 1) & mask
        }
        count -= 1
        // Backward-shift deletion: move later entries of the run into the hole when their home allows.
        var hole = position
        var next = (hole + 1) & mask
        while keys[next] != 0 {
            let wanted = home(keys[next])
            let distanceToNext = (next - wanted) & mask
            let distanceToHole = (hole - wanted) & mask
            if distanceToHole < distanceToNext || wanted == hole {
                keys[hole] = keys[next]
                slots[hole] = slots[next]
                hole = next
            }
            next = (next + 1) & mask
        }
        keys[hole] = 0
    }
}
