import CPcap
import Foundation
import Synchronization

/// A live libpcap capture on one interface, read on a dedicated thread of its own.
///
/// Blocking reads never run on the Swift cooperative pool (two threads here). The consumer is
/// either a closure called on the capture thread for every packet with borrowed bytes
/// (`start(_:)`, the fast path: no copy, no allocation, 1 Gbit/s of small packets), or an
/// `AsyncStream` of decoded batches (`decodedBatches()`, one batch per read of the ring buffer).
/// The kernel's drop counters are published in `statistics` while it runs, never hidden.
public final class LiveCapture: @unchecked Sendable {
    // @unchecked Sendable: `handle` is configured in init before `self` escapes, then touched
    // only by the capture thread — except pcap_breakloop, which libpcap (1.10+, Linux) documents
    // as callable from another thread to wake the loop. Everything else mutable is in `state`.
    private let handle: OpaquePointer
    private let fractionIsNano: Bool
    private let stopRequested = Atomic<Bool>(false)
    private let state = Mutex(State())

    /// The configuration the capture was opened with.
    public let configuration: LiveCaptureConfiguration
    /// The link type of the interface's frames (SLL2 for `any`).
    public let linkType: LinkType
    /// A warning `pcap_activate` gave (for example promiscuous mode not supported), or nil.
    public let activationWarning: String?

    private struct State {
        var started = false
        var finished = false
        var statistics = CaptureStatistics()
        var failure: PcapError?
        var waiters: [CheckedContinuation<Void, Never>] = []
    }

    /// Opens and activates the capture and installs the filter; packets flow after `start`.
    ///
    /// Throws `PcapError`: `.create`, `.configure`, `.activate` (no such interface, no
    /// permission), `.compileFilter` (a bad filter expression) or `.setFilter`.
    public init(configuration: LiveCaptureConfiguration) throws(PcapError) {
        let created = PcapLibrary.withErrorBuffer { errbuf in pcap_create(configuration.interface, errbuf) }
        guard let handle = created.result else {
            throw PcapError(
                code: .create, message: created.message,
                suggestion: "check the interface name \(configuration.interface) with `ip link`")
        }
        do throws(PcapError) {
            (fractionIsNano, activationWarning) = try LiveCapture.activate(handle, configuration)
            if let filter = configuration.filter {
                try LiveCapture.install(filter: filter, on: handle)
            }
        } catch {
            pcap_close(handle)
            throw error
        }
        self.handle = handle
        self.configuration = configuration
        self.linkType = LinkType(rawValue: pcap_datalink(handle))
    }

    deinit {
        pcap_close(handle)
    }

    /// Starts the capture thread; `handler` is called on it for every packet with the captured
    /// bytes (valid only during the call), the time in nanoseconds since the epoch, and the
    /// length on the wire. The handler must keep up: while it runs, the kernel ring fills.
    public func start(
        _ handler:
            sending @escaping (
                _ bytes: UnsafeRawBufferPointer, _ timestampNanoseconds: Int64, _ wireLength: Int
            ) -> Void
    ) throws(PcapError) {
        try start(sink: CallbackSink(handler))
    }

    /// Starts the capture thread and returns the decoded packets as batches, one per read of the
    /// ring buffer. At most `bufferedBatches` wait for the consumer; beyond that the newest are
    /// discarded and counted in `statistics.consumerDropped`. The stream ends when the capture
    /// stops; dropping the stream stops the capture.
    public func decodedBatches(bufferedBatches: Int = 1024) throws(PcapError) -> AsyncStream<CaptureBatch> {
        let (stream, continuation) = AsyncStream.makeStream(
            of: CaptureBatch.self, bufferingPolicy: .bufferingOldest(bufferedBatches))
        continuation.onTermination = { [weak self] _ in self?.requestStop() }
        try start(sink: DecodingSink(linkType: linkType, continuation: continuation))
        return stream
    }

