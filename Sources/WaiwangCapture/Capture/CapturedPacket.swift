/// A copy of one captured frame with its capture time: what evidence keeps after the capture's
/// own buffer has moved on.
public struct CapturedPacket: Sendable, Hashable {
    /// Capture time, nanoseconds since the Unix epoch.
    public var timestampNanoseconds: Int64
    /// The frame's length on the wire (may exceed `bytes.count` when the snap length cut it).
    public var wireLength: Int
    /// The captured bytes, from the link-layer header on.
    public var bytes: [UInt8]

    /// Creates a packet; a `wireLength` below `bytes.count` is raised to it.
    public init(timestampNanoseconds: Int64, wireLength: Int? = nil, bytes: [UInt8]) {
        self.timestampNanoseconds = timestampNanoseconds
        self.wireLength = max(wireLength ?? bytes.count, bytes.count)
        self.bytes = bytes
    }

    /// Copies a borrowed frame (for example inside `PcapFileReader.forEachPacket`).
    public init(_ raw: UnsafeRawBufferPointer, timestampNanoseconds: Int64, wireLength: Int) {
        self.init(timestampNanoseconds: timestampNanoseconds, wireLength: wireLength, bytes: Array(raw))
    }
}
