// Additions to the agent protocol (AgentWire.swift) for the operator's side of the command queue.

/// The body of `POST /api/v1/agents/{id}/commands` (admin or security): shut or restore a port at the agent's hub.
public struct AgentCommandCreate: Codable, Sendable, Equatable {
    public var kind: AgentCommandKind
    /// A device of the agent's hub, by name.
    public var device: String
    public var ifName: String
    /// How long the agent reads back before it reports `timed_out` (1–600).
    public var deadlineSeconds: Int

    public init(kind: AgentCommandKind, device: String, ifName: String, deadlineSeconds: Int = 30) {
        self.kind = kind
        self.device = device
        self.ifName = ifName
        self.deadlineSeconds = deadlineSeconds
    }
}

/// Where a command stands: waiting to be fetched, fetched (and fetched again until a result comes), or ended.
public enum AgentCommandStatus: String, Codable, Sendable, CaseIterable {
    case queued
    case delivered
    case confirmed
    case failed
    case timedOut = "timed_out"
}

/// A command with its status and, once the agent reported it, its result (`GET /api/v1/agents/{id}/commands`).
public struct AgentCommandView: Codable, Sendable, Equatable {
    public var agentId: Int64
    public var command: AgentCommand
    public var status: AgentCommandStatus
    public var issuedBy: String
    /// When the agent first fetched it.
    public var deliveredAt: String?
    public var result: AgentCommandResult?

    public init(
        agentId: Int64, command: AgentCommand, status: AgentCommandStatus, issuedBy: String, deliveredAt: String?,
        result: AgentCommandResult?
    ) {
        self.agentId = agentId
        self.command = command
        self.status = status
        self.issuedBy = issuedBy
        self.deliveredAt = deliveredAt
        self.result = result
    }
}
