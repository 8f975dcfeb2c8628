import Synchronization
import WaiwangAPI

/// The assignment in force, shared by the services of a run, and the seam through which a new one is applied
/// without a restart.
///
/// The poller reads ``current`` at each round and rebuilds its device list when ``generation`` moved. The
/// detectors (the capture engineer's code) register with ``onChange(_:)`` and receive every assignment applied,
/// the cached one at start included, to take its `watch` and `capture` parts.
public final class AssignmentHolder: Sendable {
    private struct State {
        var assignment: AgentAssignment?
        var generation = 0
        var observers: [@Sendable (AgentAssignment) -> Void] = []
    }

    private let state = Mutex(State())

    public init() {}

    /// The assignment in force, nil before the first one (from the registry or the cache).
    public var current: AgentAssignment? { state.withLock { $0.assignment } }

    /// Moves each time a different assignment is applied.
    public var generation: Int { state.withLock { $0.generation } }

    /// Puts `assignment` in force and tells the observers; does nothing if it equals the one in force.
    public func apply(_ assignment: AgentAssignment) {
        let observers: [@Sendable (AgentAssignment) -> Void]? = state.withLock {
            guard $0.assignment != assignment else { return nil }
            $0.assignment = assignment
            $0.generation += 1
            return $0.observers
        }
        for observer in observers ?? [] { observer(assignment) }
    }

    /// Calls `observer` with every assignment applied from now on (and at once with the one in force, if any).
    public func onChange(_ observer: @escaping @Sendable (AgentAssignment) -> Void) {
        let now = state.withLock {
            $0.observers.append(observer)
            return $0.assignment
        }
        if let now { observer(now) }
    }
}
