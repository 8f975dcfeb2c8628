import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WaiwangAPI
import WaiwangCore
import WaiwangStore

/// `POST /api/v1/agent/observations`: checked as a whole, stored in one transaction, idempotent by key.
@Suite("Observation ingest")
struct ObservationIngestTests {
    @Test("the same batch twice is stored once and both answers acknowledge every key")
    func idempotent() async throws {
        let fixture = try await RegistryFixture()
        let agent = try await fixture.fixtureAgent()
        let link = try await fixture.link(hub: "HT").id
        let batch = [
            Sample.linkSample("s-1", link: link, at: Sample.time(0)),
            Sample.healthChange("h-1", link: link, from: "up", to: "down", at: Sample.time(10)),
            Sample.alert("a-1", link: link, at: Sample.time(20)),
            Sample.trap("t-1", at: Sample.time(10)),
            Sample.heartbeat("b-1", at: Sample.time(30)),
            Sample.linkSample("s-1", link: link, at: Sample.time(0)),  // a key twice in one batch is one observation
        ]
        let keys = ["s-1", "h-1", "a-1", "t-1", "b-1"]
        try await fixture.withAPI { api in
            let secret = try #require(api.tokens[.agent])
            let first = try await api.ingest(batch, as: secret)
            #expect(first.status == .ok, "\(first.text)")
            #expect(try first.decode(ObservationAck.self) == ObservationAck(stored: 5, duplicates: 1, keys: keys))
            let counts = try await fixture.store.observationCounts(agentId: agent.id)
            #expect(counts == AgentObservationCounts(agentId: agent.id, keys: 5, linkSamples: 1, healthChanges: 1,
                                                     alerts: 1, traps: 1, heartbeats: 1))
            // Operators and fault tests read the same over the API.
            #expect(try await api.fetch(AgentObservationCounts.self, "/api/v1/agents/\(agent.id)/observations",
                                        as: .security) == counts)

            let second = try await api.ingest(batch, as: secret)
            #expect(second.status == .ok, "\(second.text)")
            #expect(try second.decode(ObservationAck.self) == ObservationAck(stored: 0, duplicates: 6, keys: keys))
            #expect(try await fixture.store.observationCounts(agentId: agent.id) == counts)

            // The health change came after the sample, so the link is down since then.
            let state = try await api.fetch(LinkStateView.self, "/api/v1/links/\(link)/state")
            #expect(state.health == "down")
            #expect(state.since == Sample.stored(10))
            #expect(state.lastSampleAt == Sample.stored(0))
            #expect(state.inBitsPerSecond == 12_000_000)
        }
        // The evidence is kept as a file named by its SHA-256.
        let views = try await fixture.store.listAgents(hub: "HT", as: .system)
        let view = try #require(views.first { $0.id == agent.id })
        #expect(view.outboxDepth == 7)
        #expect(view.droppedSamples == 2)
        #expect(view.version == "0.1.0")
        #expect(view.lastHeartbeatAt != nil)
    }

    @Test("one bad observation refuses the batch, naming its index and field, and nothing is stored",
          arguments: [
            (1, "linkSample.health", "observation-health"),
            (2, "observedAt", "observation-time"),
            (3, "alert", "observation-payload"),
            (4, "alert.evidencePcapBase64", "evidence"),
            (5, "linkSample.inUtilisation", "observation-value"),
          ])
    func badObservation(index: Int, field: String, rule: String) async throws {
        let fixture = try await RegistryFixture()
        let agent = try await fixture.fixtureAgent()
        let link = try await fixture.link(hub: "HT").id
        var batch = (0..<6).map { Sample.linkSample("ok-\($0)", link: link, at: Sample.time(Double($0))) }
        switch index {
        case 1: batch[1] = Sample.linkSample("bad", link: link, health: "sideways")
        case 2: batch[2].observedAt = "yesterday"
        case 3: batch[3].kind = .alert
        case 4: batch[4] = Sample.alert("bad", link: link, evidence: Data("%PDF-1.7".utf8))
        default: batch[5].linkSample?.inUtilisation = 50
        }
        let refused = batch
        try await fixture.withAPI { api in
            let response = try await api.ingest(refused, as: try #require(api.tokens[.agent]))
            try response.expectProblem(.badRequest, field: "observations[\(index)].\(field)", rule: rule)
        }
        #expect(try await fixture.store.observationCounts(agentId: agent.id)
                == AgentObservationCounts(agentId: agent.id, keys: 0, linkSamples: 0, healthChanges: 0, alerts: 0,
                                          traps: 0, heartbeats: 0))
    }

    @Test("an agent cannot write another hub's links or devices: 403 naming the field, nothing stored")
    func otherHub() async throws {
        let fixture = try await RegistryFixture()
        let agent = try await fixture.fixtureAgent()
        let tonghaiLink = try await fixture.link(hub: "TH").id
        let own = try await fixture.link(hub: "HT").id
        try await fixture.withAPI { api in
            let secret = try #require(api.tokens[.agent])
            try await api.ingest([Sample.linkSample("ok", link: own), Sample.linkSample("x", link: tonghaiLink)],
                                 as: secret)
                .expectProblem(.forbidden, field: "observations[1].linkSample.linkId", rule: "agent-hub")
            try await api.ingest([Sample.linkSample("y", link: nil, device: RegistryFixture.device(ofHub: "TH"))],
                                 as: secret)
                .expectProblem(.forbidden, field: "observations[0].linkSample.device", rule: "agent-hub")
            try await api.ingest([Sample.alert("z", link: tonghaiLink)], as: secret)
                .expectProblem(.forbidden, field: "observations[0].alert.linkId", rule: "agent-hub")
        }
        #expect(try await fixture.store.observationCounts(agentId: agent.id).keys == 0)
        let state = try await fixture.store.linkState(tonghaiLink, as: .system)
        #expect(state.lastSampleAt == nil)
    }

    @Test("an ARP spoofing alert names its attacker by MAC; any other kind must name an IP address")
    func macAttackers() async throws {
        let fixture = try await RegistryFixture()
        let agent = try await fixture.fixtureAgent()
        let link = try await fixture.link(hub: "HT").id
        try await fixture.withAPI { api in
            let secret = try #require(api.tokens[.agent])
            let arp = try await api.ingest(
                [Sample.alert("arp-1", link: link, kind: "arp_spoof", attacker: "02:77:01:00:00:10")], as: secret)
            #expect(arp.status == .ok, "\(arp.text)")
            try await api.ingest(
                [Sample.alert("scan-mac", link: link, kind: "port_scan", attacker: "02:77:01:00:00:10")], as: secret)
                .expectProblem(.badRequest, field: "observations[0].alert.attacker", rule: "observation-value")
            try await api.ingest(
                [Sample.alert("arp-bad", link: link, kind: "arp_spoof", attacker: "02:77:01:00:00")], as: secret)
                .expectProblem(.badRequest, field: "observations[0].alert.attacker", rule: "observation-value")
        }
        #expect(try await fixture.store.observationCounts(agentId: agent.id).alerts == 1)
    }

    @Test("a batch of 10,000 observations is stored in one request and one transaction")
    func tenThousand() async throws {
        let fixture = try await RegistryFixture()
        let agent = try await fixture.fixtureAgent()
        let link = try await fixture.link(hub: "HT").id
        var batch: [Observation] = []
        for index in 0..<10_000 {
            let at = Sample.time(Double(index))
            if index % 100 == 0 {
                batch.append(Sample.heartbeat("hb-\(index)", at: at))
            } else {
                batch.append(Sample.linkSample("s-\(index)", link: link, at: at, inBits: Double(index)))
            }
        }
        let body = try JSONEncoder().encode(ObservationBatch(observations: batch))
        try await fixture.withAPI { api in
            let secret = try #require(api.tokens[.agent])
            let started = ContinuousClock.now
            let response = try await api.send(.post, "/api/v1/agent/observations", bearer: secret, body: body)
            let elapsed = ContinuousClock.now - started
            #expect(response.status == .ok, "\(response.text.prefix(300))")
            let ack = try response.decode(ObservationAck.self)
            #expect(ack.stored == 10_000)
            #expect(ack.keys.count == 10_000)
            print("ingest of 10,000 observations (\(body.count) bytes) in one batch: \(elapsed)")
        }
        // The same batch again, split into its parts: JSON decoding, and the checks and transaction of the store.
        let decodeStarted = ContinuousClock.now
        let decoded = try JSONDecoder().decode(ObservationBatch.self, from: body)
        let decoding = ContinuousClock.now - decodeStarted
        let other = try await RegistryFixture()
        let otherAgent = try await other.fixtureAgent()
        let storeStarted = ContinuousClock.now
        #expect(try await other.store.ingest(decoded, from: otherAgent).stored == 10_000)
        print("  of which JSON decoding \(decoding), checks and one transaction \(ContinuousClock.now - storeStarted)")
        let counts = try await fixture.store.observationCounts(agentId: agent.id)
        #expect(counts.linkSamples == 9_900)
        #expect(counts.heartbeats == 100)
        #expect(try await fixture.store.linkState(link, as: .system).inBitsPerSecond == 9_999)
    }

    @Test("a batch larger than the limit is refused as a whole")
    func tooMany() async throws {
        let fixture = try await RegistryFixture()
        let limit = RegistryFixture.configuration.agents.maxBatchObservations
        let batch = (0...limit).map { Sample.heartbeat("hb-\($0)") }
        _ = try await fixture.withAPI { api in
            try await api.ingest(batch, as: try #require(api.tokens[.agent]))
                .expectProblem(.contentTooLarge, field: "observations", rule: "batch-size")
        }
    }

    @Test("an older observation resent after a newer one adds history but does not turn the link's state back")
    func outOfOrder() async throws {
        let fixture = try await RegistryFixture()
        let link = try await fixture.link(hub: "HT").id
        try await fixture.withAPI { api in
            let secret = try #require(api.tokens[.agent])
            #expect(try await api.ingest([Sample.heartbeat("hb"),
                                          Sample.linkSample("new", link: link, health: "degraded", at: Sample.time(60))],
                                         as: secret).status == .ok)
            #expect(try await api.ingest([Sample.linkSample("old", link: link, health: "up", at: Sample.time(0))],
                                         as: secret).status == .ok)
            var state = try await fixture.store.linkState(link, as: .system)
            #expect(state.health == "degraded")
            #expect(state.since == Sample.stored(60))
            // A time with an offset is read as the instant it names (UTC+8 here, as a hub's clock may write it).
            #expect(Sample.time(120) == "2026-11-18T11:08:40Z")
            let local = "2026-11-18T19:08:40+08:00"
            #expect(try await api.ingest([Sample.linkSample("tz", link: link, health: "up", at: local)],
                                         as: secret).status == .ok)
            state = try await fixture.store.linkState(link, as: .system)
            #expect(state.health == "up")
            #expect(state.since == Sample.stored(120))
            #expect(state.lastSampleAt == Sample.stored(120))
        }
    }
}
