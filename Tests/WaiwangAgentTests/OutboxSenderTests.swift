import Foundation
import Logging
import Testing
import WaiwangAPI
import WaiwangClient

@testable import WaiwangAgent

/// A full outbox sent to the real registry by the sender service: every health change and the alert arrive, the
/// samples kept arrive, and the heartbeat tells the registry how many samples were dropped.
@Suite("Outbox sender against the real registry")
struct OutboxSenderTests {
    @Test("a full outbox drains in batches; the drops reach the registry in the heartbeat", .timeLimit(.minutes(2)))
    func fullOutboxDrains() async throws {
        try await RealRegistry.run { registry, admin in
            try await withTemporaryDirectory { state in
                _ = try await admin.createCredential(CredentialCreate(name: "c", version: "v2c", community: "x"))
                _ = try await admin.createDevice(
                    DeviceCreate(hub: "HT", name: "ht-core-s", snmpAddress: "udp:127.0.0.1:9", credential: "c"))
                let ticket = try await admin.createAgent(AgentEnrollmentCreate(hub: "HT", name: "sender"))
                let endpoint = try UplinkEndpoint(
                    url: registry.url.absoluteString, caFile: nil, allowInsecureLoopback: true)
                let credential = try await Enrollment.enroll(
                    endpoint: endpoint, token: ticket.token, stateDirectory: state, hostname: "t", force: false)
                let outbox = try Outbox(
                    path: state + "/outbox.sqlite", capacity: 100, keyPrefix: "a\(credential.agentId)")
                let now = Timestamp.rfc3339()
                for n in 0..<250 {
                    try outbox.enqueue(
                        .linkSample(
                            LinkSampleObservation(
                                device: "ht-core-s", ifName: "p\(n % 4)", linkId: nil, health: "up",
                                inBitsPerSecond: Double(n))))
                    if n % 25 == 0 {
                        try outbox.enqueue(
                            .healthChange(
                                HealthChangeObservation(
                                    device: "ht-core-s", ifName: "p\(n % 4)", linkId: nil, from: "up", to: "down",
                                    reason: "operDown(down)")))
                    }
                }
                try outbox.enqueueAlert(
                    AlertObservation(
                        alertId: "e1", state: "open", kind: "portScan", attacker: "10.1.2.3", unitId: nil,
                        linkId: nil, spoofedSource: false, targetCount: 50, targetsSample: ["10.9.0.1"],
                        ports: [22, 445], firstSeen: now, lastSeen: now, packets: 500, bytes: 30000,
                        packetsPerSecond: 50))
                let stats = AgentStats(metrics: AgentMetrics())
                let heartbeat = try HeartbeatService(
                    outbox: outbox, holder: AssignmentHolder(), stats: stats, defaultSeconds: 30,
                    logger: Logger(label: "test")
                ).heartbeat()
                try outbox.enqueue(.heartbeat(heartbeat))
                let before = try outbox.status()
                #expect(heartbeat.droppedSamples == 250 - (100 - 11))
                #expect(before.priorityDepth == 11)

                let uplink = try RegistryUplink(endpoint: endpoint, secret: credential.secret)
                let sender = OutboxSender(
                    outbox: outbox, uplink: uplink, batchSize: 25, backoffCap: 2, stats: stats,
                    logger: Logger(label: "test"))
                let running = Task { try await sender.run() }
                let clock = ContinuousClock()
                let deadline = clock.now + .seconds(30)
                while try outbox.status().depth > 0, clock.now < deadline {
                    try await Task.sleep(for: .milliseconds(50))
                }
                running.cancel()
                _ = await running.result
                await uplink.shutdown()

                #expect(try outbox.status().depth == 0)
                let counts = try await admin.agentObservationCounts(agent: credential.agentId)
                #expect(counts.keys == before.depth)
                #expect(counts.healthChanges == 10)
                #expect(counts.alerts == 1)
                #expect(counts.heartbeats == 1)
                let view = try await admin.agents(hub: "HT").first { $0.id == credential.agentId }
                #expect(view?.droppedSamples == heartbeat.droppedSamples)
                print(
                    "full outbox: \(before.depth) kept (\(before.priorityDepth) priority), "
                        + "\(heartbeat.droppedSamples) samples dropped and reported, \(counts.keys) stored")
                try outbox.close()
            }
        }
    }
}
