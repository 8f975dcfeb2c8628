import Foundation
import Synchronization
import Testing
import WaiwangAPI

@testable import WaiwangAgent

@Suite("Assignment cache and holder")
struct AssignmentCacheTests {
    static func assignment(version: String, devices: Int = 1) -> AgentAssignment {
        AgentAssignment(
            version: version, agentId: 7, hub: "HT", pollIntervalSeconds: 30, heartbeatIntervalSeconds: 30,
            devices: (0..<devices).map { n in
                AssignedDevice(
                    name: "ht-core-\(n)", snmpAddress: "udp:127.0.0.1:\(16100 + n)",
                    credential: AssignedCredential(version: "v2c", community: "secret"),
                    ports: [AssignedPort(ifName: "lo", linkId: 1, unitIds: [1, 2])])
            },
            capture: [AssignedCapture(interface: "eth1", linkId: 1)],
            watch: WatchAssignment(
                units: [.init(id: "1", name: "unit", prefixes: ["10.1.0.0/24"], link: "1")],
                links: [.init(id: "1", units: ["1"])], allow: ["10.0.0.5/32"]))
    }

    @Test("the last good assignment round-trips through disk with mode 0600")
    func roundTrip() async throws {
        try await withTemporaryDirectory { dir in
            let cache = AssignmentCache(stateDirectory: dir)
            #expect(cache.load() == nil)
            let first = Self.assignment(version: "v1")
            try cache.save(first)
            #expect(cache.load() == first)
            let second = Self.assignment(version: "v2", devices: 3)
            try cache.save(second)
            #expect(cache.load() == second)
            let mode = try FileManager.default.attributesOfItem(atPath: cache.path)[.posixPermissions] as? Int
            #expect(mode == 0o600)
            let leftovers = try FileManager.default.contentsOfDirectory(atPath: dir).filter { $0.contains(".tmp-") }
            #expect(leftovers.isEmpty)
        }
    }

    @Test("a new assignment is applied once and reaches the detectors' observer")
    func holder() {
        let holder = AssignmentHolder()
        let seen = SeenVersions()
        holder.apply(Self.assignment(version: "v1"))
        holder.onChange { seen.add($0.version) }
        holder.apply(Self.assignment(version: "v1"))
        holder.apply(Self.assignment(version: "v2"))
        #expect(seen.versions == ["v1", "v2"])
        #expect(holder.generation == 2)
    }

    @Test("assigned credentials become SNMP targets")
    func targets() throws {
        let device = Self.assignment(version: "v1").devices[0]
        #expect(try device.target().address == "udp:127.0.0.1:16100")
        let v3 = AssignedCredential(
            version: "v3", user: "ops", authProtocol: "SHA-256", authPassphrase: "authpass1234", privProtocol: "AES",
            privPassphrase: "privpass1234")
        #expect(throws: Never.self) { try v3.snmpCredentials() }
        #expect(throws: (any Error).self) { try AssignedCredential(version: "v9").snmpCredentials() }
    }
}

final class SeenVersions: Sendable {
    private let list = Mutex<[String]>([])
    func add(_ version: String) { list.withLock { $0.append(version) } }
    var versions: [String] { list.withLock { $0 } }
}
