import Testing
import WaiwangCapture

@Suite("syn_flood, udp_flood and icmp_flood per target")
struct FloodDetectorTests {
    @Test("a SYN flood from forged sources is one syn_flood of link L1's unit, never of U4 who owns the forged range")
    func spoofedSynFlood() throws {
        var traffic = Traffic(policy: Traffic.only(.synFlood))
        for index in 0..<3_000 {
            traffic.tcp("10.88.\(index / 250).\(index % 250 + 1)", "10.50.0.80", UInt16(1024 + index), 80, [.syn])
            traffic.now += 100_000  // 10,000 per second
        }
        traffic.finish()
        #expect(traffic.opened.count == 1)
        let alert = try #require(traffic.latest.first)
        #expect(alert.kind == .synFlood)
        #expect(alert.spoofedSource)
        #expect(alert.unit == "U1")
        #expect(alert.units == ["U1"])
        #expect(alert.link == "L1")
        #expect(alert.targets.sample == ["10.50.0.80"])
        #expect(alert.packets == 3_000)
        #expect((alert.sources?.count ?? 0) > 2_000)
        #expect(alert.state == .closed)
    }

    @Test("on a shared link a forged flood names every unit of the link and no single one")
    func spoofedOnSharedLink() throws {
        var traffic = Traffic(policy: Traffic.only(.udpFlood), link: "L2")
        for index in 0..<2_000 {
            traffic.udp("203.0.113.\(index % 200 + 1)", "10.50.0.53", UInt16(1024 + index), 53)
            traffic.now += 200_000
        }
        traffic.finish()
        let alert = try #require(traffic.opened.first)
        #expect(alert.kind == .udpFlood)
        #expect(alert.unit == nil)
        #expect(alert.units == ["U2", "U3"])
        #expect(alert.spoofedSource)
    }

    @Test("half-open SYNs just below the rate raise nothing; just above, a syn_flood")
    func synThreshold() throws {
        func run(_ count: Int) -> [Alert] {
            var traffic = Traffic(policy: Traffic.only(.synFlood))
            for index in 0..<count {
                traffic.tcp("10.77.1.7", "10.50.0.80", UInt16(1024 + index), 80, [.syn])
                traffic.now += 1_000_000_000 / Int64(count + 1)
            }
            traffic.finish()
            return traffic.opened
        }
        #expect(run(499).isEmpty)
        let alert = try #require(run(500).first)
        #expect(alert.attacker == "10.77.1.7")
        #expect(alert.spoofedSource == false)
        #expect(alert.unit == "U1")
    }

    @Test("an ICMP flood answered by the target still trips the total rate; a ping a second does not")
    func icmpFlood() throws {
        var flood = Traffic(policy: Traffic.only(.icmpFlood))
        for _ in 0..<6_000 {
            flood.ping("10.77.1.8", "10.50.0.1")
            flood.ping("10.50.0.1", "10.77.1.8", reply: true)
            flood.now += 150_000
        }
        flood.finish()
        #expect(flood.opened.map(\.kind) == [.icmpFlood])

        var ping = Traffic(policy: Traffic.only(.icmpFlood))
        for _ in 0..<100 {
            ping.ping("10.77.1.8", "10.50.0.1")
            ping.ping("10.50.0.1", "10.77.1.8", reply: true)
            ping.wait(1)
        }
        ping.finish()
        #expect(ping.alerts.isEmpty)
    }
}
