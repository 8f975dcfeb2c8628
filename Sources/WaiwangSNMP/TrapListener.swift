import CNetSNMP
import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// Receives SNMP notifications on a UDP address through net-snmp and hands them over as ``TrapEvent`` values.
///
/// SNMPv1 traps and SNMPv2c traps and informs (answered) with an accepted community are delivered on ``events``;
/// everything else is counted in ``statistics`` and dropped, never trusted: garbage, truncated or hostile
/// datagrams, wrong communities, SNMPv3, requests. net-snmp reads and parses on a dedicated thread owned by the
/// listener, never on the cooperative pool. ``stop()`` (or releasing the listener) closes the socket, joins the
/// thread and finishes ``events``.
///
/// `Sendable` without `@unchecked`: the net-snmp session belongs to the reading thread, and what is shared (the
/// counters, the stream's continuation, the stop pipe) is either a `Mutex` or immutable.
public final class TrapListener: Sendable {
    /// The notifications received, in order; finishes when the listener stops.
    public let events: AsyncStream<TrapEvent>
    /// The address listened on, in net-snmp's syntax (`udp:127.0.0.1:1162`).
    public let address: String
    /// The UDP port bound (the one asked for).
    public let port: UInt16
    private let sink: TrapSink
    private let control: Mutex<Control>

    private struct Control {
        var thread: pthread_t?
        var wakeWrite: Int32
    }

    /// Listens on `address` (`udp:HOST:PORT`, `udp6:[ADDRESS]:PORT`; ports below 1024 need root), accepting
    /// notifications with one of `communities`. At most `bufferLimit` events wait for a reader; beyond that the
    /// oldest are dropped and counted in ``TrapStatistics/dropped``.
    ///
    /// Throws ``SNMPError/Code/invalidTarget`` for a malformed address or no community, and
    /// ``SNMPError/Code/transport`` when the address cannot be bound (in use, not local).
    public init(address: String, communities: [String], bufferLimit: Int = 4096) throws(SNMPError) {
        let (host, port, ipv6) = try SNMPTarget.parse(address)
        guard !communities.isEmpty, communities.allSatisfy({ !$0.isEmpty && !$0.utf8.contains(0) }) else {
            throw SNMPTarget.invalid(address, "a trap listener needs at least one non-empty community")
        }
        self.address = ipv6 ? "udp6:[\(host)]:\(port)" : "udp:\(host):\(port)"
        let (stream, continuation) = AsyncStream.makeStream(
            of: TrapEvent.self, bufferingPolicy: .bufferingNewest(max(1, bufferLimit)))
        events = stream
        sink = TrapSink(communities: Set(communities.map { Array($0.utf8) }), continuation: continuation)
        let session = try NetSNMPTrapSession(address: self.address, sink: sink)
        self.port = session.port
        var pipeFDs: [Int32] = [-1, -1]
        guard pipe(&pipeFDs) == 0 else {
            session.close()
            throw SNMPError(code: .transport, message: "pipe() failed: \(String(cString: strerror(errno)))")
        }
        control = Mutex(Control(thread: nil, wakeWrite: pipeFDs[1]))
        let reader = Unmanaged.passRetained(TrapReader(session: session, wakeRead: pipeFDs[0], sink: sink))
        var thread = pthread_t()
        let started = pthread_create(
            &thread, nil,
            { argument in
                guard let argument else { return nil }
                Unmanaged<TrapReader>.fromOpaque(argument).takeRetainedValue().run()
                return nil
            }, reader.toOpaque())
        guard started == 0 else {
            reader.release()
            close(pipeFDs[0])
            close(pipeFDs[1])
            sink.finish()
            throw SNMPError(code: .transport, message: "cannot start the trap reading thread (\(started))")
        }
        control.withLock { $0.thread = thread }
    }

    deinit { stop() }

    /// What has been received so far.
    public var statistics: TrapStatistics { sink.statistics }

    /// Closes the socket and ends ``events``; returns once the reading thread has finished. Idempotent.
    public func stop() {
        let thread = control.withLock { control -> pthread_t? in
            defer { control.thread = nil }
            guard let thread = control.thread else { return nil }
            var byte: UInt8 = 1
            _ = write(control.wakeWrite, &byte, 1)
            return thread
        }
        guard let thread else { return }
        pthread_join(thread, nil)
        control.withLock { control in
            close(control.wakeWrite)
            control.wakeWrite = -1
        }
    }
}

/// Where the reading thread puts what it decoded: the stream and the counters.
final class TrapSink: Sendable {
    let communities: Set<[UInt8]>
    private let continuation: AsyncStream<TrapEvent>.Continuation
    private let counters = Mutex(TrapStatistics())

    init(communities: Set<[UInt8]>, continuation: AsyncStream<TrapEvent>.Continuation) {
        self.communities = communities
        self.continuation = continuation
    }

    var statistics: TrapStatistics { counters.withLock { $0 } }

    func count(_ field: WritableKeyPath<TrapStatistics, Int>) {
        counters.withLock { $0[keyPath: field] += 1 }
    }

    func deliver(_ outcome: Result<TrapEvent, ReceivedNotification.Rejection>) {
        switch outcome {
        case .success(let event):
            switch continuation.yield(event) {
            case .enqueued: count(\.delivered)
            case .dropped, .terminated: count(\.dropped)
            @unknown default: count(\.dropped)
            }
        case .failure(.malformed): count(\.malformed)
        case .failure(.wrongCommunity): count(\.wrongCommunity)
        case .failure(.unsupported): count(\.unsupported)
        }
    }

    func finish() { continuation.finish() }
}

/// The reading thread's state: the session it owns and the pipe that wakes it to stop.
private final class TrapReader {
    let session: NetSNMPTrapSession
    let wakeRead: Int32
    let sink: TrapSink

    init(session: NetSNMPTrapSession, wakeRead: Int32, sink: TrapSink) {
        self.session = session
        self.wakeRead = wakeRead
        self.sink = sink
    }

    /// Waits for datagrams (or the stop byte) and lets net-snmp read them, until stopped or the socket fails.
    func run() {
        var fds = [
            pollfd(fd: session.socket, events: Int16(POLLIN), revents: 0),
            pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0),
        ]
        while true {
            fds[0].revents = 0
            fds[1].revents = 0
            let ready = poll(&fds, 2, -1)
            if ready < 0 {
                if errno == EINTR { continue }
                break
            }
            if fds[1].revents != 0 { break }
            if fds[0].revents & Int16(POLLNVAL) != 0 { break }
            if fds[0].revents & Int16(POLLIN | POLLERR) != 0 { session.readWaiting() }
        }
        session.close()
        close(wakeRead)
        sink.finish()
    }
}
