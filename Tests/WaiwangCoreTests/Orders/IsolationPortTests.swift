import Testing
import WaiwangCore

/// Shared-link collateral and the ports' read-backs: `isolated` only when every port is confirmed down,
/// `restored` only when every port is confirmed up; a failure is shown and escalated, never reported as done.
@Suite("Isolation ports and collateral")
struct IsolationPortTests {
    typealias F = IncidentFixture
    let now = F.at("2025-11-27")

    @Test("a shared port cannot execute until the collateral is acknowledged")
    func collateral() throws {
        let order = try F.proposed(ports: [F.ownPort, F.sharedPort])
        #expect(order.collateralUnits == ["U2", "U3"])
        #expect(order.timeline.first?.event == .order(orderId: "O1", state: .proposed, note: "端口扫描；将同时中断：U2、U3"))
        let approved = try F.run(order, [(.approve, F.bob)])
        let error = try #require(throws: RegistryError.self) {
            try IsolationWorkflow.next(approved, .execute, by: F.bob, at: now)
        }
        #expect(error.rule == "shared-link-collateral")
        #expect(error.message.contains("U2, U3"))
        let acknowledged = try F.run(approved, [(.acknowledgeCollateral, F.bob)])
        #expect(acknowledged.collateralAcknowledgedBy == "bob")
        #expect(!acknowledged.needsCollateralAcknowledgement)
        #expect(try IsolationWorkflow.next(acknowledged, .execute, by: F.bob, at: now).order.state == .executing)
        #expect(throws: RegistryError.self) {
            try IsolationWorkflow.next(acknowledged, .acknowledgeCollateral, by: F.alice, at: now)
        }
    }

    @Test("the unit's own sub-interface or VLAN port on a shared link cuts no one else")
    func ownSubinterface() throws {
        let order = try F.proposed(ports: [F.vlanPort])
        #expect(order.collateralUnits.isEmpty)
        #expect(try F.run(order, [(.approve, F.bob), (.execute, F.bob)]).state == .executing)
    }

    @Test("isolated only when every port is confirmed down")
    func partial() throws {
        let executing = try F.order(in: .executing)
        let one = try F.run(executing, [F.down(F.ownPort)])
        #expect(one.state == .executing)
        #expect(!one.failed)
        #expect(one.isolatedAt == nil)
        let both = try IsolationWorkflow.next(one, F.down(F.vlanPort).0, by: F.agent, at: now.adding(seconds: 3))
        #expect(both.order.state == .isolated)
        #expect(both.order.isolatedAt == now.adding(seconds: 3))
    }

    static let failures: [PortOutcome] = [.failed(reason: "SNMP SET 被拒绝：noAccess"), .timedOut]

    @Test(
        "a failed or timed-out port keeps the order executing, flagged and escalated; retry resends it",
        arguments: failures)
    func failure(outcome: PortOutcome) throws {
        let executing = try F.run(F.order(in: .executing), [F.down(F.ownPort)])
        let step = try IsolationWorkflow.next(executing, F.down(F.vlanPort, outcome).0, by: F.agent, at: now)
        #expect(step.order.state == .executing)
        #expect(step.order.failed)
        #expect(step.order.failedPorts.map(\.ifName) == ["Gi0/2.101"])
        #expect(step.escalations == ["端口 HT-SW1 Gi0/2.101 关闭\(outcome.label)，单位 U1 尚未隔离，须人工处置"])
        #expect(step.order.timeline.last?.event == .escalation(step.escalations[0]))
        let retry = try IsolationWorkflow.next(step.order, .retryFailedPorts, by: F.bob, at: now)
        #expect(retry.commands == [PortCommand(direction: .down, device: "HT-SW1", ifName: "Gi0/2.101")])
        #expect(!retry.order.failed)
        #expect(try F.run(retry.order, [F.down(F.vlanPort)]).state == .isolated)
    }

    @Test("restored only when every port is confirmed up; a failure is escalated")
    func restore() throws {
        let verifying = try F.run(F.order(in: .verifying), [(.verify(accepted: true, note: ""), F.alice)])
        let sent = try IsolationWorkflow.next(verifying, .restore, by: F.alice, at: now)
        #expect(sent.commands.map(\.direction) == [.up, .up])
        #expect(throws: RegistryError.self) { try IsolationWorkflow.next(sent.order, .restore, by: F.alice, at: now) }
        let failed = try IsolationWorkflow.next(sent.order, F.up(F.ownPort, .timedOut).0, by: F.agent, at: now)
        #expect(failed.order.state == .verifying)
        #expect(failed.order.failed)
        #expect(failed.escalations.count == 1)
        let half = try F.run(failed.order, [(.retryFailedPorts, F.bob), F.up(F.ownPort)])
        #expect(half.state == .verifying)
        #expect(try F.run(half, [F.up(F.vlanPort)]).state == .restored)
    }

    @Test("a report for a port the order does not have is refused")
    func unknownPort() throws {
        let executing = try F.order(in: .executing)
        let action = IsolationAction.reportPort(
            device: "HT-SW1", ifName: "Gi0/9", direction: .down, outcome: .confirmed)
        let error = #expect(throws: RegistryError.self) {
            try IsolationWorkflow.next(executing, action, by: F.agent, at: now)
        }
        #expect(error?.code == .notFound)
    }
}
