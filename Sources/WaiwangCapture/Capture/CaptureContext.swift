import CPcap

/// What the capture thread's libpcap callback reaches through its user pointer: the sink and the
/// delivered count. Lives on the capture thread only.
final class CaptureContext {
    let sink: any CaptureSink
    let fractionIsNano: Bool
    private(set) var delivered: UInt64 = 0

    init(sink: any CaptureSink, fractionIsNano: Bool) {
        self.sink = sink
        self.fractionIsNano = fractionIsNano
    }

    @inline(__always)
    func deliver(_ header: pcap_pkthdr, _ bytes: UnsafePointer<UInt8>) {
        delivered &+= 1
        sink.receive(
            UnsafeRawBufferPointer(start: bytes, count: Int(header.caplen)),
            timestampNanoseconds: PcapTimestamp.nanoseconds(header.ts, fractionIsNano: fractionIsNano),
            wireLength: Int(header.len))
    }
}

/// Carries a value that was handed over with `sending` into the capture thread's closure.
///
/// @unchecked Sendable: the value's previous owner gave it up (`sending`), and only the capture
/// thread uses it from then on, so it is never touched from two threads.
struct ThreadConfined<Value>: @unchecked Sendable {
    let value: Value

    init(_ value: sending Value) {
        self.value = value
    }
}

/// libpcap's 32-bit counters carried into 64 bits across their wrap.
struct PcapCounterAccumulator {
    private var last = pcap_stat()
    private(set) var received: UInt64 = 0
    private(set) var dropped: UInt64 = 0
    private(set) var interfaceDropped: UInt64 = 0

    mutating func add(_ current: pcap_stat) {
        received &+= UInt64(current.ps_recv &- last.ps_recv)
        dropped &+= UInt64(current.ps_drop &- last.ps_drop)
        interfaceDropped &+= UInt64(current.ps_ifdrop &- last.ps_ifdrop)
        last = current
    }
}
