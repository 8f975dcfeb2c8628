import Foundation
import Logging
import Testing
import WaiwangAPI
import WaiwangClient

@testable import WaiwangAgent

/// The agent's side of the protocol against the real registry process: enrolment, the assignment and its 304,
/// a batch acknowledged and the same batch resent (stored once), a command executed once and its result stored.
@Suite("Against the real registry", .serialized)
struct RegistryConversationTests {
    @Test(
        "enrol, fetch the assignment (then 304), send and resend a batch, run a command once", .timeLimit(.minutes(2)))
    func conversation() async throws {
        try await RealRegistry.run { registry, admin in
            try await withTemporaryDirectory { state in
                _ = try await admin.createCredential(CredentialCreate(name: "c", version: "v2c", community: "private"))
                let unusedPort = try RealRegistry.freeTCPPort()
                _ = try await admin.createDevice(
                    DeviceCreate(
                        hub: "HT", name: "ht-core-t", snmpAddress: "udp:127.0.0.1:\(unusedPort)", credential: "c"))
                let ticket = try await admin.createAgent(AgentEnrollmentCreate(hub: "HT", name: "test"))
                let endpoint = try UplinkEndpoint(
                    url: registry.url.absoluteString, caFile: nil, allowInsecureLoopback: true)

                // Enrolment: credential 0600; a second enrolment is refused before it spends anything.
                let credential = try await Enrollment.enroll(
                    endpoint: endpoint, token: ticket.token, stateDirectory: state, hostname: "t", force: false)
                #expect(credential.hub == "HT")
                let store = CredentialStore(stateDirectory: state)
                #expect(
                    (try FileManager.default.attributesOfItem(atPath: store.path)[.posixPermissions] as? Int) == 0o600)

                let uplink = try RegistryUplink(endpoint: endpoint, secret: credential.secret)
                let metrics = AgentMetrics()
                let stats = AgentStats(metrics: metrics)
                let holder = AssignmentHolder()
                let cache = AssignmentCache(stateDirectory: state)
                let assignment = AssignmentService(
                    uplink: uplink, cache: cache, holder: holder, refreshSeconds: 30, backoffCap: 5, stats: stats,
                    logger: Logger(label: "test"))

                // The assignment: applied and cached; asked again with its ETag, 304 and nothing changes.
                try await assignment.refresh()
                let current = try #require(holder.current)
                #expect(current.devices.map(\.name) == ["ht-core-t"])
                #expect(cache.load() == current)
                #expect(try await uplink.assignment(ifNoneMatch: current.version) == .unchanged)
                try await assignment.refresh()
                #expect(holder.generation == 1)

                // A batch acknowledged, deleted; the same batch again is stored once (all duplicates).
                let outbox = try Outbox(
                    path: state + "/outbox.sqlite", capacity: 1000, keyPrefix: "a\(credential.agentId)")
                try outbox.enqueue(.trap(TrapObservation(device: "ht-core-t", trap: "linkDown", ifIndex: 3)))
                try outbox.enqueue(
                    .healthChange(
                        HealthChangeObservation(
                            device: "ht-core-t", ifName: "ge-0/0/3", linkId: nil, from: "up", to: "down",
                            reason: "operDown(down)")))
                HeartbeatService(
                    outbox: outbox, holder: holder, stats: stats, defaultSeconds: 30, logger: Logger(label: "test")
                ).beat()
                let batch = try outbox.nextBatch(limit: 10)
                #expect(batch.first?.kind == .healthChange)
                let ack = try await uplink.send(ObservationBatch(observations: batch))
                #expect(ack.stored == 3 && ack.duplicates == 0)
                #expect(try outbox.acknowledge(ack.keys) == 3)
                #expect(try outbox.status().depth == 0)
                let again = try await uplink.send(ObservationBatch(observations: batch))
                #expect(again.stored == 0 && again.duplicates == 3)
                #expect(Set(again.keys) == Set(batch.map(\.key)))

                // A command: taken, executed once (the device does not answer: failed), its result stored.
                let view = try await admin.queueAgentCommand(
                    agent: credential.agentId,
                    AgentCommandCreate(kind: .portShutdown, device: "ht-core-t", ifName: "ge-0/0/3", deadlineSeconds: 2)
                )
                let service = CommandService(
                    uplink: uplink, journal: CommandJournal(outbox),
                    executor: PortCommandExecutor(timeout: .milliseconds(300), retries: 0), holder: holder,
                    waitSeconds: 1, backoffCap: 5, stats: stats, logger: Logger(label: "test"))
                let commands = try await uplink.commands(wait: 1)
                #expect(commands.map(\.id) == [view.command.id])
                for command in commands { try await service.handle(command) }
                // Delivered again (as after a lost answer): the journal refuses a second execution.
                for command in commands { try await service.handle(command) }
                #expect(try CommandJournal(outbox).state(of: view.command.id) == "reported")
                #expect(try await uplink.commands(wait: 0).isEmpty)
                let stored = try await admin.agentCommands(agent: credential.agentId)
                #expect(stored.first?.status == .failed)
                #expect(stored.first?.result?.id == view.command.id)
                try outbox.close()
                await uplink.shutdown()
            }
        }
    }
}
