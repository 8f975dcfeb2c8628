import Foundation
import Testing
import WaiwangAgent
import WaiwangCore
import WaiwangSNMP

/// The agent's poll of a real snmpd (a columnar GETBULK table walk) against `snmpbulkwalk` of the same columns.
@Suite("Device poller against a real snmpd")
struct DevicePollerTests {
    @Test("every interface field equals snmpbulkwalk's value of the same column")
    func pollMatchesSnmpbulkwalk() async throws {
        try await PrivateSNMPAgent.run { agent in
            let snapshot = try await DevicePoller().poll(SNMPSession(agent.target()))
            #expect(snapshot.sysName == PrivateSNMPAgent.sysName)
            #expect(!snapshot.interfaces.isEmpty)
            #expect(snapshot.skippedValues == 0)
            let columns: [(String, (InterfaceSnapshot) -> String?)] = [
                ("1.3.6.1.2.1.2.2.1.2", { $0.ifDescr }),
                ("1.3.6.1.2.1.2.2.1.7", { $0.ifAdminStatus.map(String.init) }),
                ("1.3.6.1.2.1.2.2.1.8", { $0.ifOperStatus.map(String.init) }),
                ("1.3.6.1.2.1.2.2.1.5", { $0.ifSpeed.map(String.init) }),
                ("1.3.6.1.2.1.31.1.1.1.1", { $0.ifName }),
                ("1.3.6.1.2.1.31.1.1.1.15", { $0.ifHighSpeed.map(String.init) }),
            ]
            for (column, field) in columns {
                let tool = try NetSNMPToolOutput.parse(
                    await PrivateSNMPAgent.runTool(
                        "snmpbulkwalk",
                        [
                            "-v2c", "-c", PrivateSNMPAgent.community, "-m", "", "-On", "-Oe", "-Ot", agent.address,
                            column,
                        ]))
                let root = try #require(OID(column))
                let stable = snapshot.interfaces.filter { !TransientInterfaces.isTransient($0.ifDescr) }
                let rows = try tool.filter { binding in
                    let index = Int(try #require(binding.oid.suffix(after: root)?.first))
                    return stable.contains { $0.ifIndex == index }
                }
                #expect(rows.count == stable.count, "\(column)")
                for binding in rows {
                    let index = Int(try #require(binding.oid.suffix(after: root)?.first))
                    let interface = try #require(stable.first { $0.ifIndex == index })
                    let expected: String? =
                        switch binding.value {
                        case .octetString: binding.value.displayString
                        default: binding.value.integerValue.map { String($0) }
                        }
                    #expect(field(interface) == expected, "\(column).\(index)")
                }
            }
        }
    }

    @Test("two polls give rates (not gaps) and health per link")
    func twoPollsGiveRatesAndHealth() async throws {
        try await PrivateSNMPAgent.run { agent in
            let session = try await SNMPSession(agent.target())
            let first = try await DevicePoller().poll(session)
            try await Task.sleep(for: .milliseconds(1100))
            let second = try await DevicePoller().poll(session)
            let reports = LinkReport.compare(first, second, policy: LinkHealthPolicy())
            let loopback = try #require(reports.first { $0.ifName == "lo" })
            #expect(loopback.health == LinkHealth.up.rawValue)
            #expect((loopback.seconds ?? 0) > 0.5)
            // snmpd caches its interface counters for a few seconds, so the rate may be zero — but it is a rate.
            #expect(loopback.inBitsPerSecond.value != nil && loopback.inBitsPerSecond.missing == nil)
            #expect((loopback.inBitsPerSecond.value ?? -1) >= 0)
            for report in reports where report.health == LinkHealth.adminDown.rawValue {
                #expect(second.interfaces.first { $0.ifIndex == report.ifIndex }?.ifAdminStatus == 2)
            }
        }
    }

    @Test("a dead device is reported unreachable within its timeout, the live one beside it is polled")
    func deadDeviceIsUnreachable() async throws {
        try await PrivateSNMPAgent.run { agent in
            let dead = try SNMPTarget(
                "udp:127.0.0.1:\(try PrivateSNMPAgent.freeUDPPort())", credentials: .v2c(community: "public"),
                timeout: .milliseconds(300), retries: 0)
            let started = ContinuousClock.now
            let outcomes = await PollCycle(concurrency: 2).run([dead, try agent.target()])
            #expect(ContinuousClock.now - started < .seconds(5))
            guard case .failure(let error) = outcomes[0].result else {
                Issue.record("the dead device was not reported unreachable")
                return
            }
            #expect(error.code == .timeout)
            guard case .success(let snapshot) = outcomes[1].result else {
                Issue.record("the live device was not polled")
                return
            }
            #expect(snapshot.sysName == PrivateSNMPAgent.sysName)
        }
    }
}
