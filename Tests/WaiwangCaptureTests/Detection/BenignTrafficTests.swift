import Testing
import WaiwangCapture

@Suite("benign traffic raises nothing with every detector on")
struct BenignTrafficTests {
    @Test("HTTP downloads, DNS, an SSH session, an iperf3 bulk transfer, a NAT'd browsing burst, pings")
    func mixedBenign() throws {
        var traffic = Traffic()
        // HTTP downloads: long connections, thousands of segments.
        for index in 0..<3 {
            traffic.connection(
                "10.77.1.10", "10.50.1.\(index + 1)", clientPort: UInt16(41000 + index), serverPort: 80,
                dataPackets: 2_000)
        }
        // DNS: a resolver answering 200 queries from many source ports.
        for index in 0..<200 {
            traffic.udp("10.77.1.11", "10.50.0.53", UInt16(30000 + index), 53)
            traffic.udp("10.50.0.53", "10.77.1.11", 53, UInt16(30000 + index), wireLength: 120)
            traffic.wait(0.01)
        }
        // The unit's own DNS server answering 100 clients of the extranet.
        for index in 0..<100 {
            traffic.udp("10.50.9.\(index + 1)", "10.77.1.53", 5353, 53)
            traffic.udp("10.77.1.53", "10.50.9.\(index + 1)", 53, 5353, wireLength: 200)
        }
        // A legitimate SSH session.
        traffic.connection("10.77.1.12", "10.50.0.22", clientPort: 52000, serverPort: 22, dataPackets: 500)
        // iperf3: control connection and one bulk stream, 50,000 segments in five seconds.
        traffic.connection("10.77.1.13", "10.50.0.5", clientPort: 53000, serverPort: 5201, dataPackets: 2)
        traffic.tcp("10.77.1.13", "10.50.0.5", 53001, 5201, [.syn])
        traffic.tcp("10.50.0.5", "10.77.1.13", 5201, 53001, [.syn, .ack])
        for _ in 0..<50_000 {
            traffic.tcp("10.77.1.13", "10.50.0.5", 53001, 5201, [.ack], wireLength: 1514)
            traffic.now += 100_000
        }
        // A burst of short browsing connections from one NAT'd address to a handful of web servers.
        for index in 0..<120 {
            traffic.connection(
                "10.77.1.254", "10.50.2.\(index % 6 + 1)", clientPort: UInt16(60000 + index),
                serverPort: index % 3 == 0 ? 80 : 443, dataPackets: 4)
            traffic.wait(0.02)
        }
        // A traceroute: three UDP probes per hop to 33434 and up, answered by ICMP from the routers.
        for hop in 0..<30 {
            for probe in 0..<3 {
                traffic.udp("10.77.1.15", "10.50.3.3", 44000, UInt16(33434 + hop * 3 + probe))
                traffic.send(
                    .ip(
                        source: Traffic.ip("10.50.\(hop).1"), destination: Traffic.ip("10.77.1.15"),
                        transport: .icmp(type: 11, code: 0), payloadLength: 36))
            }
        }
        // One-way UDP to the authority's collectors: syslog, SNMP traps, NetFlow, sFlow, GELF — never answered.
        for round in 0..<20 {
            for (index, port) in [514, 162, 2055, 6343, 12201].enumerated() {
                traffic.udp("10.77.1.16", "10.50.0.\(10 + index)", UInt16(40000 + round), UInt16(port), wireLength: 300)
            }
            traffic.wait(3)
        }
        // Pings: one a second to a live host.
        for _ in 0..<30 {
            traffic.ping("10.77.1.14", "10.50.0.1")
            traffic.ping("10.50.0.1", "10.77.1.14", reply: true)
            traffic.wait(1)
        }
        traffic.wait(30)
        traffic.flush()
        traffic.finish()
        #expect(traffic.alerts.isEmpty, "\(traffic.alerts.map { "\($0.kind) \($0.attacker)" })")
    }
}
