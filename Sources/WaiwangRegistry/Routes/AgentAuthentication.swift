import Hummingbird
import WaiwangCore
import WaiwangStore

/// Finds which enrolled agent is calling: its bearer secret is bound to one agent and hub at enrolment, so an
/// agent endpoint never takes an agent or hub from the request.
enum AgentAuthentication {
    static func agent(_ request: Request, _ store: RegistryStore) async throws -> AgentIdentity {
        let header = request.headers[.authorization] ?? ""
        let parts = header.split(separator: " ", maxSplits: 1)
        guard parts.count == 2, let agent = try await store.enrolledAgent(forToken: String(parts[1]).trimmingBlanks())
        else {
            throw RegistryError(
                .forbidden, field: "Authorization", rule: "agent-credential",
                "this token is not an enrolled agent's credential; enrol with waiwang-agent enroll")
        }
        return agent
    }
}
