import Testing
import WaiwangCapture

@Suite("port_scan, host_sweep and worm_fanout by fixed windows")
struct ScanDetectorTests {
    @Test("15 unanswered ports on one target is a port_scan by U1's host; 14 is not")
    func portScanThreshold() throws {
        var below = Traffic(policy: Traffic.only(.portScan))
        for port in 1...14 { below.tcp("10.77.1.5", "10.50.0.9", 40000, UInt16(port), [.syn]) }
        below.finish()
        #expect(below.alerts.isEmpty)

        var at = Traffic(policy: Traffic.only(.portScan))
        for port in 1...15 {
            at.tcp("10.77.1.5", "10.50.0.9", 40000, UInt16(port), [.syn])
            at.tcp("10.50.0.9", "10.77.1.5", UInt16(port), 40000, [.rst, .ack])
        }
        at.finish()
        let alert = try #require(at.opened.first)
        #expect(at.opened.count == 1)
        #expect(alert.kind == .portScan)
        #expect(alert.attacker == "10.77.1.5")
        #expect(alert.unit == "U1")
        #expect(alert.units == ["U1"])
        #expect(alert.link == "L1")
        #expect(alert.spoofedSource == false)
        #expect(alert.method == .window)
        #expect(alert.targets.sample == ["10.50.0.9"])
        #expect(alert.ports.count == 15)
        #expect(alert.packets == 15)
    }

    @Test("a UDP scan (closed ports answer with ICMP unreachable, which settles nothing) is a port_scan")
    func udpPortScan() throws {
        var traffic = Traffic(policy: Traffic.only(.portScan))
        for port in [53, 67, 69, 111, 123, 137, 138, 161, 162, 500, 514, 520, 1900, 4500, 5353] {
            traffic.udp("10.77.1.5", "10.50.0.9", 45000, UInt16(port))
            traffic.send(
                .ip(
                    source: Traffic.ip("10.50.0.9"), destination: Traffic.ip("10.77.1.5"),
                    transport: .icmp(type: 3, code: 3), payloadLength: 36))
        }
        traffic.finish()
        #expect(traffic.opened.map(\.kind) == [.portScan])
        #expect(traffic.opened.first?.ports.count == 15)
    }

    @Test("answered ports do not count: a passive FTP client opening 30 data connections raises nothing")
    func answeredPortsDoNotCount() throws {
        var traffic = Traffic(policy: Traffic.only(.portScan))
        for index in 0..<30 {
            traffic.connection(
                "10.77.1.5", "10.50.0.21", clientPort: UInt16(50000 + index), serverPort: UInt16(30000 + index))
            traffic.wait(0.5)
        }
        traffic.finish()
        #expect(traffic.alerts.isEmpty)
    }

    @Test("the window restarts: 10 ports, six minutes, 10 more ports is no port_scan")
    func portScanWindow() throws {
        var traffic = Traffic(policy: Traffic.only(.portScan))
        for port in 1...10 { traffic.tcp("10.77.1.5", "10.50.0.9", 40000, UInt16(port), [.syn]) }
        traffic.wait(360)
        for port in 11...20 { traffic.tcp("10.77.1.5", "10.50.0.9", 40000, UInt16(port), [.syn]) }
        traffic.finish()
        #expect(traffic.alerts.isEmpty)
    }

    @Test("25 unanswered echo requests to distinct hosts is a host_sweep; 24 is not; live hosts do not count")
    func hostSweepThreshold() throws {
        var below = Traffic(policy: Traffic.only(.hostSweep))
        for host in 1...24 { below.ping("10.77.1.5", "10.60.0.\(host)") }
        below.finish()
        #expect(below.alerts.isEmpty)

        var answered = Traffic(policy: Traffic.only(.hostSweep))
        for host in 1...40 {
            answered.ping("10.77.1.5", "10.60.0.\(host)")
            if host <= 20 { answered.ping("10.60.0.\(host)", "10.77.1.5", reply: true) }
        }
        answered.finish()
        #expect(answered.alerts.isEmpty)

        var at = Traffic(policy: Traffic.only(.hostSweep))
        for host in 1...25 { at.ping("10.77.1.5", "10.60.0.\(host)") }
        at.finish()
        let alert = try #require(at.opened.first)
        #expect(at.opened.count == 1)
        #expect(alert.kind == .hostSweep)
        #expect(alert.attacker == "10.77.1.5")
        #expect(alert.unit == "U1")
        #expect(alert.targets.count == 25)
    }

    @Test("20 hosts on 445 within two seconds is a worm_fanout; the same on port 80 is not")
    func wormFanout() throws {
        var worm = Traffic(policy: Traffic.only(.wormFanout))
        for host in 1...20 {
            worm.tcp("10.77.1.66", "10.70.\(host).4", 49152, 445, [.syn])
            worm.wait(0.1)
        }
        worm.finish()
        let alert = try #require(worm.opened.first)
        #expect(alert.kind == .wormFanout)
        #expect(alert.attacker == "10.77.1.66")
        #expect(alert.ports.sample == [445])
        #expect(alert.method == .rate)

        var web = Traffic(policy: Traffic.only(.wormFanout))
        for host in 1...20 { web.tcp("10.77.1.66", "10.70.\(host).4", 49152, 80, [.syn]) }
        web.finish()
        #expect(web.alerts.isEmpty)

        var slow = Traffic(policy: Traffic.only(.wormFanout))
        for host in 1...20 {
            slow.tcp("10.77.1.66", "10.70.\(host).4", 49152, 445, [.syn])
            slow.wait(1)
        }
        slow.finish()
        #expect(slow.alerts.isEmpty)
    }
}
