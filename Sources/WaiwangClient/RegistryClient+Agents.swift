import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import WaiwangAPI

extension RegistryClient {
    // MARK: The operator's side

    /// Makes an agent at a hub; the answer holds its one-time enrolment token (admin).
    public func createAgent(_ body: AgentEnrollmentCreate) async throws -> AgentEnrollmentTicket {
        try await call(.POST, "/api/v1/agents", body: json(body))
    }

    /// Revokes an agent (admin): its credential and unused enrolment token stop working.
    public func revokeAgent(_ id: Int64, reason: String) async throws -> AgentView {
        try await call(.POST, "/api/v1/agents/\(id)/revoke", body: json(AgentRevocation(reason: reason)))
    }

    /// Agents with last heartbeat, version, outbox depth, drops and staleness.
    public func agents(hub: String? = nil) async throws -> [AgentView] {
        try await call(.GET, "/api/v1/agents", query: [("hub", hub)])
    }

    /// Queues a port shutdown or restore for an agent (admin or security).
    public func queueAgentCommand(agent id: Int64, _ body: AgentCommandCreate) async throws -> AgentCommandView {
        try await call(.POST, "/api/v1/agents/\(id)/commands", body: json(body))
    }

    /// An agent's commands with status and result, newest first.
    public func agentCommands(agent id: Int64) async throws -> [AgentCommandView] {
        try await call(.GET, "/api/v1/agents/\(id)/commands")
    }

    /// What an agent's observations left in the registry, by kind.
    public func agentObservationCounts(agent id: Int64) async throws -> AgentObservationCounts {
        try await call(.GET, "/api/v1/agents/\(id)/observations")
    }

    /// A link's health and latest rates as its hub's agent reported them.
    public func linkState(_ id: Int64) async throws -> LinkStateView {
        try await call(.GET, "/api/v1/links/\(id)/state")
    }

    // MARK: The agent's side

    /// Trades a one-time enrolment token for the agent's credential (no bearer token needed).
    public func enroll(_ body: AgentEnrollRequest) async throws -> AgentCredential {
        try await call(.POST, "/api/v1/agents/enroll", body: json(body))
    }

    /// The calling agent's assignment, or nil when it is still `version` (the registry answered 304).
    public func assignment(ifNoneMatch version: String? = nil) async throws -> AgentAssignment? {
        let url = self.url("/api/v1/agent/assignment", query: [])
        var request = HTTPClientRequest(url: url)
        request.headers.add(name: "Accept", value: "application/json, application/problem+json")
        if let token, !token.isEmpty { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        if let version { request.headers.add(name: "If-None-Match", value: "\"\(version)\"") }
        let response: HTTPClientResponse
        let buffer: ByteBuffer
        do {
            response = try await http.execute(request, timeout: Self.requestTimeout)
            buffer = try await response.body.collect(upTo: Self.maxResponseBytes)
        } catch {
            throw RegistryClientError.unreachable(baseURL.absoluteString, reason: Self.reason(error), url: url)
        }
        if response.status == .notModified { return nil }
        let data = Data(buffer.readableBytesView)
        guard response.status == .ok else {
            throw RegistryClientError.refused(Self.problem(from: data, status: response.status), url: url)
        }
        do { return try JSONDecoder().decode(AgentAssignment.self, from: data) } catch {
            throw RegistryClientError.badResponse("the assignment from \(url) cannot be read (\(error))", url: url)
        }
    }

    /// Sends a batch of observations; the answer acknowledges every key the registry now holds.
    public func sendObservations(_ batch: ObservationBatch) async throws -> ObservationAck {
        try await call(.POST, "/api/v1/agent/observations", body: json(batch))
    }

    /// The calling agent's commands without a result, waiting up to `wait` seconds (≤ 30) for one.
    public func pendingCommands(wait: Int = 0) async throws -> [AgentCommand] {
        try await call(
            .GET, "/api/v1/agent/commands", query: [("wait", String(wait))], timeout: .seconds(Int64(wait) + 30))
    }

    /// Reports what the agent did with a command.
    public func reportCommandResult(_ result: AgentCommandResult) async throws -> AgentCommandView {
        try await call(.POST, "/api/v1/agent/commands/\(Self.segment(result.id))/result", body: json(result))
    }
}
