import WaiwangCore

/// 64-bit integer keys for the detectors' tables: addresses and tuples mixed into one well-spread word.
///
/// An IPv4 address keeps all its bits; an IPv6 address is folded (a collision needs two addresses
/// agreeing on a 64-bit mix, which no traffic pattern can arrange). Keys are never 0: 0 marks an empty slot.
enum KeyHash {
    /// The SplitMix64 finalizer: a bijection that spreads every input bit over the output.
    @inline(__always)
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// The address as one word: IPv4 exact (tagged), IPv6 folded.
    @inline(__always)
    static func address(_ address: IPAddress) -> UInt64 {
        switch address {
        case .v4(let value):
            return UInt64(value) | 0x4_0000_0000
        case .v6(let value):
            let high = UInt64(truncatingIfNeeded: value >> 64)
            let low = UInt64(truncatingIfNeeded: value)
            return (mix(high ^ 0x6A09_E667_F3BC_C908) ^ low) | 0x8000_0000_0000_0000
        }
    }

    /// A table key for two words.
    @inline(__always)
    static func key(_ a: UInt64, _ b: UInt64) -> UInt64 {
        nonZero(mix(mix(a) &+ b &* 0x9E37_79B9_7F4A_7C15))
    }

    /// A table key for one word.
    @inline(__always)
    static func key(_ a: UInt64) -> UInt64 { nonZero(mix(a &+ 0x2545_F491_4F6C_DD1D)) }

    /// 31 bits of a word, for the small distinct sets.
    @inline(__always)
    static func short(_ a: UInt64) -> UInt32 { UInt32(truncatingIfNeeded: mix(a) >> 33) }

    @inline(__always)
    private static func nonZero(_ key: UInt64) -> UInt64 { key == 0 ? 1 : key }
}
