/// What a live capture's thread hands packets to. A sink is given to the capture with `sending`
/// and from then on lives on the capture thread only.
protocol CaptureSink: AnyObject {
    /// One packet; `bytes` is valid only during the call.
    func receive(_ bytes: UnsafeRawBufferPointer, timestampNanoseconds: Int64, wireLength: Int)
    /// One read of the ring buffer ended (a natural batch boundary).
    func endOfRead()
    /// The capture ended; no more calls follow.
    func finish()
    /// Packets the sink had to discard because its consumer was not keeping up.
    var consumerDropped: UInt64 { get }
}

/// A sink that calls the owner's closure for every packet, on the capture thread.
final class CallbackSink: CaptureSink {
    private let handler: (UnsafeRawBufferPointer, Int64, Int) -> Void

    init(_ handler: @escaping (UnsafeRawBufferPointer, Int64, Int) -> Void) {
        self.handler = handler
    }

    func receive(_ bytes: UnsafeRawBufferPointer, timestampNanoseconds: Int64, wireLength: Int) {
        handler(bytes, timestampNanoseconds, wireLength)
    }

    func endOfRead() {}
    func finish() {}
    var consumerDropped: UInt64 { 0 }
}

/// A sink that decodes on the capture thread and yields one `CaptureBatch` per ring-buffer read.
final class DecodingSink: CaptureSink {
    private var decoder: PacketDecoder
    private var batch: [DecodedPacket] = []
    private let continuation: AsyncStream<CaptureBatch>.Continuation
    private(set) var consumerDropped: UInt64 = 0

    init(linkType: LinkType, continuation: AsyncStream<CaptureBatch>.Continuation) {
        self.decoder = PacketDecoder(linkType: linkType)
        self.continuation = continuation
    }

    func receive(_ bytes: UnsafeRawBufferPointer, timestampNanoseconds: Int64, wireLength: Int) {
        if let packet = decoder.decode(bytes, timestampNanoseconds: timestampNanoseconds, wireLength: wireLength) {
            batch.append(packet)
        }
    }

    func endOfRead() {
        guard !batch.isEmpty else { return }
        yieldBatch()
    }

    func finish() {
        yieldBatch()
        continuation.finish()
    }

    private func yieldBatch() {
        let result = continuation.yield(CaptureBatch(packets: batch, decodeStatistics: decoder.statistics))
        if case .dropped(let lost) = result {
            consumerDropped &+= UInt64(lost.packets.count)
        }
        batch = []
    }
}
