#if canImport(Glibc)
    import Glibc
#endif

extension Array {
    /// `count` copies of `value`, in memory the kernel is asked to back with 2 MiB pages before it is touched.
    ///
    /// The detectors' big tables are probed at random: with 4 KiB pages nearly every probe of a megabytes-large
    /// table also misses the TLB, and the page walk costs as much as the cache miss. Transparent huge pages
    /// (`madvise` mode, Debian's default) map the same memory with a few TLB entries. Only a matter of speed:
    /// where the kernel declines, or off Linux, the array is the same.
    init(hugePagesRepeating value: Element, count: Int) {
        self.init(unsafeUninitializedCapacity: count) { buffer, initialized in
            HugePages.advise(UnsafeMutableRawBufferPointer(buffer))
            buffer.initialize(repeating: value)
            initialized = count
        }
    }
}

/// The `madvise(MADV_HUGEPAGE)` behind `Array(hugePagesRepeating:count:)`.
enum HugePages {
    static let size = 2 << 20

    /// Advises the 2 MiB-aligned part of `buffer` (nothing when it holds no whole huge page).
    static func advise(_ buffer: UnsafeMutableRawBufferPointer) {
        #if os(Linux)
            guard let base = buffer.baseAddress, buffer.count >= size else { return }
            let start = (UInt(bitPattern: base) + UInt(size) - 1) & ~UInt(size - 1)
            let end = (UInt(bitPattern: base) + UInt(buffer.count)) & ~UInt(size - 1)
            guard end > start, let aligned = UnsafeMutableRawPointer(bitPattern: start) else { return }
            _ = madvise(aligned, Int(end - start), MADV_HUGEPAGE)
        #endif
    }
}
