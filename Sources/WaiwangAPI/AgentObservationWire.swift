// Additions to the agent protocol (AgentWire.swift): what an agent's observations left in the registry.

/// How many rows an agent's observations left, by kind (`GET /api/v1/agents/{id}/observations`): what fault tests
/// compare with what the agent observed. Health changes, traps and heartbeats are one row each; alerts one row per
/// episode (`alertId`, its latest state); link samples are the bounded history of the hub's links.
public struct AgentObservationCounts: Codable, Sendable, Equatable {
    public var agentId: Int64
    /// Idempotency keys held (every observation stored and not yet past `keyRetentionDays`).
    public var keys: Int
    public var linkSamples: Int
    public var healthChanges: Int
    public var alerts: Int
    public var traps: Int
    public var heartbeats: Int

    public init(
        agentId: Int64, keys: Int, linkSamples: Int, healthChanges: Int, alerts: Int, traps: Int, heartbeats: Int
    ) {
        self.agentId = agentId
        self.keys = keys
        self.linkSamples = linkSamples
        self.healthChanges = healthChanges
        self.alerts = alerts
        self.traps = traps
        self.heartbeats = heartbeats
    }
}