    /// Asks the capture to stop without waiting (safe from any thread or a signal handler's task).
    public func requestStop() {
        stopRequested.store(true, ordering: .releasing)
        pcap_breakloop(handle)
    }

    /// Stops the capture, waits for its thread to finish, and returns the final counters.
    @discardableResult
    public func stop() async -> CaptureStatistics {
        requestStop()
        await withCheckedContinuation { (waiter: CheckedContinuation<Void, Never>) in
            let resumeNow = state.withLock { state in
                if state.finished || !state.started { return true }
                state.waiters.append(waiter)
                return false
            }
            if resumeNow { waiter.resume() }
        }
        return statistics
    }

    /// The latest counters (refreshed about four times a second while running, and at the end).
    public var statistics: CaptureStatistics {
        state.withLock { $0.statistics }
    }

    /// The error that ended the capture (for example the interface went away), or nil.
    public var failure: PcapError? {
        state.withLock { $0.failure }
    }

    /// Whether the capture thread has finished.
    public var isFinished: Bool {
        state.withLock { $0.finished }
    }

    private func start(sink: sending any CaptureSink) throws(PcapError) {
        let alreadyStarted = state.withLock { state in
            defer { state.started = true }
            return state.started
        }
        guard !alreadyStarted else {
            throw PcapError(
                code: .startCapture, message: "the capture on \(configuration.interface) was already started",
                suggestion: "open a new LiveCapture for each consumer")
        }
        let context = ThreadConfined(CaptureContext(sink: sink, fractionIsNano: fractionIsNano))
        let thread = Thread { [self] in
            self.run(context.value)
        }
        thread.name = "waiwang-capture \(configuration.interface)"
        thread.start()
    }

    /// The capture thread: read until stopped or failed, publishing counters as it goes.
    private func run(_ context: CaptureContext) {
        var counters = PcapCounterAccumulator()
        var lastPublished = ContinuousClock.now
        var failure: PcapError?
        let user = Unmanaged.passUnretained(context).toOpaque().assumingMemoryBound(to: UInt8.self)
        while !stopRequested.load(ordering: .acquiring) {
            let status = pcap_dispatch(
                handle, -1,
                { user, header, bytes in
                    guard let user, let header, let bytes else { return }
                    let context = Unmanaged<CaptureContext>.fromOpaque(UnsafeRawPointer(user)).takeUnretainedValue()
                    context.deliver(header.pointee, bytes)
                }, user)
            context.sink.endOfRead()
            if status == PCAP_ERROR_BREAK { break }
            if status < 0 {
                failure = PcapError(
                    code: .dispatch, message: String(cString: pcap_geterr(handle)),
                    suggestion: "the interface \(configuration.interface) may have gone down or away")
                break
            }
            let now = ContinuousClock.now
            if now - lastPublished >= .milliseconds(250) {
                lastPublished = now
                publish(&counters, context: context)
            }
        }
        publish(&counters, context: context)
        context.sink.finish()
        let waiters = state.withLock { state in
            state.finished = true
            state.failure = state.failure ?? failure
            defer { state.waiters = [] }
            return state.waiters
        }
        for waiter in waiters { waiter.resume() }
    }

    private func publish(_ counters: inout PcapCounterAccumulator, context: CaptureContext) {
        var raw = pcap_stat()
        let statsFailure: PcapError? =
            pcap_stats(handle, &raw) == 0
            ? nil
            : PcapError(code: .statistics, message: String(cString: pcap_geterr(handle)))
        if statsFailure == nil { counters.add(raw) }
        state.withLock { state in
            state.statistics.received = counters.received
            state.statistics.dropped = counters.dropped
            state.statistics.interfaceDropped = counters.interfaceDropped
            state.statistics.delivered = context.delivered
            state.statistics.consumerDropped = context.sink.consumerDropped
            if let statsFailure, state.failure == nil { state.failure = statsFailure }
        }
    }
}
