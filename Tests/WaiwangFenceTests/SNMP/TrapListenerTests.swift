import Foundation
import Synchronization
import Testing
import WaiwangSNMP

/// The trap listener against net-snmp's own `snmptrap`/`snmpinform` and against hand-made hostile datagrams.
@Suite("SNMP trap listener", .timeLimit(.minutes(2)))
struct TrapListenerTests {
    static let ifEntry = "1.3.6.1.2.1.2.2.1"

    @Test("an SNMPv2c linkDown gives ifIndex, ifAdminStatus, ifOperStatus and its source")
    func v2cLinkDown() async throws {
        try await TrapLab.run { lab in
            try await lab.snmptrap([
                "-v2c", "-c", "public", lab.address, "", "1.3.6.1.6.3.1.1.5.3",
                "\(Self.ifEntry).1.3", "i", "3", "\(Self.ifEntry).7.3", "i", "1", "\(Self.ifEntry).8.3", "i", "2",
            ])
            let event = try #require(await lab.collector.next(within: .seconds(3)))
            #expect(event.kind == .linkDown)
            #expect(event.version == .v2c)
            #expect(event.ifIndex == 3 && event.ifAdminStatus == 1 && event.ifOperStatus == 2)
            #expect(event.sourceAddress == "127.0.0.1" && event.sourcePort > 0)
            #expect(event.trapOID == TrapEvent.linkDownOID)
            #expect(event.upTime != nil)
            #expect(lab.listener.statistics.delivered == 1)
        }
    }

    @Test("an SNMPv1 generic linkUp (3) is linkUp, with the agent address it names")
    func v1LinkUp() async throws {
        try await TrapLab.run { lab in
            try await lab.snmptrap([
                "-v1", "-c", "public", lab.address, "1.3.6.1.4.1.8072.3.2.10", "192.0.2.7", "3", "0", "",
                "\(Self.ifEntry).1.5", "i", "5", "\(Self.ifEntry).7.5", "i", "1", "\(Self.ifEntry).8.5", "i", "1",
            ])
            let event = try #require(await lab.collector.next(within: .seconds(3)))
            #expect(event.kind == .linkUp)
            #expect(event.version == .v1)
            #expect(event.agentAddress == "192.0.2.7")
            #expect(event.trapOID == TrapEvent.linkUpOID)
            #expect(event.ifIndex == 5 && event.ifOperStatus == 1)
        }
    }

    @Test("other traps are `other`; a v1 enterprise-specific trap gets its RFC 3584 OID")
    func otherTraps() async throws {
        try await TrapLab.run { lab in
            try await lab.snmptrap(["-v2c", "-c", "public", lab.address, "", "1.3.6.1.6.3.1.1.5.1"])
            try await lab.snmptrap(["-v1", "-c", "public", lab.address, "1.3.6.1.4.1.99", "", "6", "17", ""])
            let first = try #require(await lab.collector.next(within: .seconds(3)))
            let second = try #require(await lab.collector.next(within: .seconds(3)))
            #expect(first.kind == .other && first.trapOID == OID("1.3.6.1.6.3.1.1.5.1"))
            #expect(second.kind == .other && second.trapOID == OID("1.3.6.1.4.1.99.0.17"))
        }
    }

    @Test("an inform is delivered and answered (snmpinform returns at once)")
    func informIsAnswered() async throws {
        try await TrapLab.run { lab in
            let started = ContinuousClock.now
            _ = try await PrivateSNMPAgent.runTool(
                "snmpinform",
                ["-v2c", "-c", "public", "-m", "", "-t", "1", "-r", "0", lab.address, "", "1.3.6.1.6.3.1.1.5.4"],
                within: .seconds(10))
            // With -t 1 -r 0 snmpinform fails unless answered within a second; the bound here only guards against
            // a hang, with room for starting the tool on a loaded machine.
            #expect(ContinuousClock.now - started < .seconds(5))
            let event = try #require(await lab.collector.next(within: .seconds(3)))
            #expect(event.isInform && event.kind == .linkUp)
        }
    }

