import Foundation
import Synchronization
import Testing
import WaiwangCapture
import WaiwangCore

#if canImport(Glibc)
    import Glibc
#endif

/// Live capture on the loopback interface: UDP datagrams sent to 127.0.0.1 on a port chosen for
/// the test, captured with a filter naming that port. Nothing is created or moved, so the test
/// touches no interface but `lo`; it needs root (CAP_NET_RAW) and skips otherwise.
@Suite("Live capture on the loopback", .enabled(if: getuid() == 0, "live capture needs root (CAP_NET_RAW); skipped"))
struct LiveCaptureTests {
    /// A port in the dynamic range unlikely to be in use by anything else.
    static func testPort() -> UInt16 {
        UInt16.random(in: 40_000...59_999)
    }

    /// Sends `count` datagrams of `size` bytes to 127.0.0.1:`port`.
    static func sendUDP(to port: UInt16, count: Int, size: Int = 32) {
        let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
        precondition(fd >= 0, "socket() failed")
        defer { close(fd) }
        var address = sockaddr_in()
        address.sin_family = sa_family_t(AF_INET)
        address.sin_port = port.bigEndian
        address.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let payload = [UInt8](repeating: 0x57, count: size)
        for _ in 0..<count {
            _ = withUnsafePointer(to: &address) { pointer in
                pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) { socketAddress in
                    sendto(fd, payload, payload.count, 0, socketAddress, socklen_t(MemoryLayout<sockaddr_in>.size))
                }
            }
        }
    }

    /// Polls `condition` every 20 ms until it holds or `seconds` pass.
    static func waitUntil(seconds: Double, _ condition: () -> Bool) async throws {
        let deadline = ContinuousClock.now + .milliseconds(Int(seconds * 1000))
        while !condition(), ContinuousClock.now < deadline {
            try await Task.sleep(for: .milliseconds(20))
        }
    }

    /// Block mode (the default, 10 ms) must hand over a block that never fills, and immediate mode (0) too.
    @Test(
        "the callback sees every datagram, decoded as UDP to the port; counters are published",
        arguments: [LiveCaptureConfiguration.defaultBatchMilliseconds, 0])
    func callbackOnCaptureThread(batchMilliseconds: Int) async throws {
        let port = Self.testPort()
        let capture = try LiveCapture(
            configuration: LiveCaptureConfiguration(
                interface: "lo", batchMilliseconds: batchMilliseconds, promiscuous: false,
                filter: "udp and dst port \(port)"))
        #expect(capture.linkType == .ethernet)
        let seen = PacketLog()
        let linkType = capture.linkType
        var decoder = PacketDecoder(linkType: linkType)
        try capture.start { bytes, time, wireLength in
            if let packet = decoder.decode(bytes, timestampNanoseconds: time, wireLength: wireLength) {
                seen.append(packet)
            }
        }
        Self.sendUDP(to: port, count: 50)
        try await Self.waitUntil(seconds: 5) { seen.count >= 50 }
        let statistics = await capture.stop()
        let packets = seen.all
        #expect(packets.count == 50)
        #expect(capture.isFinished)
        #expect(capture.failure == nil)
        let now = Int64(Date().timeIntervalSince1970 * 1e9)
        for packet in packets {
            #expect(
                packet.network
                    == .ip(
                        source: IPAddress("127.0.0.1")!, destination: IPAddress("127.0.0.1")!,
                        transport: .udp(sourcePort: sourcePort(packet), destinationPort: port), payloadLength: 40))
            #expect(abs(now - packet.timestampNanoseconds) < 60_000_000_000)
        }
        #expect(statistics.received >= 50)
        #expect(statistics.delivered == 50)
        #expect(statistics.dropped == 0)
        #expect(statistics.consumerDropped == 0)
    }

    private func sourcePort(_ packet: DecodedPacket) -> UInt16 {
        if case .ip(_, _, .udp(let source, _), _) = packet.network { return source }
        return 0
    }

    @Test("the AsyncStream consumer receives decoded batches and the stream ends at stop")
    func decodedBatches() async throws {
        let port = Self.testPort()
        let capture = try LiveCapture(
            configuration: LiveCaptureConfiguration(
                interface: "lo", snapshotLength: 128, promiscuous: false, filter: "udp and dst port \(port)"))
        let stream = try capture.decodedBatches()
        Self.sendUDP(to: port, count: 200, size: 512)
        var received = 0
        var last: DecodeStatistics?
        for await batch in stream {
            received += batch.packets.count
            last = batch.decodeStatistics
            #expect(batch.packets.allSatisfy { $0.wireLength == 14 + 20 + 8 + 512 })
            if received >= 200 { break }
        }
        let statistics = await capture.stop()
        #expect(received == 200)
        #expect(last?.skipped == 0)
        #expect(statistics.delivered >= 200)
    }

    @Test("the any device gives Linux cooked v2 frames that decode")
    func anyDevice() async throws {
        let port = Self.testPort()
        let capture = try LiveCapture(
            configuration: LiveCaptureConfiguration(
                interface: "any", promiscuous: false, filter: "udp and dst port \(port)"))
        #expect(capture.linkType == .linuxSLL2 || capture.linkType == .linuxSLL)
        let seen = PacketLog()
        var decoder = PacketDecoder(linkType: capture.linkType)
        try capture.start { bytes, time, wireLength in
            if let packet = decoder.decode(bytes, timestampNanoseconds: time, wireLength: wireLength) {
                seen.append(packet)
            }
        }
        Self.sendUDP(to: port, count: 20)
        try await Self.waitUntil(seconds: 5) { seen.count >= 20 }
        await capture.stop()
        #expect(seen.count >= 20)
        #expect(seen.all.allSatisfy { sourcePort($0) != 0 })
    }

    @Test(
        "a veth in a namespace made for the test: Ethernet frames with the sender's and the gateway's MACs",
        .enabled(if: ToolPath.find("ip") != nil, "needs iproute2"))
    func vethPair() async throws {
        let gatewayMAC = "02:77:00:00:00:01"
        let lab = try VethLab(address: "10.250.77.2", gateway: "10.250.77.1", gatewayMAC: gatewayMAC)
        defer { lab.remove() }
        let port = Self.testPort()
        let capture = try LiveCapture(
            configuration: LiveCaptureConfiguration(interface: lab.hostEnd, filter: "udp and dst port \(port)"))
        #expect(capture.linkType == .ethernet)
        let seen = PacketLog()
        var decoder = PacketDecoder(linkType: capture.linkType)
        try capture.start { bytes, time, wireLength in
            if let packet = decoder.decode(bytes, timestampNanoseconds: time, wireLength: wireLength) {
                seen.append(packet)
            }
        }
        try lab.run("for i in $(seq 30); do echo waiwang > /dev/udp/10.250.77.1/\(port); done")
        try await Self.waitUntil(seconds: 5) { seen.count >= 30 }
        let statistics = await capture.stop()
        lab.remove()
        #expect(seen.count == 30)
        #expect(statistics.delivered == 30)
        #expect(statistics.dropped == 0 && statistics.interfaceDropped == 0)
        for packet in seen.all {
            #expect(packet.destinationMAC.description == gatewayMAC)
            #expect(packet.sourceMAC != MACAddress(0))
            #expect(
                packet.network
                    == .ip(
                        source: IPAddress("10.250.77.2")!, destination: IPAddress("10.250.77.1")!,
                        transport: .udp(sourcePort: sourcePort(packet), destinationPort: port), payloadLength: 16))
        }
    }

    @Test("starting twice is refused")
    func startTwice() async throws {
        let capture = try LiveCapture(configuration: LiveCaptureConfiguration(interface: "lo", filter: "udp port 9"))
        try capture.start { _, _, _ in }
        #expect(throws: PcapError.self) { try capture.start { _, _, _ in } }
        await capture.stop()
    }

    @Test("a bad filter is a compileFilter error naming the filter")
    func badFilter() {
        let error = #expect(throws: PcapError.self) {
            try LiveCapture(configuration: LiveCaptureConfiguration(interface: "lo", filter: "udp and prot 53"))
        }
        #expect(error?.code == .compileFilter)
        #expect(error?.description.contains("udp and prot 53") == true)
    }

    @Test("an interface that does not exist is an activate error that says to check ip link")
    func missingInterface() {
        let error = #expect(throws: PcapError.self) {
            try LiveCapture(configuration: LiveCaptureConfiguration(interface: "wwtest-nonexist0"))
        }
        #expect(error?.code == .activate)
        #expect(error?.suggestion.contains("ip link") == true)
    }
}

/// Packets a capture thread hands to a test, read by the test's task.
final class PacketLog: Sendable {
    private let packets = Mutex<[DecodedPacket]>([])

    func append(_ packet: DecodedPacket) { packets.withLock { $0.append(packet) } }
    var count: Int { packets.withLock { $0.count } }
    var all: [DecodedPacket] { packets.withLock { $0 } }
}
