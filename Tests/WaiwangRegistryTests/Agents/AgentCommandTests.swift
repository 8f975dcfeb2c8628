import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WaiwangAPI
import WaiwangCore
import WaiwangStore

/// Commands down: queued by admin or security, long-polled by the agent, delivered until their result, ended once.
@Suite("Agent commands")
struct AgentCommandTests {
    static let shutdown = AgentCommandCreate(
        kind: .portShutdown, device: RegistryFixture.device(ofHub: "HT"), ifName: RegistryFixture.samplePort,
        deadlineSeconds: 20)

    @Test("a long poll waiting 20 s returns as soon as a command is queued, not at the end of its wait")
    func longPollWakes() async throws {
        let fixture = try await RegistryFixture()
        let agent = try await fixture.fixtureAgent()
        try await fixture.withAPI { api in
            let secret = try #require(api.tokens[.agent])
            let empty = try await api.send(.get, "/api/v1/agent/commands?wait=0", bearer: secret)
            #expect(try empty.decode([AgentCommand].self).isEmpty)

            async let polled = api.send(.get, "/api/v1/agent/commands?wait=20", bearer: secret)
            try await Task.sleep(for: .milliseconds(400))
            let queuedAt = ContinuousClock.now
            let queued = try await api.send(.post, "/api/v1/agents/\(agent.id)/commands", as: .security,
                                            json: Self.shutdown)
            #expect(queued.status == .created, "\(queued.text)")
            let command = try queued.decode(AgentCommandView.self).command
            let response = try await polled
            let waited = ContinuousClock.now - queuedAt
            #expect(try response.decode([AgentCommand].self) == [command])
            // Woken, not timed out: the bound is far below the 20 s wait and loose enough for a loaded machine
            // (the wake-up takes milliseconds; the figure is printed).
            #expect(waited < .seconds(5), "the poll woke \(waited) after the command was queued")
            print("long poll woke \(waited) after the command was queued")
        }
    }

    @Test("a command queued by another process on the same database reaches a waiting poll within a second or so")
    func otherProcess() async throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "waiwang-poll-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        let path = directory.appending(path: "registry.sqlite").path
        let serving = try RegistryStore(path: path, tree: RegistryFixture.tree)
        _ = try await serving.createDevice(
            DeviceCreate(hub: "HT", name: Self.shutdown.device, snmpAddress: "udp:10.53.1.1:161"), as: .system)
        let credential = try await RegistryFixture.enrollAgent(hub: "HT", in: serving)
        let agent = try #require(try await serving.enrolledAgent(forToken: credential.secret))
        let other = try RegistryStore(path: path, tree: RegistryFixture.tree)

        async let polled = serving.pendingAgentCommands(for: agent, wait: .seconds(15))
        try await Task.sleep(for: .milliseconds(300))
        let queuedAt = ContinuousClock.now
        let command = try await other.queueAgentCommand(Self.shutdown, agentId: agent.id, as: .system).command
        #expect(try await polled == [command])
        let waited = ContinuousClock.now - queuedAt
        #expect(waited < .seconds(4), "found \(waited) after another process queued it")
    }

    @Test("a command is delivered until its result comes; the result is stored once; the list shows its status")
    func resultOnce() async throws {
        let fixture = try await RegistryFixture()
        let agent = try await fixture.fixtureAgent()
        let view = try await fixture.store.queueAgentCommand(Self.shutdown, agentId: agent.id, as: .system)
        #expect(view.status == .queued)
        let id = view.command.id
        try await fixture.withAPI { api in
            let secret = try #require(api.tokens[.agent])
            for _ in 0..<2 {
                let pending = try await api.send(.get, "/api/v1/agent/commands", bearer: secret)
                #expect(try pending.decode([AgentCommand].self).map(\.id) == [id])
            }
            let delivered = try await api.fetch([AgentCommandView].self, "/api/v1/agents/\(agent.id)/commands")
            #expect(delivered.map(\.status) == [.delivered])

            let result = AgentCommandResult(id: id, outcome: .confirmed, adminStatus: "down", operStatus: "down",
                                            message: "ifAdminStatus down(2) read back", finishedAt: "2026-11-27T04:00:05Z")
            let stored = try await api.send(.post, "/api/v1/agent/commands/\(id)/result", bearer: secret, json: result)
            #expect(stored.status == .ok, "\(stored.text)")
            #expect(try stored.decode(AgentCommandView.self).status == .confirmed)
            // The same result again (a lost answer) is fine; a different one is a conflict.
            #expect(try await api.send(.post, "/api/v1/agent/commands/\(id)/result", bearer: secret, json: result)
                .status == .ok)
            var other = result
            other.outcome = .failed
            try await api.send(.post, "/api/v1/agent/commands/\(id)/result", bearer: secret, json: other)
                .expectProblem(.conflict, field: "id", rule: "command-result-once")

            let after = try await api.send(.get, "/api/v1/agent/commands", bearer: secret)
            #expect(try after.decode([AgentCommand].self).isEmpty)
            let listed = try await api.fetch([AgentCommandView].self, "/api/v1/agents/\(agent.id)/commands",
                                             as: .auditor)
            #expect(listed.map(\.status) == [.confirmed])
            #expect(listed.first?.result?.adminStatus == "down")
            #expect(listed.first?.issuedBy == "system")

            // Another agent cannot end this agent's command.
            let tonghai = try await RegistryFixture.enrollAgent(hub: "TH", in: fixture.store)
            try await api.send(.post, "/api/v1/agent/commands/\(id)/result", bearer: tonghai.secret, json: result)
                .expectProblem(.notFound, field: "id")
        }
        let actions = try await fixture.store.auditEntries(limit: 10_000, entity: "agentCommand").map(\.action)
        #expect(actions == ["command.queue", "command.result"])
    }

    @Test("only admin and security queue, only for a device of the agent's hub; by link id for isolation")
    func queueing() async throws {
        let fixture = try await RegistryFixture()
        let agent = try await fixture.fixtureAgent()
        try await fixture.withAPI { api in
            try await api.send(.post, "/api/v1/agents/\(agent.id)/commands", as: .hongta, json: Self.shutdown)
                .expectProblem(.forbidden, rule: "role-scope")
            var elsewhere = Self.shutdown
            elsewhere.device = RegistryFixture.device(ofHub: "TH")
            try await api.send(.post, "/api/v1/agents/\(agent.id)/commands", as: .admin, json: elsewhere)
                .expectProblem(.badRequest, field: "device", rule: "agent-hub")
            var late = Self.shutdown
            late.deadlineSeconds = 0
            try await api.send(.post, "/api/v1/agents/\(agent.id)/commands", as: .admin, json: late)
                .expectProblem(.badRequest, field: "deadlineSeconds")
            try await api.send(.post, "/api/v1/agents/9999/commands", as: .admin, json: Self.shutdown)
                .expectProblem(.notFound, field: "agent")
        }
        let link = try await fixture.link(hub: "HT")
        let view = try await fixture.store.queuePortCommand(.portRestore, link: link.id, as: .system)
        #expect(view.agentId == agent.id)
        #expect(view.command.device == link.hubDevice)
        #expect(view.command.ifName == link.port)
        #expect(view.command.kind == .portRestore)
    }
}
