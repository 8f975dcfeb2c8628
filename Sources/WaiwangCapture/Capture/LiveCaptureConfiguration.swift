/// How a live capture opens its interface.
public struct LiveCaptureConfiguration: Sendable, Hashable {
    /// The interface to capture on (`eth1`, or `any` for all of them as Linux SLL2 frames).
    public var interface: String
    /// Bytes kept of each frame; the detectors need the headers only, evidence may want more.
    public var snapshotLength: Int
    /// The kernel ring buffer in bytes. At 1 Gbit/s of 64-byte frames (1.49 million/s) 64 MiB
    /// holds about a second of traffic, enough to ride out a scheduling hiccup of the consumer.
    public var bufferSize: Int
    /// How the kernel hands frames over. N > 0: in blocks of the ring (TPACKET_V3), when a block is full or
    /// N ms after its first frame, so a frame waits at most N ms; one wake-up takes many frames, a third of
    /// immediate mode's CPU a frame at high rates (docs/BENCHMARKS.md). 0: immediate mode, every frame as it
    /// arrives (`pcap_set_immediate_mode`), a wake-up each.
    public var batchMilliseconds: Int
    /// Put the interface in promiscuous mode (a mirror port needs it).
    public var promiscuous: Bool
    /// A BPF filter expression (tcpdump syntax), or nil for every packet.
    public var filter: String?

    /// The default hand-over delay: 10 ms, small beside the detectors' quarter-second alert flush.
    public static let defaultBatchMilliseconds = 10
    /// The longest hand-over delay accepted.
    public static let maximumBatchMilliseconds = 1000

    /// Creates a configuration with defaults sized for a 1 Gbit/s mirror port.
    public init(
        interface: String, snapshotLength: Int = 262_144, bufferSize: Int = 64 << 20,
        batchMilliseconds: Int = defaultBatchMilliseconds, promiscuous: Bool = true, filter: String? = nil
    ) {
        self.interface = interface
        self.snapshotLength = snapshotLength
        self.bufferSize = bufferSize
        self.batchMilliseconds = min(max(batchMilliseconds, 0), Self.maximumBatchMilliseconds)
        self.promiscuous = promiscuous
        self.filter = filter
    }

    /// Whether frames are handed over one by one as they arrive.
    var immediateMode: Bool { batchMilliseconds == 0 }

    /// libpcap's read timeout: in block mode the block's retire timeout; in immediate mode how long a read
    /// waits before the capture thread looks at its stop flag and counters again.
    var readTimeoutMilliseconds: Int { immediateMode ? 100 : batchMilliseconds }
}
