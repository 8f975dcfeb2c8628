import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WaiwangAPI
import WaiwangCore
import WaiwangStore

/// `POST /api/v1/agents` makes a one-time token; `POST /api/v1/agents/enroll` trades it once for the agent's own
/// credential, which is bound to that agent and hub.
@Suite("Agent enrolment")
struct AgentEnrollmentTests {
    static func enrollBody(_ token: String) -> AgentEnrollRequest {
        AgentEnrollRequest(token: token, hostname: "probe-ht-01", version: "0.1.0")
    }

    @Test("a token works once: the second use is a conflict naming the rule, and the credential reads its assignment")
    func once() async throws {
        let fixture = try await RegistryFixture()
        try await fixture.withAPI { api in
            let created = try await api.send(.post, "/api/v1/agents", as: .admin,
                                             json: AgentEnrollmentCreate(hub: "HT", name: "红塔区汇聚点探针"))
            #expect(created.status == .created, "\(created.text)")
            let ticket = try created.decode(AgentEnrollmentTicket.self)
            #expect(ticket.hub == "HT")
            #expect(ticket.token.hasPrefix("wwe_"))

            let enrolled = try await api.send(.post, "/api/v1/agents/enroll", bearer: nil, json: Self.enrollBody(ticket.token))
            #expect(enrolled.status == .created, "\(enrolled.text)")
            let credential = try enrolled.decode(AgentCredential.self)
            #expect(credential.agentId == ticket.agentId)
            #expect(credential.hub == "HT")

            try await api.send(.post, "/api/v1/agents/enroll", bearer: nil, json: Self.enrollBody(ticket.token))
                .expectProblem(.conflict, field: "token", rule: "enrollment-once")
            try await api.send(.post, "/api/v1/agents/enroll", bearer: nil, json: Self.enrollBody("wwe_0000"))
                .expectProblem(.unauthorized, field: "token", rule: "enrollment-token")

            let assignment = try await api.send(.get, "/api/v1/agent/assignment", bearer: credential.secret)
            #expect(assignment.status == .ok, "\(assignment.text)")
            #expect(try assignment.decode(AgentAssignment.self).agentId == credential.agentId)

            let agents = try await api.fetch([AgentView].self, "/api/v1/agents?hub=HT")
            let view = try #require(agents.first { $0.id == credential.agentId })
            #expect(view.name == "红塔区汇聚点探针")
            #expect(view.hostname == "probe-ht-01")
            #expect(view.enrolledAt != nil)
            #expect(view.stale, "no heartbeat yet")
        }
        let actions = try await fixture.store.auditEntries(limit: 10_000, entity: "agent").map(\.action)
        #expect(actions.filter { $0 == "agent.create" }.count == 2)  // the fixture's agent and this one
        #expect(actions.filter { $0 == "agent.enroll" }.count == 2)
    }

    @Test("an expired token is refused, and only admin makes tokens, for a known hub")
    func expiryAndScope() async throws {
        let clock = TestClock()
        let fixture = try await RegistryFixture(now: clock.function)
        let hours = RegistryFixture.configuration.agents.enrollmentTicketHours
        try await fixture.withAPI { api in
            let ticket = try await api.send(.post, "/api/v1/agents", as: .admin, json: AgentEnrollmentCreate(hub: "TH"))
                .decode(AgentEnrollmentTicket.self)
            clock.advance(TimeInterval(hours * 3600 + 1))
            try await api.send(.post, "/api/v1/agents/enroll", bearer: nil, json: Self.enrollBody(ticket.token))
                .expectProblem(.unauthorized, field: "token", rule: "enrollment-expired")

            try await api.send(.post, "/api/v1/agents", as: .admin, json: AgentEnrollmentCreate(hub: "XX"))
                .expectProblem(.badRequest, field: "hub", rule: "known-hub")
            try await api.send(.post, "/api/v1/agents", as: .hongta, json: AgentEnrollmentCreate(hub: "HT"))
                .expectProblem(.forbidden, rule: "role-scope")
            // A county sees its own hub's agents only.
            let seen = try await api.fetch([AgentView].self, "/api/v1/agents", as: .hongta)
            #expect(Set(seen.map(\.hub)) == ["HT"])
        }
    }

    @Test("a token of role agent that no enrolment made is not an agent: agent endpoints refuse it")
    func plainAgentToken() async throws {
        let fixture = try await RegistryFixture()
        let token = try await fixture.store.createToken(name: "forged-agent", role: .agent, divisionCode: nil)
        try await fixture.withAPI { api in
            try await api.send(.get, "/api/v1/agent/assignment", bearer: token)
                .expectProblem(.forbidden, field: "Authorization", rule: "agent-credential")
            try await api.ingest([Sample.heartbeat("hb")], as: token)
                .expectProblem(.forbidden, rule: "agent-credential")
        }
    }
}