    @Test("a wrong community is counted, not delivered; values of the wrong type are left out")
    func wrongCommunityAndTypes() async throws {
        try await TrapLab.run { lab in
            try await lab.snmptrap(["-v2c", "-c", "intruder", lab.address, "", "1.3.6.1.6.3.1.1.5.3"])
            try await lab.snmptrap(["-v1", "-c", "intruder", lab.address, "1.3.6.1.4.1.99", "", "2", "0", ""])
            try await lab.snmptrap([
                "-v2c", "-c", "public", lab.address, "", "1.3.6.1.6.3.1.1.5.3", "\(Self.ifEntry).7.4", "s", "down",
                "\(Self.ifEntry).8.4", "i", "99",
            ])
            let event = try #require(await lab.collector.next(within: .seconds(3)))
            #expect(event.kind == .linkDown && event.ifIndex == 4)
            #expect(event.ifAdminStatus == nil && event.ifOperStatus == nil)
            #expect(lab.listener.statistics.wrongCommunity == 2)
            #expect(lab.listener.statistics.delivered == 1)
        }
    }

    @Test("garbage, every truncation and byte flips of a trap are counted, never a crash; the listener goes on")
    func hostileDatagrams() async throws {
        try await TrapLab.run { lab in
            let trap = BER.v2cTrap(community: "public", trapOID: [1, 3, 6, 1, 6, 3, 1, 1, 5, 3])
            var datagrams: [[UInt8]] = [
                [], [0x30], [0x30, 0x84, 0xFF, 0xFF, 0xFF, 0xFF], Array(repeating: 0xFF, count: 64),
            ]
            for length in 1..<trap.count { datagrams.append(Array(trap.prefix(length))) }
            var generator = SystemRandomNumberGenerator()
            for _ in 0..<200 {
                var flipped = trap
                flipped[Int.random(in: 0..<trap.count, using: &generator)] = UInt8.random(
                    in: 0...255, using: &generator)
                datagrams.append(flipped)
            }
            // A v2c trap whose first varbind is not sysUpTime.0: parsed by net-snmp, malformed to us.
            datagrams.append(
                BER.v2cTrap(community: "public", trapOID: [1, 3, 6, 1, 6, 3, 1, 1, 5, 3], swapFirst: true))
            let clock = ContinuousClock()
            // In batches the listener has read, so the kernel's socket buffer never drops one under load.
            for (sent, datagram) in (datagrams + [trap]).enumerated() {
                try sendUDP(datagram, to: lab.listener.port)
                if sent % 16 == 15 {
                    let batchDeadline = clock.now + .seconds(3)
                    while lab.listener.statistics.received <= sent, clock.now < batchDeadline {
                        try await Task.sleep(for: .milliseconds(5))
                    }
                }
            }
            let deadline = clock.now + .seconds(10)
            while lab.listener.statistics.received < datagrams.count + 1, clock.now < deadline {
                try await Task.sleep(for: .milliseconds(20))
            }
            let statistics = lab.listener.statistics
            #expect(statistics.received == datagrams.count + 1, "\(statistics)")
            #expect(
                statistics.received
                    == statistics.delivered + statistics.malformed + statistics.wrongCommunity + statistics.unsupported
                    + statistics.dropped, "\(statistics)")
            #expect(statistics.malformed >= trap.count - 1, "\(statistics)")
            #expect(statistics.delivered >= 1)
            // Still listening.
            try await lab.snmptrap(["-v2c", "-c", "public", lab.address, "", "1.3.6.1.6.3.1.1.5.4"])
            let deadline2 = clock.now + .seconds(5)
            while lab.listener.statistics.received < datagrams.count + 2, clock.now < deadline2 {
                try await Task.sleep(for: .milliseconds(20))
            }
            #expect(lab.listener.statistics.delivered == statistics.delivered + 1)
        }
    }

    @Test("stop() ends the stream and frees the port; a bad address or a taken port is a clear error")
    func stopAndErrors() async throws {
        let port = try PrivateSNMPAgent.freeUDPPort()
        let listener = try TrapListener(address: "udp:127.0.0.1:\(port)", communities: ["public"])
        #expect(listener.port == port)
        let taken = #expect(throws: SNMPError.self) {
            try TrapListener(address: "udp:127.0.0.1:\(port)", communities: ["public"])
        }
        #expect(taken?.code == .transport)
        let ended = Task {
            var count = 0
            for await _ in listener.events { count += 1 }
            return count
        }
        listener.stop()
        listener.stop()
        #expect(await ended.value == 0)
        let again = try TrapListener(address: "udp:127.0.0.1:\(port)", communities: ["public"])
        again.stop()
        let bad = #expect(throws: SNMPError.self) {
            try TrapListener(address: "127.0.0.1:162", communities: ["public"])
        }
        #expect(bad?.code == .invalidTarget)
        let none = #expect(throws: SNMPError.self) {
            try TrapListener(address: "udp:127.0.0.1:\(port)", communities: [])
        }
        #expect(none?.code == .invalidTarget)
    }
}

