import Foundation
import Testing
import WaiwangAPI
import WaiwangCore
import WaiwangStore

/// `Config/agents.json`: every member optional, checked on load, and what it puts into assignments and retention.
@Suite("Agent policy")
struct AgentPolicyTests {
    @Test("a file with some members takes the defaults for the rest; bad numbers and prefixes are named")
    func decoding() throws {
        let partial = try JSONDecoder().decode(AgentPolicy.self, from: Data(#"{"heartbeatIntervalSeconds": 10}"#.utf8))
        var expected = AgentPolicy()
        expected.heartbeatIntervalSeconds = 10
        #expect(partial == expected)
        #expect(partial.staleAfterSeconds == 30)

        var bad = AgentPolicy()
        bad.allow = ["10.53.0.0/33"]
        #expect(throws: RegistryError.self) { try bad.validate() }
        bad = AgentPolicy()
        bad.staleAfterHeartbeats = 1
        do {
            try bad.validate()
            Issue.record("staleAfterHeartbeats 1 was accepted")
        } catch {
            #expect(error.field == "staleAfterHeartbeats")
        }
        try RegistryFixture.configuration.agents.validate()
    }

    @Test("a hub's capture entries and allowlist reach its agent's assignment; an entry naming no registered link is left out")
    func captureAndAllow() async throws {
        var policy = AgentPolicy()
        policy.allow = ["10.53.255.0/24"]
        policy.hubs["HT"] = AgentPolicy.Hub(
            capture: [
                AgentPolicy.Capture(interface: "enp3s0", device: RegistryFixture.device(ofHub: "HT"),
                                    port: RegistryFixture.samplePort, filter: "ip"),
                AgentPolicy.Capture(interface: "enp4s0", device: "HT-AGG-09", port: "Gi0/0/9"),
            ],
            allow: ["10.1.2.250/32"])
        let fixture = try await RegistryFixture(agentPolicy: policy)
        let link = try await fixture.link(hub: "HT")
        let assignment = try await fixture.store.agentAssignment(for: try await fixture.fixtureAgent())
        #expect(assignment.capture == [AssignedCapture(interface: "enp3s0", linkId: link.id, filter: "ip")],
                "an entry naming no registered link is left out")
        #expect(assignment.watch.allow == ["10.53.255.0/24", "10.1.2.250/32"])
    }

    @Test("link samples are kept as bounded history; the link's latest state stays")
    func retention() async throws {
        let clock = TestClock()
        let fixture = try await RegistryFixture(now: clock.function)
        let agent = try await fixture.fixtureAgent()
        let link = try await fixture.link(hub: "HT").id
        let hours = RegistryFixture.configuration.agents.sampleRetentionHours
        _ = try await fixture.store.ingest(
            ObservationBatch(observations: [Sample.linkSample("old", link: link)]), from: agent)
        clock.advance(TimeInterval(hours * 3600 + 60))
        let later = Sample.time(TimeInterval(hours * 3600 + 30))
        _ = try await fixture.store.ingest(
            ObservationBatch(observations: [Sample.linkSample("new", link: link, at: later), Sample.heartbeat("hb")]),
            from: agent)
        let counts = try await fixture.store.observationCounts(agentId: agent.id)
        #expect(counts.linkSamples == 1, "the sample older than \(hours) h is pruned")
        #expect(counts.keys == 3, "idempotency keys are kept for days, not hours")
        #expect(try await fixture.store.linkState(link, as: .system).lastSampleAt == Sample.stored(TimeInterval(hours * 3600 + 30)))
    }
}
