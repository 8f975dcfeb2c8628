import Foundation
import Logging
import Testing
import WaiwangAPI
import WaiwangCapture

@testable import WaiwangAgent

#if canImport(Glibc)
    import Glibc
#endif

@Suite("Capture service: live libpcap, detectors, alerts into the outbox", .serialized)
struct CaptureServiceTests {
    /// A real port scan on loopback: 127.0.0.2 (the unit's prefix) connects to 40 closed ports of 127.0.0.1.
    @Test(
        "a scan captured live becomes a port_scan alert of the right unit, opened and closed with its evidence",
        .enabled(if: getuid() == 0, "live capture needs CAP_NET_RAW (root)"), .timeLimit(.minutes(1)))
    func scanOnLoopback() async throws {
        try await withTemporaryDirectory { dir in
            let outbox = try Outbox(path: dir + "/o.sqlite", capacity: 1000, keyPrefix: "a1")
            let holder = AssignmentHolder()
            let stats = AgentStats(metrics: AgentMetrics())
            var policy = DetectionPolicy()
            policy.episodes.idleTimeoutSeconds = 1
            let service = CaptureService(
                holder: holder, outbox: outbox, stats: stats, settings: CaptureSettings(policy: policy),
                evidenceDirectory: URL(fileURLWithPath: dir + "/evidence"), logger: Logger(label: "test"))
            holder.apply(
                AgentAssignment(
                    version: "1", agentId: 1, hub: "HT", pollIntervalSeconds: 30, heartbeatIntervalSeconds: 30,
                    devices: [], capture: [AssignedCapture(interface: "lo", linkId: 3, filter: "host 127.0.0.2")],
                    watch: WatchAssignment(
                        units: [.init(id: "7", name: "回环测试单位", prefixes: ["127.0.0.2/32"], link: "3")],
                        links: [.init(id: "3", units: ["7"])], allow: [])))
            let running = Task { try await service.run() }
            try await Task.sleep(for: .seconds(1))
            for port in 40_100..<40_140 { Self.connect(from: "127.0.0.2", to: "127.0.0.1", port: UInt16(port)) }

            var alerts: [AlertObservation] = []
            for _ in 0..<100 where !alerts.contains(where: { $0.state == "closed" }) {
                try await Task.sleep(for: .milliseconds(100))
                alerts = try outbox.nextBatch(limit: 100).compactMap(\.alert)
            }
            running.cancel()
            try await running.value

            let scans = alerts.filter { $0.kind == "port_scan" }
            #expect(scans.first?.state == "open")
            let closed = try #require(scans.last { $0.state == "closed" })
            #expect(closed.attacker == "127.0.0.2" && closed.unitId == "7" && closed.linkId == "3")
            #expect(closed.ports.count >= 15 && !closed.spoofedSource)
            let pcap = try #require(closed.evidencePcapBase64.flatMap { Data(base64Encoded: $0) })
            #expect(pcap.count > 24)
            #expect(stats.snapshot.packets >= 80, "SYN and RST of 40 ports were counted")
        }
    }

    /// A TCP connect from `source` to a (closed) port: a SYN answered by a RST.
    static func connect(from source: String, to destination: String, port: UInt16) {
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { return }
        defer { close(fd) }
        func address(_ text: String, _ port: UInt16) -> sockaddr_in {
            var address = sockaddr_in()
            address.sin_family = sa_family_t(AF_INET)
            address.sin_port = port.bigEndian
            inet_pton(AF_INET, text, &address.sin_addr)
            return address
        }
        var local = address(source, 0)
        var remote = address(destination, port)
        let size = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafePointer(to: &local) { $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, size) } }
        _ = withUnsafePointer(to: &remote) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { Glibc.connect(fd, $0, size) }
        }
    }
}
