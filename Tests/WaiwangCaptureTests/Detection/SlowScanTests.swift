import Testing
import WaiwangCapture

@Suite("slow scans by the threshold random walk")
struct SlowScanTests {
    /// One probe a minute to a new host, never answered: five in any five minutes, far below Zeek's 25.
    static func slowSweep(_ traffic: inout Traffic) {
        for host in 1...12 {
            traffic.tcp("10.77.1.9", "10.80.0.\(host)", 51000, 3389, [.syn])
            traffic.wait(60)
        }
        traffic.flush()
        traffic.finish()
    }

    @Test("a sweep of one host a minute escapes the fixed window")
    func fixedWindowMisses() throws {
        var traffic = Traffic(policy: Traffic.only(.portScan, .hostSweep, .wormFanout))
        Self.slowSweep(&traffic)
        #expect(traffic.alerts.isEmpty)
    }

    @Test("the random walk flags it as a host_sweep after four failed first contacts (4^4 = 256 ≥ 99)")
    func trwCatchesSlowSweep() throws {
        var traffic = Traffic(policy: Traffic.only(.portScan, .hostSweep, .wormFanout) { $0.slowScan.enabled = true })
        Self.slowSweep(&traffic)
        let alert = try #require(traffic.opened.first)
        #expect(traffic.opened.count == 1)
        #expect(alert.kind == .hostSweep)
        #expect(alert.method == .trw)
        #expect(alert.attacker == "10.77.1.9")
        #expect(alert.unit == "U1")
        #expect(alert.packets >= 4)
    }

    @Test("a slow vertical scan of one host is a port_scan by the walk")
    func trwSlowPortScan() throws {
        var traffic = Traffic(policy: Traffic.only(.portScan) { $0.slowScan.enabled = true })
        for port in [21, 22, 23, 25, 53, 80, 110] {
            traffic.tcp("10.77.1.9", "10.80.0.1", 51000, UInt16(port), [.syn])
            traffic.wait(45)
        }
        traffic.finish()
        let alert = try #require(traffic.opened.first)
        #expect(alert.kind == .portScan)
        #expect(alert.method == .trw)
    }

    @Test("three failures are not enough (4^3 = 64 < 99), and successes walk the ratio back down")
    func trwBelowThreshold() throws {
        var traffic = Traffic(policy: Traffic.only { $0.slowScan.enabled = true })
        for host in 1...3 {
            traffic.tcp("10.77.1.9", "10.80.0.\(host)", 51000, 80, [.syn])
            traffic.wait(60)
        }
        // Answered contacts: each multiplies the ratio by 0.25.
        for host in 10...30 {
            traffic.connection("10.77.1.9", "10.80.1.\(host)", clientPort: UInt16(40000 + host), serverPort: 443)
            traffic.wait(10)
            if host % 5 == 0 {
                traffic.tcp("10.77.1.9", "10.80.2.\(host)", 51000, 80, [.syn])
                traffic.wait(10)
            }
        }
        traffic.finish()
        #expect(traffic.alerts.isEmpty)
    }
}
