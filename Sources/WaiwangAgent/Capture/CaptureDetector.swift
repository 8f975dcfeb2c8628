import Foundation
import WaiwangCapture

/// The decoder and the detection engine of one capture behind one lock: the capture thread feeds packets with
/// borrowed bytes, the service's task flushes and takes the events a few times a second; neither waits long for
/// the other.
///
/// `@unchecked Sendable` because every stored property is read and written only while `lock` is held.
final class CaptureDetector: @unchecked Sendable {
    private let lock = NSLock()
    private var engine: DetectionEngine
    private var decoder: PacketDecoder
    private var pending: [DetectionEvent] = []

    init(engine: DetectionEngine, linkType: LinkType) {
        self.engine = engine
        self.decoder = PacketDecoder(linkType: linkType)
    }

    /// One captured frame (on the capture thread); `bytes` is read, and copied when kept as evidence, only here.
    func process(_ bytes: UnsafeRawBufferPointer, timestampNanoseconds: Int64, wireLength: Int) {
        lock.withLock {
            guard let packet = decoder.decode(bytes, timestampNanoseconds: timestampNanoseconds, wireLength: wireLength)
            else { return }
            engine.process(packet, raw: bytes)
            if engine.hasEvents { pending.append(contentsOf: engine.takeEvents()) }
        }
    }

    /// Reports alerts opened and closes episodes idle as of `time` (wall clock, ns), then hands over every event
    /// since the last call, in order.
    func flush(atNanoseconds time: Int64) -> [DetectionEvent] {
        lock.withLock {
            engine.flush(at: time)
            pending.append(contentsOf: engine.takeEvents())
            defer { pending = [] }
            return pending
        }
    }

    /// Closes every episode (the capture is stopping) and hands over the last events.
    func finish() -> [DetectionEvent] {
        lock.withLock {
            engine.finish()
            pending.append(contentsOf: engine.takeEvents())
            defer { pending = [] }
            return pending
        }
    }

    /// The engine's counters, table sizes and evictions.
    var statistics: DetectionStatistics { lock.withLock { engine.statistics } }
}
