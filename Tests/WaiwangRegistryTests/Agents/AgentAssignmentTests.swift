import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WaiwangAPI
import WaiwangCore
import WaiwangStore

/// `GET /api/v1/agent/assignment`: computed from the registry, versioned by content, confined to the agent's hub.
@Suite("Agent assignment")
struct AgentAssignmentTests {
    /// A second 红塔区 device with SNMPv3 credentials and a backup link of the 红塔区 unit on it.
    static func addPolledDevice(_ fixture: RegistryFixture) async throws -> LinkView {
        _ = try await fixture.store.createCredential(
            CredentialCreate(name: "ht-v3", version: "v3", user: "waiwang", authProtocol: "SHA",
                             authPassphrase: "auth-secret-1", privProtocol: "AES", privPassphrase: "priv-secret-1"),
            as: .system)
        _ = try await fixture.store.createDevice(
            DeviceCreate(hub: "HT", name: "HT-AGG-02", snmpAddress: "udp:10.53.1.2:161", credential: "ht-v3"),
            as: .system)
        var link = RegistryFixture.link(units: [RegistryFixture.hongtaCode], port: "GigabitEthernet0/0/2", backup: true)
        link.hubDevice = "HT-AGG-02"
        return try await fixture.store.createLink(link, as: .system)
    }

    @Test("the assignment lists the hub's polled devices with secrets, ports with links and units, and the watch")
    func content() async throws {
        let fixture = try await RegistryFixture()
        let backup = try await Self.addPolledDevice(fixture)
        let primary = try await fixture.link(hub: "HT")
        let unit = try await fixture.unit(RegistryFixture.hongtaCode)
        let assignment = try await fixture.withAPI { api in
            try await api.fetch(AgentAssignment.self, "/api/v1/agent/assignment", as: .agent)
        }
        let policy = RegistryFixture.configuration.agents
        #expect(assignment.hub == "HT")
        #expect(assignment.pollIntervalSeconds == policy.pollIntervalSeconds)
        #expect(assignment.heartbeatIntervalSeconds == policy.heartbeatIntervalSeconds)
        // HT-AGG-01 has no credential, so the agent could not poll it.
        #expect(assignment.devices.map(\.name) == ["HT-AGG-02"])
        let device = try #require(assignment.devices.first)
        #expect(device.snmpAddress == "udp:10.53.1.2:161")
        #expect(device.credential == AssignedCredential(version: "v3", user: "waiwang", authProtocol: "SHA",
                                                        authPassphrase: "auth-secret-1", privProtocol: "AES",
                                                        privPassphrase: "priv-secret-1"))
        #expect(device.ports == [AssignedPort(ifName: "GigabitEthernet0/0/2", linkId: backup.id, unitIds: [unit.id])])
        #expect(assignment.watch.units == [WatchAssignment.Unit(id: String(unit.id), name: unit.name,
                                                                prefixes: ["10.1.2.0/24"], link: String(primary.id))])
        #expect(Set(assignment.watch.links.map(\.id)) == [String(primary.id), String(backup.id)])
        #expect(assignment.watch.allow == policy.allow + (policy.hubs["HT"]?.allow ?? []))
        #expect(assignment.capture.isEmpty)
        #expect(assignment.version.hasPrefix("a1-"))
    }

    @Test("the version is the ETag: If-None-Match answers 304 without a body until the registry changes")
    func etag() async throws {
        let fixture = try await RegistryFixture()
        try await fixture.withAPI { api in
            let first = try await api.get("/api/v1/agent/assignment", as: .agent)
            let version = try first.decode(AgentAssignment.self).version
            #expect(first.headers[.eTag] == "\"\(version)\"")
            let again = try await api.fetch(AgentAssignment.self, "/api/v1/agent/assignment", as: .agent)
            #expect(again.version == version, "the same registry gives the same version")

            let token = try #require(api.tokens[.agent])
            for header in ["\"\(version)\"", version, "W/\"\(version)\"", "\"other\", \"\(version)\""] {
                let cached = try await api.send(.get, "/api/v1/agent/assignment", bearer: token,
                                                headers: [.ifNoneMatch: header])
                #expect(cached.status == .notModified, "If-None-Match: \(header)")
                #expect(cached.body.readableBytes == 0)
                #expect(cached.headers[.eTag] == "\"\(version)\"")
            }

            _ = try await fixture.store.createPrefix(
                PrefixCreate(unit: RegistryFixture.hongtaCode, cidr: "10.1.3.0/24"), as: .system)
            let changed = try await api.send(.get, "/api/v1/agent/assignment", bearer: token,
                                             headers: [.ifNoneMatch: "\"\(version)\""])
            #expect(changed.status == .ok)
            let assignment = try changed.decode(AgentAssignment.self)
            #expect(assignment.version != version)
            #expect(assignment.watch.units.first?.prefixes == ["10.1.2.0/24", "10.1.3.0/24"])
        }
    }

    @Test("an agent gets its own hub only: another hub's agent sees none of 红塔区, and its version differs")
    func otherHub() async throws {
        let fixture = try await RegistryFixture()
        _ = try await Self.addPolledDevice(fixture)
        let tonghai = try await RegistryFixture.enrollAgent(hub: "TH", in: fixture.store)
        try await fixture.withAPI { api in
            let mine = try await api.fetch(AgentAssignment.self, "/api/v1/agent/assignment", as: .agent)
            let response = try await api.send(.get, "/api/v1/agent/assignment", bearer: tonghai.secret)
            let theirs = try response.decode(AgentAssignment.self)
            #expect(theirs.hub == "TH")
            #expect(theirs.devices.isEmpty)
            let tonghaiUnit = try await fixture.unit(RegistryFixture.tonghaiCode)
            #expect(theirs.watch.units.map(\.id) == [String(tonghaiUnit.id)])
            #expect(!theirs.watch.units.contains { mine.watch.units.map(\.id).contains($0.id) })
            #expect(theirs.version != mine.version)
            // Agents do not read the registry's other endpoints.
            try await api.send(.get, "/api/v1/credentials", bearer: tonghai.secret).expectProblem(.forbidden)
            try await api.send(.get, "/api/v1/agents", bearer: tonghai.secret).expectProblem(.forbidden)
        }
    }
}
