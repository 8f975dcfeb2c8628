import WaiwangCore

/// A direct-indexed front for a `PrefixTable`'s IPv4 longest-prefix match: the answer for each /16, or for
/// each /24 of a /16 that holds longer prefixes, read with one or two loads instead of a binary search.
///
/// Exact by construction: a /16 that no prefix longer than /16 falls inside is covered by the same
/// prefixes at every address (a prefix of length ≤ 16 holds a /16 whole or not at all), so the table's
/// answer at its first address is its answer everywhere in it; likewise a /24 with no prefix longer than
/// /24. Any /24 with a longer prefix inside goes to the table itself. Built once from the table, never changed.
struct IPv4Directory: Sendable {
    /// Per /16: an answer `a >= 0` stands for the table index `a - 1` (0: no prefix); a negative value
    /// `-(c + 1)` sends the look-up to chunk `c` of `chunks`.
    private let top: [Int32]
    /// 256 entries per split /16, one per /24: an answer as in `top`, or `Self.search` for the table.
    private let chunks: [Int32]

    /// A /24 with prefixes longer than /24 inside: ask the table.
    private static let search = Int32.min
    /// Split /16s kept at most (a kibibyte each); beyond, their /24s are all searched.
    private static let maximumChunks = 4_096

    /// Tables with fewer IPv4 intervals than this are searched directly: a few steps of binary search
    /// cost less than the directory's 256 KiB in the cache.
    static let minimumIntervals = 16

    /// The directory of `table`, or nil when its IPv4 part is too small to need one.
    init?<Value>(_ table: PrefixTable<Value>) {
        guard table.intervalCount.v4 >= Self.minimumIntervals else { return nil }
        // Bit b of `longer16`: a prefix longer than /16 lies in the /16 numbered b.
        var longer16 = [UInt64](repeating: 0, count: (1 << 16) / 64)
        var longer24 = Set<UInt32>()
        for prefix in table.prefixes {
            guard case .v4(let first) = prefix.address else { continue }
            if prefix.length > 16 { longer16[Int(first >> 22)] |= 1 << UInt64((first >> 16) & 63) }
            if prefix.length > 24 { longer24.insert(first >> 8) }
        }
        func answer(_ address: UInt32) -> Int32 {
            guard let found = table.lookupV4(address) else { return 0 }
            return Int32(found) + 1
        }
        var top = [Int32](repeating: 0, count: 1 << 16)
        var chunks: [Int32] = []
        for block in 0..<UInt32(1 << 16) {
            let start = block << 16
            guard longer16[Int(block >> 6)] & (1 << UInt64(block & 63)) != 0 else {
                top[Int(block)] = answer(start)
                continue
            }
            guard chunks.count / 256 < Self.maximumChunks else {
                top[Int(block)] = Self.search
                continue
            }
            top[Int(block)] = -Int32(chunks.count / 256) - 1
            for sub in 0..<UInt32(256) {
                let slash24 = block << 8 | sub
                chunks.append(longer24.contains(slash24) ? Self.search : answer(slash24 << 8))
            }
        }
        self.top = top
        self.chunks = chunks
    }

    /// The index of the most specific prefix of the table containing `address`, or nil: what
    /// `table.lookupV4(address)` returns, for the table this directory was built from.
    @inline(__always)
    func lookup<Value>(_ address: UInt32, in table: PrefixTable<Value>) -> Int? {
        var entry = top.withUnsafeBufferPointer { $0[Int(address >> 16)] }
        if entry < 0, entry != Self.search {
            let chunk = Int(-(entry + 1))
            entry = chunks.withUnsafeBufferPointer { $0[chunk &* 256 &+ Int((address >> 8) & 0xFF)] }
        }
        if entry == Self.search { return table.lookupV4(address) }
        return entry == 0 ? nil : Int(entry) - 1
    }
}
