import Foundation
import Testing
import WaiwangAPI
import WaiwangCore
import WaiwangStore

/// Faults of a hub become incidents from the link state and heartbeats its agent reports, and close when they clear.
@Suite("Fault incidents")
struct FaultIncidentTests {
    static func heartbeat(_ key: String, unreachable: Int) -> Observation {
        Observation(key: key, kind: .heartbeat, observedAt: Sample.time(0, from: Date()),
                    heartbeat: HeartbeatObservation(version: "test", uptimeSeconds: 10, assignmentVersion: nil,
                                                    outboxDepth: 0, droppedSamples: 0, pollsCompleted: 1,
                                                    devicesUnreachable: unreachable, capturePackets: 0, captureDrops: 0))
    }

    @Test("links down and an unreachable device at a hub open fault incidents; recovery closes them")
    func hubFaults() async throws {
        var policy = RegistryFixture.incidentPolicy
        policy.faultMinLinksDown = 1
        let fixture = try await RegistryFixture(incidentPolicy: policy)
        let log = EscalationLog()
        fixture.store.onEscalation = log.hook
        let agent = try await fixture.fixtureAgent()
        let link = try await fixture.link(hub: "HT").id
        _ = try await fixture.store.ingest(ObservationBatch(observations: [
            Sample.healthChange("down-1", link: link, at: Sample.time(0, from: Date())),
            Self.heartbeat("hb-1", unreachable: 1),
        ]), from: agent)
        #expect(try await fixture.store.foldFaults() == 2)
        var incidents = try await fixture.store.listIncidents(IncidentFilter(state: "open"), as: .system).items
        #expect(Set(incidents.map(\.kind)) == ["links_down", "device_unreachable"])
        #expect(incidents.allSatisfy { $0.unit == nil && $0.divisionCode == "530402" })
        #expect(Set(log.cases.map(\.kind)) == [.linksDown, .deviceUnreachable])
        // Nothing new: nothing written.
        #expect(try await fixture.store.foldFaults() == 0)

        _ = try await fixture.store.ingest(ObservationBatch(observations: [
            Sample.healthChange("up-1", link: link, from: "down", to: "up", at: Sample.time(5, from: Date())),
            Self.heartbeat("hb-2", unreachable: 0),
        ]), from: agent)
        #expect(try await fixture.store.foldFaults() == 2)
        incidents = try await fixture.store.listIncidents(IncidentFilter(), as: .system).items
        #expect(incidents.allSatisfy { $0.state == "closed" })
        // The close reaches the escalation like any other (handling ended: the summary report is due).
        let closings = log.cases.filter { $0.handlingEndedAt != nil }
        #expect(Set(closings.map(\.kind)) == [.linksDown, .deviceUnreachable])
    }
}
