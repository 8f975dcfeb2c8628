/// Nested CIDR ranges of one family flattened into sorted, disjoint intervals, each naming the
/// most specific range that covers it, for longest-prefix match by binary search.
///
/// `starts[i]...(starts[i + 1] - 1)` maps to `targets[i]` (an entry index, or -1 for none).
/// `starts[0]` is always 0, so every key falls in exactly one interval. Neighbouring intervals
/// never share a target, so there are at most 2n + 1 intervals for n ranges.
///
/// A map of 256 intervals or more also gets a directory on the top bits of the key (up to 16,
/// about as many buckets as intervals) that narrows the binary search to the intervals of one
/// bucket: about 1.4 times faster for IPv4 registries in 10.0.0.0/8. It is kept only where it
/// narrows the search, not for IPv6 prefixes that all share their first 16 bits.
@usableFromInline
struct IntervalMap<Key: FixedWidthInteger & UnsignedInteger & Sendable>: Sendable {
    /// One CIDR range to flatten: its bounds and the entry index it maps to.
    struct Range {
        var first: Key
        var last: Key
        var index: Int32
    }

    @usableFromInline private(set) var starts: ContiguousArray<Key> = [0]
    @usableFromInline private(set) var targets: ContiguousArray<Int32> = [-1]
    /// `directory[b]` is the interval holding key `b << directoryShift`; empty if unused.
    @usableFromInline private(set) var directory: ContiguousArray<UInt32> = []
    @usableFromInline private(set) var directoryShift = 0

    /// Flattens `ranges`, which must be CIDR ranges (any two are disjoint or nested); throws if
    /// two of them are the same range.
    init(ranges unsorted: [Range]) throws(DuplicateRangeError) {
        // Outer ranges before the ranges nested in them: by first key, then wider (later last) first.
        let ranges = unsorted.sorted { a, b in
            if a.first != b.first { return a.first < b.first }
            if a.last != b.last { return a.last > b.last }
            return a.index < b.index
        }
        for position in ranges.indices.dropFirst() {
            let (earlier, later) = (ranges[position - 1], ranges[position])
            if earlier.first == later.first, earlier.last == later.last {
                throw DuplicateRangeError(first: earlier.index, second: later.index)
            }
        }
        starts.reserveCapacity(2 * ranges.count + 1)
        targets.reserveCapacity(2 * ranges.count + 1)
        // The chain of ranges containing the current position, outermost at the bottom.
        var open: [Range] = []
        for range in ranges {
            while let top = open.last, top.last < range.first {
                open.removeLast()
                emit(top.last + 1, open.last?.index ?? -1)
            }
            emit(range.first, range.index)
            open.append(range)
        }
        while let top = open.popLast() {
            // Everything still open contains `top`, so it too runs to the end of the space.
            if top.last == Key.max { break }
            emit(top.last + 1, open.last?.index ?? -1)
        }
        if starts.count >= 256 { buildDirectory() }
    }

    /// Buckets the intervals by the top bits of their keys, if that narrows the search.
    private mutating func buildDirectory() {
        let bits = min(16, Int.bitWidth - starts.count.leadingZeroBitCount)
        let shift = Key.bitWidth - bits
        let buckets = 1 << bits
        var directory = ContiguousArray<UInt32>(repeating: 0, count: buckets + 1)
        var interval = 0
        var widest = 0
        for bucket in 0..<buckets {
            let key = Key(truncatingIfNeeded: bucket) << shift
            while interval + 1 < starts.count, starts[interval + 1] <= key { interval += 1 }
            directory[bucket] = UInt32(interval)
            if bucket > 0 { widest = max(widest, interval - Int(directory[bucket - 1])) }
        }
        directory[buckets] = UInt32(starts.count - 1)
        widest = max(widest, starts.count - 1 - Int(directory[buckets - 1]))
        if widest <= starts.count / 4 {
            self.directory = directory
            directoryShift = shift
        }
    }

    /// Starts a new interval at `start`, replacing one that starts at the same key and merging
    /// with the previous interval when the target is the same.
    private mutating func emit(_ start: Key, _ target: Int32) {
        if starts.last == start {
            starts.removeLast()
            targets.removeLast()
        }
        if targets.last == target { return }
        starts.append(start)
        targets.append(target)
    }

    /// The number of intervals.
    var count: Int { starts.count }

    /// The entry index of the most specific range containing `key`, or -1.
    @inlinable @inline(__always)
    func find(_ key: Key) -> Int32 {
        // Branch-free search for the last start <= key; starts[0] == 0 <= key always holds.
        // The last start <= key lies within directory[bucket]...directory[bucket + 1].
        var base = 0
        var n = starts.count
        if !directory.isEmpty {
            let bucket = Int(truncatingIfNeeded: key &>> directoryShift)
            directory.withUnsafeBufferPointer { directory in
                base = Int(directory[bucket])
                n = Int(directory[bucket &+ 1]) &- base &+ 1
            }
        }
        return starts.withUnsafeBufferPointer { starts in
            while n > 1 {
                let half = n &>> 1
                base = starts[base &+ half] <= key ? base &+ half : base
                n &-= half
            }
            return targets[base]
        }
    }
}

/// Two ranges given to an `IntervalMap` with the same bounds: the entry indices of both.
struct DuplicateRangeError: Error {
    var first: Int32
    var second: Int32
}
