import Foundation
import Hummingbird
import WaiwangAPI
import WaiwangCore
import WaiwangStore

extension RegistryEndpoints {
    /// The agent's side of the conversation (role agent): its assignment, its observations, its commands.
    static func agentProtocol(_ store: RegistryStore) -> [Endpoint] {
        [
            Endpoint(
                .get, "/api/v1/agent/assignment",
                "The calling agent's assignment; ETag is its version, If-None-Match with it answers 304",
                roles: [.agent], response: "AgentAssignment"
            ) { request, _, _ in
                let agent = try await AgentAuthentication.agent(request, store)
                let assignment = try await store.agentAssignment(for: agent)
                let etag = "\"\(assignment.version)\""
                if let header = request.headers[.ifNoneMatch], AssignmentETag.matches(header, assignment.version) {
                    return Response(status: .notModified, headers: [.eTag: etag])
                }
                var response = try ProblemResponse.json(assignment)
                response.headers[.eTag] = etag
                response.headers[.cacheControl] = "no-cache"
                return response
            },
            Endpoint(
                .post, "/api/v1/agent/observations",
                "A batch of observations, stored in one transaction, idempotent by key; every key is acknowledged",
                roles: [.agent], body: "ObservationBatch", response: "ObservationAck", success: 200
            ) { request, _, _ in
                let agent = try await AgentAuthentication.agent(request, store)
                let data = try await request.bodyBytes(
                    limit: store.agentPolicy.maxBatchBytes, rule: "batch-size", advice: "send smaller batches")
                guard !data.isEmpty else {
                    throw RegistryError.invalid("body", rule: "json-schema", "the request needs an ObservationBatch")
                }
                let batch = try JSONDecoder().decode(ObservationBatch.self, from: data)
                return try ProblemResponse.json(try await store.ingest(batch, from: agent))
            },
            Endpoint(
                .get, "/api/v1/agent/commands",
                "The calling agent's commands without a result; wait=SECONDS (≤ 30) long-polls for one",
                roles: [.agent], response: "[AgentCommand]", query: ["wait"]
            ) { request, _, _ in
                let agent = try await AgentAuthentication.agent(request, store)
                let wait = try request.query("wait", default: 0, range: 0...30)
                return try ProblemResponse.json(
                    try await store.pendingAgentCommands(for: agent, wait: .seconds(wait)))
            },
            Endpoint(
                .post, "/api/v1/agent/commands/{id}/result",
                "What the agent did with a command, with the read-back values; stored once",
                roles: [.agent], body: "AgentCommandResult", response: "AgentCommandView", success: 200
            ) { request, context, _ in
                let agent = try await AgentAuthentication.agent(request, store)
                let result = try await request.json(AgentCommandResult.self)
                return try ProblemResponse.json(
                    try await store.recordAgentCommandResult(result, commandId: context.parameter("id"), from: agent))
            },
        ]
    }
}

/// `If-None-Match` against the assignment's version: a list of entity tags, weak or strong, quoted or not, or `*`.
enum AssignmentETag {
    static func matches(_ header: String, _ version: String) -> Bool {
        header.split(separator: ",").contains { part in
            var tag = part.trimmingCharacters(in: .whitespaces)
            if tag == "*" { return true }
            if tag.hasPrefix("W/") { tag.removeFirst(2) }
            if tag.hasPrefix("\""), tag.hasSuffix("\""), tag.count >= 2 { tag = String(tag.dropFirst().dropLast()) }
            return tag == version
        }
    }
}
