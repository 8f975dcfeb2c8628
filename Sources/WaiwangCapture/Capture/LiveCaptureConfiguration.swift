/// How a live capture opens its interface.
public struct LiveCaptureConfiguration: Sendable, Hashable {
    /// The interface to capture on (`eth1`, or `any` for all of them as Linux SLL2 frames).
    public var interface: String
    /// Bytes kept of each frame; the detectors need the headers only, evidence may want more.
    public var snapshotLength: Int
    /// The kernel ring buffer in bytes. At 1 Gbit/s of 64-byte frames (1.49 million/s) 64 MiB
    /// holds about a second of traffic, enough to ride out a scheduling hiccup of the consumer.
    public var bufferSize: Int
    /// Deliver packets as they arrive instead of when a ring block fills (`pcap_set_immediate_mode`).
    public var immediateMode: Bool
    /// Put the interface in promiscuous mode (a mirror port needs it).
    public var promiscuous: Bool
    /// A BPF filter expression (tcpdump syntax), or nil for every packet.
    public var filter: String?
    /// How long a read waits for packets before the capture thread looks at its stop flag and
    /// counters again.
    public var readTimeoutMilliseconds: Int

    /// Creates a configuration with defaults sized for a 1 Gbit/s mirror port.
    public init(
        interface: String, snapshotLength: Int = 262_144, bufferSize: Int = 64 << 20, immediateMode: Bool = true,
        promiscuous: Bool = true, filter: String? = nil, readTimeoutMilliseconds: Int = 100
    ) {
        self.interface = interface
        self.snapshotLength = snapshotLength
        self.bufferSize = bufferSize
        self.immediateMode = immediateMode
        self.promiscuous = promiscuous
        self.filter = filter
        self.readTimeoutMilliseconds = readTimeoutMilliseconds
    }
}
