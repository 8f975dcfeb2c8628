/// Packets decoded from one read of a live capture, as an `AsyncStream` consumer receives them.
public struct CaptureBatch: Sendable {
    /// The packets that decoded, in capture order.
    public var packets: [DecodedPacket]
    /// The decoder's counts since the capture started (skipped frames by reason).
    public var decodeStatistics: DecodeStatistics
}
