import CPcap

/// Conversions between libpcap's `timeval` (seconds + micro- or nanoseconds) and nanoseconds
/// since the Unix epoch, saturating instead of trapping on the absurd times a hostile file holds.
enum PcapTimestamp {
    /// Nanoseconds since the epoch from a packet header's `ts`; `fractionIsNano` says whether
    /// `tv_usec` holds nanoseconds (handles opened with nanosecond precision) or microseconds.
    @inline(__always)
    static func nanoseconds(_ time: timeval, fractionIsNano: Bool) -> Int64 {
        let fraction = Int64(time.tv_usec)
        let (seconds, overflow) = Int64(time.tv_sec).multipliedReportingOverflow(by: 1_000_000_000)
        if overflow { return time.tv_sec < 0 ? Int64.min : Int64.max }
        let (total, overflowAdding) = seconds.addingReportingOverflow(fractionIsNano ? fraction : fraction &* 1000)
        if overflowAdding { return seconds < 0 ? Int64.min : Int64.max }
        return total
    }

    /// A `timeval` whose `tv_usec` holds nanoseconds, for handles with nanosecond precision.
    static func makeTimeval(nanoseconds: Int64) -> timeval {
        var seconds = nanoseconds / 1_000_000_000
        var fraction = nanoseconds % 1_000_000_000
        if fraction < 0 {
            seconds -= 1
            fraction += 1_000_000_000
        }
        return timeval(tv_sec: Int(seconds), tv_usec: Int(fraction))
    }
}
