/// A one-hash bit filter that admits a key on its second sighting (TinyLFU's doorkeeper): a flood of
/// spoofed sources, each seen once, sets bits and never reaches the per-source tables.
///
/// Cleared whenever an eighth of its bits have been set, so a stranger is wrongly admitted at most
/// one time in eight and memory stays fixed.
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
        words = Array(repeating: 0, count: size / 64)
        mask = UInt64(size - 1)
    }

    var memoryBytes: Int { words.count * 8 }

    /// Whether `key` was seen before; marks it seen.
    @inline(__always)
    mutating func admit(_ key: UInt64) -> Bool {
        let bit = KeyHash.mix(key ^ 0x5851_F42D_4C95_7F2D) & mask
        let word = Int(truncatingIfNeeded: bit >> 6)
        let flag: UInt64 = 1 << (bit & 63)
        if words[word] & flag != 0 { return true }
        words[word] |= flag
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