/// A listener on a free loopback port and a collector of its events, stopped after the body.
struct TrapLab: Sendable {
    let listener: TrapListener
    let collector: TrapCollector
    var address: String { listener.address }

    static func run(_ body: (TrapLab) async throws -> Void) async throws {
        let listener = try TrapListener(
            address: "udp:127.0.0.1:\(try PrivateSNMPAgent.freeUDPPort())", communities: ["public"])
        let collector = TrapCollector()
        let reader = Task {
            for await event in listener.events { collector.append(event) }
        }
        defer {
            listener.stop()
            reader.cancel()
        }
        try await body(TrapLab(listener: listener, collector: collector))
    }

    func snmptrap(_ arguments: [String]) async throws {
        _ = try await PrivateSNMPAgent.runTool("snmptrap", ["-m", ""] + arguments, within: .seconds(10))
    }
}

/// The events seen so far, taken in order.
final class TrapCollector: Sendable {
    private let state = Mutex<(events: [TrapEvent], taken: Int)>(([], 0))

    func append(_ event: TrapEvent) { state.withLock { $0.events.append(event) } }

    /// The next event not yet taken, waiting up to `limit`.
    func next(within limit: Duration) async -> TrapEvent? {
        let clock = ContinuousClock()
        let deadline = clock.now + limit
        while clock.now < deadline {
            let event = state.withLock { state -> TrapEvent? in
                guard state.taken < state.events.count else { return nil }
                state.taken += 1
                return state.events[state.taken - 1]
            }
            if let event { return event }
            try? await Task.sleep(for: .milliseconds(10))
        }
        return nil
    }
}

/// Just enough BER to build an SNMPv2c trap by hand.
enum BER {
    static func tlv(_ tag: UInt8, _ content: [UInt8]) -> [UInt8] {
        var length: [UInt8]
        if content.count < 128 {
            length = [UInt8(content.count)]
        } else {
            length = [0x82, UInt8(content.count >> 8), UInt8(content.count & 0xFF)]
        }
        return [tag] + length + content
    }

    static func oid(_ arcs: [UInt32]) -> [UInt8] {
        var bytes: [UInt8] = [UInt8(arcs[0] * 40 + arcs[1])]
        for arc in arcs.dropFirst(2) {
            var chunk: [UInt8] = [UInt8(arc & 0x7F)]
            var rest = arc >> 7
            while rest > 0 {
                chunk.insert(UInt8(rest & 0x7F) | 0x80, at: 0)
                rest >>= 7
            }
            bytes += chunk
        }
        return tlv(0x06, bytes)
    }

    static func v2cTrap(community: String, trapOID: [UInt32], swapFirst: Bool = false) -> [UInt8] {
        let upTime = tlv(0x30, oid([1, 3, 6, 1, 2, 1, 1, 3, 0]) + tlv(0x43, [0x05]))
        let trap = tlv(0x30, oid([1, 3, 6, 1, 6, 3, 1, 1, 4, 1, 0]) + oid(trapOID))
        let ifIndex = tlv(0x30, oid([1, 3, 6, 1, 2, 1, 2, 2, 1, 1, 2]) + tlv(0x02, [0x02]))
        let bindings = tlv(0x30, swapFirst ? trap + upTime + ifIndex : upTime + trap + ifIndex)
        let pdu = tlv(0xA7, tlv(0x02, [0x2A]) + tlv(0x02, [0]) + tlv(0x02, [0]) + bindings)
        return tlv(0x30, tlv(0x02, [0x01]) + tlv(0x04, Array(community.utf8)) + pdu)
    }
}

/// Sends one UDP datagram to 127.0.0.1:`port`.
func sendUDP(_ bytes: [UInt8], to port: UInt16) throws {
    let fd = socket(AF_INET, Int32(SOCK_DGRAM.rawValue), 0)
    guard fd >= 0 else { throw AgentError("socket() failed") }
    defer { close(fd) }
    var address = sockaddr_in()
    address.sin_family = sa_family_t(AF_INET)
    address.sin_addr.s_addr = inet_addr("127.0.0.1")
    address.sin_port = port.bigEndian
    let sent = bytes.withUnsafeBytes { buffer in
        withUnsafePointer(to: &address) { pointer in
            pointer.withMemoryRebound(to: sockaddr.self, capacity: 1) {
                sendto(fd, buffer.baseAddress, buffer.count, 0, $0, socklen_t(MemoryLayout<sockaddr_in>.size))
            }
        }
    }
    guard sent == bytes.count else { throw AgentError("sendto() sent \(sent) of \(bytes.count) bytes") }
}
