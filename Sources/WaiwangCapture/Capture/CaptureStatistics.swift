/// The counters of a live capture: libpcap's `pcap_stats` (kept in 64 bits across the 32-bit
/// wrap of libpcap's own) and what the consumer was handed.
public struct CaptureStatistics: Sendable, Hashable {
    /// Packets the kernel received for this capture (after the filter), `ps_recv`.
    public var received: UInt64 = 0
    /// Packets dropped because the ring buffer was full — the consumer fell behind, `ps_drop`.
    public var dropped: UInt64 = 0
    /// Packets the interface or its driver dropped, `ps_ifdrop`.
    public var interfaceDropped: UInt64 = 0
    /// Packets handed to the consumer.
    public var delivered: UInt64 = 0
    /// Packets decoded for an `AsyncStream` consumer that did not take them in time and were
    /// discarded (zero for callback consumers).
    public var consumerDropped: UInt64 = 0

    /// Creates zeroed counters.
    public init() {}
}
