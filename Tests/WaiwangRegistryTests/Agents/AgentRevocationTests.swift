import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WaiwangAPI
import WaiwangCore
import WaiwangStore

/// `POST /api/v1/agents/{id}/revoke`: a stolen or retired probe is cut off at once, with the reason on record.
@Suite("Agent revocation")
struct AgentRevocationTests {
    @Test("a revoked agent's credential is 401 at once; its record and the audit log say when, who and why")
    func credentialStops() async throws {
        let fixture = try await RegistryFixture()
        let credential = try await RegistryFixture.enrollAgent(hub: "HT", in: fixture.store)
        try await fixture.withAPI { api in
            let before = try await api.send(.get, "/api/v1/agent/assignment", bearer: credential.secret)
            #expect(before.status == .ok, "\(before.text)")

            let revoked = try await api.send(
                .post, "/api/v1/agents/\(credential.agentId)/revoke", as: .admin,
                json: AgentRevocation(reason: "探针主机报废"))
            #expect(revoked.status == .ok, "\(revoked.text)")
            let view = try revoked.decode(AgentView.self)
            #expect(view.revokedAt != nil)
            #expect(view.revokeReason == "探针主机报废")

            let after = try await api.send(.get, "/api/v1/agent/assignment", bearer: credential.secret)
            #expect(after.status == .unauthorized, "\(after.text)")
            let batch = ObservationBatch(observations: [])
            let ingest = try await api.send(.post, "/api/v1/agent/observations", bearer: credential.secret, json: batch)
            #expect(ingest.status == .unauthorized)

            try await api.send(
                .post, "/api/v1/agents/\(credential.agentId)/revoke", as: .admin, json: AgentRevocation(reason: "again"))
                .expectProblem(.conflict, field: "agent", rule: "revoke-once")
            let listed = try await api.fetch([AgentView].self, "/api/v1/agents?hub=HT")
            #expect(listed.first { $0.id == credential.agentId }?.revokedAt == view.revokedAt)
        }
        let entries = try await fixture.store.auditEntries(limit: 10_000, entity: "agent")
        #expect(entries.filter { $0.action == "agent.revoke" }.count == 1)
    }

    @Test("an unused enrolment token of a revoked agent cannot be traded")
    func ticketStops() async throws {
        let fixture = try await RegistryFixture()
        let ticket = try await fixture.store.createAgent(AgentEnrollmentCreate(hub: "JC"), as: .system)
        _ = try await fixture.store.revokeAgent(ticket.agentId, AgentRevocation(reason: "误建"), as: .system)
        try await fixture.withAPI { api in
            _ = try await api.send(.post, "/api/v1/agents/enroll", bearer: nil,
                               json: AgentEnrollmentTests.enrollBody(ticket.token))
                .expectProblem(.unauthorized, field: "token", rule: "agent-revoked")
        }
    }

    @Test("only admin revokes, a reason is required, an unknown agent is 404; nothing changes on refusal")
    func refusals() async throws {
        let fixture = try await RegistryFixture()
        let agent = try await fixture.fixtureAgent()
        try await fixture.withAPI { api in
            let forbidden = try await api.send(
                .post, "/api/v1/agents/\(agent.id)/revoke", as: .security, json: AgentRevocation(reason: "x"))
            #expect(forbidden.status == .forbidden)
            try await api.send(.post, "/api/v1/agents/\(agent.id)/revoke", as: .admin, json: AgentRevocation(reason: "  "))
                .expectProblem(.badRequest, field: "reason")
            let missing = try await api.send(
                .post, "/api/v1/agents/999999/revoke", as: .admin, json: AgentRevocation(reason: "x"))
            #expect(missing.status == .notFound)
            let view = try await api.fetch([AgentView].self, "/api/v1/agents").first { $0.id == agent.id }
            #expect(view?.revokedAt == nil)
        }
    }
}
