import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WaiwangAPI
import WaiwangCore
import WaiwangStore

/// `GET /api/v1/links/{id}/state`: the agent's last word on a link, and `unknown` once the agent falls silent.
@Suite("Link state and stale agents")
struct LinkStateTests {
    @Test("an agent silent for more than three heartbeat intervals is stale: its links show unknown, not up")
    func staleAgent() async throws {
        let clock = TestClock()
        let fixture = try await RegistryFixture(now: clock.function)
        let link = try await fixture.link(hub: "HT").id
        let interval = TimeInterval(RegistryFixture.configuration.agents.heartbeatIntervalSeconds)
        try await fixture.withAPI { api in
            let secret = try #require(api.tokens[.agent])
            let never = try await api.fetch(LinkStateView.self, "/api/v1/links/\(link)/state")
            #expect(never.health == "unknown")
            #expect(never.agentStale)

            #expect(try await api.ingest([Sample.heartbeat("hb-1"), Sample.linkSample("s-1", link: link)], as: secret)
                .status == .ok)
            let live = try await api.fetch(LinkStateView.self, "/api/v1/links/\(link)/state", as: .hongta)
            #expect(live.health == "up")
            #expect(!live.agentStale)
            #expect(live.inBitsPerSecond == 12_000_000)

            clock.advance(3 * interval)
            #expect(try await api.fetch(LinkStateView.self, "/api/v1/links/\(link)/state").health == "up",
                    "exactly three intervals of silence is not yet stale")
            clock.advance(1)
            let stale = try await api.fetch(LinkStateView.self, "/api/v1/links/\(link)/state")
            #expect(stale.health == "unknown")
            #expect(stale.agentStale)
            #expect(stale.lastSampleAt == live.lastSampleAt, "the last rates are still shown for what they were")
            let agents = try await api.fetch([AgentView].self, "/api/v1/agents?hub=HT")
            #expect(agents.allSatisfy { $0.stale })

            #expect(try await api.ingest([Sample.heartbeat("hb-2", at: Sample.time(200))], as: secret).status == .ok)
            #expect(try await api.fetch(LinkStateView.self, "/api/v1/links/\(link)/state").health == "up")
            #expect(try await api.fetch([AgentView].self, "/api/v1/agents?hub=HT").contains { !$0.stale })
        }
    }

    @Test("a county reads only its own division's link state")
    func scoped() async throws {
        let fixture = try await RegistryFixture()
        let tonghai = try await fixture.link(hub: "TH").id
        try await fixture.withAPI { api in
            try await api.get("/api/v1/links/\(tonghai)/state", as: .hongta).expectProblem(.notFound, field: "link")
            try await api.get("/api/v1/links/\(tonghai)/state", as: .agent).expectProblem(.forbidden)
        }
    }
}
