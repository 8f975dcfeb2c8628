import Foundation
import WaiwangCapture

/// The decoder and the detection engine of one capture behind one lock: the capture thread feeds packets with
/// borrowed bytes, the service's task flushes and takes the events a few times a second; neither waits long for
/// the other.
///
/// `@unchecked Sendable` because every stored property is read and written only while `lock` is held.
public final class CaptureDetector: @unchecked Sendable {
    private let lock = NSLock()
    private var engine: DetectionEngine
    private var decoder: PacketDecoder
    private var pending: [DetectionEvent] = []
    private var framesSeen = 0
    private var wireBytesSeen: UInt64 = 0

    /// Creates the detector of one capture of `linkType` frames.
    public init(engine: DetectionEngine, linkType: LinkType) {
        self.engine = engine
        self.decoder = PacketDecoder(linkType: linkType)
    }

    /// One captured frame (on the capture thread); `bytes` is read, and copied when kept as evidence, only here.
    public func process(_ bytes: UnsafeRawBufferPointer, timestampNanoseconds: Int64, wireLength: Int) {
        lock.withLock {
            framesSeen += 1
            wireBytesSeen &+= UInt64(wireLength)
            guard let packet = decoder.decode(bytes, timestampNanoseconds: timestampNanoseconds, wireLength: wireLength)
            else { return }
            engine.process(packet, raw: bytes)
            if engine.hasEvents { pending.append(contentsOf: engine.takeEvents()) }
        }
    }

    /// Reports alerts opened and closes episodes idle as of `time` (wall clock, ns), then hands over every event
    /// since the last call, in order.
    public func flush(atNanoseconds time: Int64) -> [DetectionEvent] {
        lock.withLock {
            engine.flush(at: time)
            pending.append(contentsOf: engine.takeEvents())
            defer { pending = [] }
            return pending
        }
    }

    /// Closes every episode (the capture is stopping) and hands over the last events.
    public func finish() -> [DetectionEvent] {
        lock.withLock {
            engine.finish()
            pending.append(contentsOf: engine.takeEvents())
            defer { pending = [] }
            return pending
        }
    }

    /// The engine's counters, table sizes and evictions.
    public var statistics: DetectionStatistics { lock.withLock { engine.statistics } }

    /// Frames given to `process` and their bytes on the wire, and what the decoder made of them.
    public var counts: (frames: Int, wireBytes: UInt64, decode: DecodeStatistics) {
        lock.withLock { (framesSeen, wireBytesSeen, decoder.statistics) }
    }

    /// The link the capture watches.
    public var link: String { lock.withLock { engine.link } }
}
