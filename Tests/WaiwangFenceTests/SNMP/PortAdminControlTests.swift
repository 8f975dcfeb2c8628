import Testing
import WaiwangAgent
import WaiwangCore
import WaiwangSNMP

/// Port lookup and a refused SET against a real snmpd; the SET that really shuts a port runs in a network
/// namespace (scripts/e2e-netns-snmp.sh), never against this machine's own interfaces.
@Suite("Port admin control against a private snmpd")
struct PortAdminControlTests {
    @Test("a port is found by ifName or ifDescr; an unknown name is noSuchName before any SET")
    func resolvesPorts() async throws {
        try await PrivateSNMPAgent.run { agent in
            let session = try await SNMPSession(agent.target())
            let control = PortAdminControl()
            #expect(try await control.resolve(.ifName("lo"), on: session) == 1)
            #expect(try await control.resolve(.ifIndex(7), on: session) == 7)
            let error = await #expect(throws: SNMPError.self) {
                try await control.set(.ifName("no-such-port"), to: .down, on: session, deadline: .seconds(1))
            }
            #expect(error?.code == .noSuchName)
        }
    }

    @Test("a SET with the read-only community is refused with an error naming ifAdminStatus")
    func readOnlyCommunityIsRefused() async throws {
        try await PrivateSNMPAgent.run { agent in
            let session = try await SNMPSession(agent.target())
            let error = await #expect(throws: SNMPError.self) {
                try await PortAdminControl().set(.ifName("lo"), to: .down, on: session, deadline: .seconds(1))
            }
            #expect(error?.code == .noAccess || error?.code == .notWritable || error?.code == .authorizationError)
            #expect(error?.oid == OID("1.3.6.1.2.1.2.2.1.7.1"))
        }
    }
}
