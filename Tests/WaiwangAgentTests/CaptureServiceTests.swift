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
    /// SYNs to 30 ports from 10.77.1.10 (the unit's prefix) sent into one end of a veth pair made for the test; the
    /// service captures the other end, as it would a mirror port.
    @Test(
        "a scan captured live becomes a port_scan alert of the right unit, opened and closed with its evidence",
        .enabled(if: getuid() == 0, "live capture and veth pairs need root"), .timeLimit(.minutes(1)))
    func scanOnVeth() async throws {
        let name = "wwc\(getpid() % 100_000)"
        guard Self.ip(["link", "add", name + "a", "type", "veth", "peer", "name", name + "b"]) else {
            throw TestFailure("cannot make the veth pair \(name)a/\(name)b")
        }
        defer { _ = Self.ip(["link", "del", name + "a"]) }
        _ = Self.ip(["link", "set", name + "a", "up"])
        _ = Self.ip(["link", "set", name + "b", "up"])
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
                    devices: [], capture: [AssignedCapture(interface: name + "b", linkId: 3, filter: "tcp")],
                    watch: WatchAssignment(
                        units: [.init(id: "7", name: "测试单位", prefixes: ["10.77.1.0/24"], link: "3")],
                        links: [.init(id: "3", units: ["7"])], allow: [])))
            let running = Task { try await service.run() }
            // The capture opens on its own thread once the service has read the assignment, which can take more
            // than a second on a loaded machine: the scan is sent again every 2 s until the alert has opened.
            var alerts: [AlertObservation] = []
            var lastSent: ContinuousClock.Instant?
            for _ in 0..<400 where !alerts.contains(where: { $0.state == "closed" }) {
                if !alerts.contains(where: { $0.kind == "port_scan" }),
                    lastSent.map({ ContinuousClock.now - $0 > .seconds(2) }) ?? true
                {
                    try Self.sendSYNs(on: name + "a", from: [10, 77, 1, 10], to: [10, 252, 0, 1], ports: 1000..<1030)
                    lastSent = ContinuousClock.now
                }
                try await Task.sleep(for: .milliseconds(100))
                alerts = try outbox.nextBatch(limit: 100).compactMap(\.alert)
            }
            running.cancel()
            try await running.value

            let scans = alerts.filter { $0.kind == "port_scan" }
            #expect(scans.first?.state == "open")
            let closed = try #require(scans.last { $0.state == "closed" })
            #expect(closed.attacker == "10.77.1.10" && closed.unitId == "7" && closed.linkId == "3")
            #expect(closed.ports.count >= 15 && !closed.spoofedSource)
            let pcap = try #require(closed.evidencePcapBase64.flatMap { Data(base64Encoded: $0) })
            #expect(pcap.count > 24)
            #expect(stats.snapshot.packets >= 30, "the 30 SYNs were counted")
        }
    }

    /// Runs `ip ARGS`; whether it succeeded.
    static func ip(_ arguments: [String]) -> Bool {
        let process = Process()
        process.executableURL = URL(fileURLWithPath: "/usr/sbin/ip")
        process.arguments = arguments
        guard (try? process.run()) != nil else { return false }
        process.waitUntilExit()
        return process.terminationStatus == 0
    }

    /// Writes one Ethernet/IPv4/TCP SYN frame per port onto `interface` through an AF_PACKET socket.
    static func sendSYNs(on interface: String, from source: [UInt8], to target: [UInt8], ports: Range<Int>) throws {
        let fd = socket(AF_PACKET, Int32(SOCK_RAW.rawValue), Int32(UInt16(3).bigEndian))  // ETH_P_ALL
        guard fd >= 0 else { throw TestFailure("no AF_PACKET socket: errno \(errno)") }
        defer { close(fd) }
        // struct sockaddr_ll (linux/if_packet.h, not in Glibc's module): family, protocol, ifindex, hatype,
        // pkttype, halen, addr[8] — 20 bytes, host order but for the protocol.
        var address = [UInt8](repeating: 0, count: 20)
        withUnsafeBytes(of: UInt16(AF_PACKET)) { address.replaceSubrange(0..<2, with: $0) }
        withUnsafeBytes(of: Int32(if_nametoindex(interface))) { address.replaceSubrange(4..<8, with: $0) }
        address[11] = 6
        for port in ports {
            var ip: [UInt8] = [0x45, 0, 0, 40, 0, 1, 0x40, 0, 64, 6, 0, 0] + source + target
            var sum = stride(from: 0, to: 20, by: 2).reduce(UInt32(0)) { $0 + (UInt32(ip[$1]) << 8 | UInt32(ip[$1 + 1])) }
            while sum > 0xFFFF { sum = (sum & 0xFFFF) + (sum >> 16) }
            ip[10] = UInt8(~sum >> 8 & 0xFF)
            ip[11] = UInt8(~sum & 0xFF)
            let tcp: [UInt8] = [0xC3, 0x50, UInt8(port >> 8), UInt8(port & 0xFF), 0, 0, 0, 1, 0, 0, 0, 0, 0x50, 0x02,
                0x04, 0x00, 0, 0, 0, 0]
            let frame: [UInt8] = [2, 0, 0, 0, 0, 2, 2, 0, 0, 0, 0, 1, 0x08, 0x00] + ip + tcp
            let sent = frame.withUnsafeBytes { bytes in
                address.withUnsafeBytes {
                    sendto(
                        fd, bytes.baseAddress, bytes.count, 0, $0.baseAddress?.assumingMemoryBound(to: sockaddr.self),
                        socklen_t(20))
                }
            }
            guard sent == frame.count else { throw TestFailure("sendto on \(interface): errno \(errno)") }
        }
    }
}
