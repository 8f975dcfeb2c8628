import Dispatch
import Synchronization

/// A session with one SNMP agent: GET, GETNEXT, GETBULK, walk and SET as `async` calls.
///
/// It owns one net-snmp single-session handle (`snmp_sess_open`), closed when the session is
/// released. net-snmp blocks while it waits for an answer, so every call runs on the session's
/// own serial `DispatchQueue`, one at a time and never on the cooperative pool; concurrent callers
/// queue up (a long walk holds the queue until it ends). A call waits at most the target's
/// timeout × (retries + 1) per request; cancelling the calling task does not cut a request short.
/// Every error thrown is an ``SNMPError``.
///
/// `Sendable` without `@unchecked`: the handle lives in a `Mutex` (taken only on the queue, so
/// never contended) and everything else is immutable.
public final class SNMPSession: Sendable {
    /// The agent and credentials this session talks to.
    public let target: SNMPTarget
    private let queue: DispatchQueue
    private let handle: Mutex<NetSNMPSession?>

    /// Opens a session (host names are resolved here, on the session's queue).
    ///
    /// Nothing is sent yet: a wrong address or community shows on the first request.
    public init(_ target: SNMPTarget) async throws {
        self.target = target
        queue = DispatchQueue(label: "waiwang.snmp.session \(target.address)")
        handle = Mutex(nil)
        try await onQueue { (session) throws(SNMPError) in
            session = try NetSNMPSession(target: target)
        }
    }

    /// GET: the value of each OID, in order (SNMPv2 exceptions for missing ones; SNMPv1 throws
    /// ``SNMPError/Code/noSuchName`` instead).
    public func get(_ oids: [OID]) async throws -> [VarBind] {
        try await onQueue { (state) throws(SNMPError) in try Self.open(state).send(.get, oids.map { ($0, nil) }) }
    }

    /// GETNEXT: for each OID, the first object after it.
    public func getNext(_ oids: [OID]) async throws -> [VarBind] {
        try await onQueue { (state) throws(SNMPError) in try Self.open(state).send(.getNext, oids.map { ($0, nil) }) }
    }

    /// GETBULK (SNMPv2c and v3): one GETNEXT for each of the first `nonRepeaters` OIDs, then up to
    /// `maxRepetitions` successors of each of the others, interleaved as the agent sends them.
    public func getBulk(nonRepeaters: Int = 0, maxRepetitions: Int, _ oids: [OID]) async throws -> [VarBind] {
        guard (0...oids.count).contains(nonRepeaters), (0...10_000).contains(maxRepetitions) else {
            throw SNMPError(code: .badValue, message: "nonRepeaters must be 0…\(oids.count), maxRepetitions 0…10000")
        }
        return try await onQueue { (state) throws(SNMPError) in
            try Self.open(state).send(
                .getBulk(nonRepeaters: nonRepeaters, maxRepetitions: maxRepetitions), oids.map { ($0, nil) })
        }
    }

    /// Every object under `root`, in the agent's order; see ``walkReporting(_:options:)``.
    public func walk(_ root: OID, options: SNMPWalkOptions = SNMPWalkOptions()) async throws -> [VarBind] {
        try await walkReporting(root, options: options).varBinds
    }

    /// Every object under `root` and how the walk went.
    ///
    /// Adaptive GETBULK: starts at `initialMaxRepetitions`, doubles while answers come back whole,
    /// halves on tooBig or on a timeout after earlier answers, follows an agent that cuts its
    /// answers, and falls back to GETNEXT for SNMPv1 or an agent whose GETBULK fails. Stops at the
    /// end of the subtree, at endOfMibView, and at an OID that does not increase. If the subtree is
    /// empty, the root itself is tried with GET (as snmpwalk does). A first request that times out
    /// throws at once: the agent is taken to be down, not to drop GETBULK.
    public func walkReporting(_ root: OID, options: SNMPWalkOptions = SNMPWalkOptions()) async throws -> SNMPWalkResult
    {
        let version = target.version
        return try await onQueue { (state) throws(SNMPError) in
            let session = try Self.open(state)
            return try SNMPWalker(root: root, version: version, options: options).run {
                (request, oid) throws(SNMPError) in
                try session.send(request, [(oid, nil)])
            }
        }
    }

    /// The instances of each column, walked together with columnar GETBULK; see ``SNMPTableWalker``.
    ///
    /// One GETBULK carries one varbind per column still open, so one answer holds max-repetitions rows of
    /// every column; max-repetitions adapts as in ``walkReporting(_:options:)`` and is kept to about 200
    /// varbinds per request. SNMPv1, `useGetBulk: false` or a failing GETBULK walk the columns one by one.
    public func walkTable(columns: [OID], options: SNMPWalkOptions) async throws -> SNMPTableWalkResult {
        let version = target.version
        return try await onQueue { (state) throws(SNMPError) in
            let session = try Self.open(state)
            return try SNMPTableWalker(columns: columns, version: version, options: options).run {
                (request, oids) throws(SNMPError) in
                try session.send(request, oids.map { ($0, nil) })
            }
        }
    }

    /// SET: writes each value and returns the agent's answer (the values as set).
    ///
    /// The agent applies all or none. A read-only object is refused with
    /// ``SNMPError/Code/notWritable`` (SNMPv2c/v3) or ``SNMPError/Code/noSuchName`` /
    /// ``SNMPError/Code/readOnly`` (SNMPv1), naming the OID.
    public func set(_ bindings: [(OID, SNMPValue)]) async throws -> [VarBind] {
        let sendable = bindings.map { VarBind(oid: $0.0, value: $0.1) }
        return try await onQueue { (state) throws(SNMPError) in
            try Self.open(state).send(.set, sendable.map { ($0.oid, $0.value) })
        }
    }

    private static func open(_ state: NetSNMPSession?) throws(SNMPError) -> NetSNMPSession {
        guard let state else { throw SNMPError(code: .protocol, message: "the session is not open") }
        return state
    }

    /// Runs `body` on the session's queue with the handle, and resumes the caller with its result.
    private func onQueue<T: Sendable>(
        _ body: @escaping @Sendable (inout NetSNMPSession?) throws(SNMPError) -> T
    ) async throws -> T {
        try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<T, any Error>) in
            queue.async { [self] in
                let result = handle.withLock { (state: inout NetSNMPSession?) -> Result<T, SNMPError> in
                    do throws(SNMPError) { return .success(try body(&state)) } catch { return .failure(error) }
                }
                continuation.resume(with: result)
            }
        }
    }
}
