import Hummingbird
import WaiwangAPI
import WaiwangCore
import WaiwangStore

extension RegistryEndpoints {
    /// The operator's side of the agents: enrolment tickets, the agent list, commands, and the links' state.
    static func agents(_ store: RegistryStore) -> [Endpoint] {
        [
            Endpoint(
                .post, "/api/v1/agents", "Make an agent at a hub and its one-time enrolment token (shown once)",
                roles: [.admin], body: "AgentEnrollmentCreate", response: "AgentEnrollmentTicket"
            ) { request, _, principal in
                try ProblemResponse.json(
                    try await store.createAgent(request.json(AgentEnrollmentCreate.self), as: principal),
                    status: .created)
            },
            Endpoint(
                .get, "/api/v1/agents", "Agents with last heartbeat, version, outbox depth, drops and staleness",
                roles: Endpoint.readers, response: "[AgentView]", query: ["hub"]
            ) { request, _, principal in
                try ProblemResponse.json(try await store.listAgents(hub: request.query("hub"), as: principal))
            },
            Endpoint(
                .post, "/api/v1/agents/{id}/revoke",
                "Revoke an agent: its credential and unused enrolment token stop working at once (a reason is kept)",
                roles: [.admin], body: "AgentRevocation", response: "AgentView", success: 200
            ) { request, context, principal in
                try ProblemResponse.json(
                    try await store.revokeAgent(
                        context.idParameter("id"), request.json(AgentRevocation.self), as: principal))
            },
            Endpoint(
                .post, "/api/v1/agents/enroll",
                "Trade a one-time enrolment token (the credential of this call) for the agent's own bearer secret",
                roles: nil, body: "AgentEnrollRequest", response: "AgentCredential"
            ) { request, _, _ in
                try ProblemResponse.json(
                    try await store.enrollAgent(request.json(AgentEnrollRequest.self)), status: .created)
            },
            Endpoint(
                .post, "/api/v1/agents/{id}/commands", "Queue a port shutdown or restore for an agent",
                roles: [.admin, .security], body: "AgentCommandCreate", response: "AgentCommandView"
            ) { request, context, principal in
                try ProblemResponse.json(
                    try await store.queueAgentCommand(
                        request.json(AgentCommandCreate.self), agentId: context.idParameter("id"), as: principal),
                    status: .created)
            },
            Endpoint(
                .get, "/api/v1/agents/{id}/commands", "An agent's commands with status and result, newest first",
                roles: Endpoint.readers, response: "[AgentCommandView]"
            ) { _, context, principal in
                try ProblemResponse.json(
                    try await store.agentCommands(agentId: context.idParameter("id"), as: principal))
            },
            Endpoint(
                .get, "/api/v1/agents/{id}/observations",
                "What an agent's observations left, by kind: health changes, alerts, traps, heartbeats, samples",
                roles: Endpoint.readers, response: "AgentObservationCounts"
            ) { _, context, principal in
                try ProblemResponse.json(
                    try await store.observationCounts(agentId: context.idParameter("id"), as: principal))
            },
            Endpoint(
                .get, "/api/v1/links/{id}/state",
                "A link's health and latest rates from its hub's agent; unknown when the agent is stale",
                roles: Endpoint.readers, response: "LinkStateView"
            ) { _, context, principal in
                try ProblemResponse.json(try await store.linkState(context.idParameter("id"), as: principal))
            },
        ]
    }
}
