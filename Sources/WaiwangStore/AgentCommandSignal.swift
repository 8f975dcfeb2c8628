import Synchronization

/// A counter per agent that moves when a command is queued for it, so a long poll notices within one short
/// nap without asking the database; cancellation-safe because the waiter only sleeps.
final class AgentCommandSignal: Sendable {
    private let generations = Mutex<[Int64: UInt64]>([:])

    /// The current generation of an agent's queue.
    func generation(of agent: Int64) -> UInt64 {
        generations.withLock { $0[agent] ?? 0 }
    }

    /// Marks that the agent's queue changed.
    func notify(_ agent: Int64) {
        generations.withLock { $0[agent, default: 0] &+= 1 }
    }

    /// Returns when the agent's generation differs from `seen` or when `deadline` passes.
    func wait(for agent: Int64, after seen: UInt64, until deadline: ContinuousClock.Instant) async throws {
        while generation(of: agent) == seen, ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(50))
        }
    }
}
