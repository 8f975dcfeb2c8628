/// A Bloom filter that admits a key on its second sighting (TinyLFU's doorkeeper): a flood of spoofed
/// sources, each seen once, sets bits and never reaches the per-source tables.
///
/// Two bits per key in one 64-bit word (a blocked Bloom filter: one memory access). Cleared once it has
/// taken a key for every eighth bit, so at most about 22 % of bits are set and a stranger is wrongly
/// admitted about 2 % of the time; memory stays fixed.
struct Doorkeeper {
    private var words: [UInt64]
    private let mask: UInt64
    private var setBits = 0
    /// Times the filter was cleared.
    private(set) var resets = 0
    /// Keys turned away on first sight.
    private(set) var rejected = 0

    init(bits: Int) {
        var size = 64
        while size < bits { size <<= 1 }
        words = Array(hugePagesRepeating: 0, count: size / 64)
        mask = UInt64(size - 1)
    }

    var memoryBytes: Int { words.count * 8 }

    /// Whether `key` was seen before; marks it seen.
    @inline(__always)
    mutating func admit(_ key: UInt64) -> Bool {
        let hash = KeyHash.mix(key ^ 0x5851_F42D_4C95_7F2D)
        let word = Int(truncatingIfNeeded: (hash >> 12) & (mask >> 6))
        let flags: UInt64 = 1 << (hash & 63) | 1 << ((hash >> 6) & 63)
        if words[word] & flags == flags { return true }
        words[word] |= flags
        rejected &+= 1
        setBits &+= 1
        if setBits >= words.count * 8 {
            for index in words.indices { words[index] = 0 }
            setBits = 0
            resets &+= 1
        }
        return false
    }
}
