import Testing
import WaiwangCapture

@Suite("brute_force and arp_spoof")
struct BruteForceAndARPTests {
    @Test("20 SSH sessions in a minute is a brute_force; 19 is not; a retransmitted SYN is one session")
    func bruteForce() throws {
        func run(_ sessions: Int) -> Traffic {
            var traffic = Traffic(policy: Traffic.only(.bruteForce))
            for index in 0..<sessions {
                let port = UInt16(40000 + index)
                traffic.tcp("10.77.1.30", "10.50.0.22", port, 22, [.syn])
                traffic.tcp("10.77.1.30", "10.50.0.22", port, 22, [.syn])  // retransmission
                traffic.connection("10.77.1.30", "10.50.0.22", clientPort: port, serverPort: 22, dataPackets: 2)
                traffic.wait(2)
            }
            traffic.finish()
            return traffic
        }
        #expect(run(19).alerts.isEmpty)
        let traffic = run(20)
        let alert = try #require(traffic.opened.first)
        #expect(traffic.opened.count == 1)
        #expect(alert.kind == .bruteForce)
        #expect(alert.attacker == "10.77.1.30")
        #expect(alert.ports.sample == [22])
        #expect(alert.targets.sample == ["10.50.0.22"])
    }

    @Test("another MAC claiming the gateway's address is an arp_spoof by that MAC, on U1's segment")
    func gatewayClaim() throws {
        var traffic = Traffic(policy: Traffic.only(.arpSpoof))
        traffic.arp(senderMAC: 0x0000_5E00_0101, senderIP: "10.77.1.1", targetIP: "10.77.1.5")
        for _ in 0..<5 {
            traffic.arp(senderMAC: 0x0266_6666_6666, senderIP: "10.77.1.1", targetIP: "10.77.1.5")
            traffic.wait(2)
        }
        traffic.finish()
        #expect(traffic.opened.count == 1)
        let alert = try #require(traffic.latest.first)
        #expect(alert.kind == .arpSpoof)
        #expect(alert.attacker == "02:66:66:66:66:66")
        #expect(alert.unit == "U1")
        #expect(alert.targets.sample == ["10.77.1.1"])
        #expect(alert.packets == 5)
        #expect(alert.method == .binding)
    }

    @Test(
        "a fresh binding claimed by another MAC is a spoof; a binding stale for longer than the policy is re-addressing"
    )
    func bindingChange() throws {
        var fresh = Traffic(policy: Traffic.only(.arpSpoof))
        fresh.arp(senderMAC: 0x0200_0000_0005, senderIP: "10.77.1.5", targetIP: "10.77.1.1")
        fresh.wait(10)
        fresh.arp(senderMAC: 0x0266_6666_6666, senderIP: "10.77.1.5", targetIP: "10.77.1.1")
        fresh.finish()
        #expect(fresh.opened.map(\.attacker) == ["02:66:66:66:66:66"])

        var stale = Traffic(policy: Traffic.only(.arpSpoof))
        stale.arp(senderMAC: 0x0200_0000_0005, senderIP: "10.77.1.5", targetIP: "10.77.1.1")
        stale.wait(600)
        stale.arp(senderMAC: 0x0200_0000_0099, senderIP: "10.77.1.5", targetIP: "10.77.1.1")
        stale.finish()
        #expect(stale.alerts.isEmpty)
    }

    @Test(
        "a capture that starts mid-spoof: the unsolicited claimer seen first is blamed once a real answer contradicts it"
    )
    func captureStartsMidSpoof() throws {
        var traffic = Traffic(policy: Traffic.only(.arpSpoof))
        for _ in 0..<3 {
            traffic.arp(senderMAC: 0x0266_6666_6666, senderIP: "10.77.1.5", targetIP: "10.77.1.9")
            traffic.wait(2)
        }
        traffic.arp(senderMAC: 0x0200_0000_0009, senderIP: "10.77.1.9", targetIP: "10.77.1.5", reply: false)
        traffic.wait(0.001)
        traffic.arp(senderMAC: 0x0200_0000_0005, senderIP: "10.77.1.5", targetIP: "10.77.1.9")
        traffic.wait(2)
        traffic.arp(senderMAC: 0x0266_6666_6666, senderIP: "10.77.1.5", targetIP: "10.77.1.9")
        traffic.finish()
        #expect(traffic.opened.map(\.attacker) == ["02:66:66:66:66:66"])
        #expect(traffic.latest.first?.packets == 2)
    }
}
