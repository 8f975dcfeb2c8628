/// The outbox as the heartbeat and the metrics see it.
public struct OutboxStatus: Sendable, Equatable {
    /// Observations written and not yet acknowledged.
    public var depth: Int
    /// Of those, health changes and alerts.
    public var priorityDepth: Int
    /// Link samples dropped because the outbox was full, since the outbox was created (persisted).
    public var droppedSamples: Int
    /// Traps and heartbeats dropped for the same reason.
    public var droppedOther: Int
    /// Observations the registry refused as invalid, set aside in the `rejected` table.
    public var rejected: Int
}
