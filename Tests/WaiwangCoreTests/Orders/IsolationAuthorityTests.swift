import Testing
import WaiwangCore

/// Who may take each step, and four eyes: a requester never approves their own request.
@Suite("Isolation roles and four eyes")
struct IsolationAuthorityTests {
    typealias F = IncidentFixture

    static let refusals: [(String, IsolationState, IsolationAction, Principal, String)] = [
        ("the proposer approves", .proposed, .approve, F.alice, "four-eyes"),
        ("the registry itself approves", .proposed, .approve, .system, "four-eyes"),
        (
            "the registry itself accepts a remediation", .verifying, .verify(accepted: true, note: ""), .system,
            "four-eyes"
        ),
        ("county staff approve", .proposed, .approve, F.hongta, "role-scope"),
        ("an auditor approves", .proposed, .approve, F.auditor, "role-scope"),
        ("an agent executes", .approved, .execute, F.agent, "role-scope"),
        ("security reports a port", .executing, F.down(F.ownPort).0, F.alice, "role-scope"),
        ("another county records remediation", .isolated, .startRemediation, F.jiangchuan, "role-scope"),
        ("county staff verify", .verifying, .verify(accepted: true, note: ""), F.hongta, "role-scope"),
        ("county staff restore", .verifying, .restore, F.hongta, "role-scope"),
    ]

    @Test("refused with the rule", arguments: refusals)
    func refused(name: String, state: IsolationState, action: IsolationAction, actor: Principal, rule: String) throws {
        let order = try F.order(in: state)
        let error = #expect(throws: RegistryError.self) {
            try IsolationWorkflow.next(order, action, by: actor, at: F.at("2025-11-27"))
        }
        #expect(error?.code == .forbidden, "\(name)")
        #expect(error?.rule == rule, "\(name): \(error?.description ?? "")")
    }

    @Test("an admin may approve what security proposed; the policy (system) proposes, a person approves")
    func approvers() throws {
        #expect(
            try IsolationWorkflow.next(F.order(in: .proposed), .approve, by: F.admin, at: F.at("2025-11-27")).order
                .approvedBy == "root")
        let auto = try IsolationWorkflow.propose(
            id: "O2", unit: "U1", division: "530402", reason: "蠕虫扩散（策略自动提出）", ports: [F.ownPort], by: .system,
            at: F.at("2025-11-27")
        ).order
        #expect(auto.proposedBy == "system")
        let error = #expect(throws: RegistryError.self) {
            try IsolationWorkflow.next(auto, .approve, by: .system, at: F.at("2025-11-27"))
        }
        #expect(error?.rule == "four-eyes")
        #expect(try IsolationWorkflow.next(auto, .approve, by: F.bob, at: F.at("2025-11-27")).order.state == .approved)
    }

    @Test("the one who recorded the remediation may not accept it")
    func verifierIsNotRemediator() throws {
        let isolated = try F.order(in: .isolated)
        let verifying = try F.run(
            isolated, [(.startRemediation, F.alice), (.submitRemediation(summary: "代为录入", attachments: []), F.alice)])
        let error = #expect(throws: RegistryError.self) {
            try IsolationWorkflow.next(
                verifying, .verify(accepted: true, note: ""), by: F.alice, at: F.at("2025-11-27"))
        }
        #expect(error?.rule == "four-eyes")
        #expect(
            try IsolationWorkflow.next(verifying, .verify(accepted: true, note: ""), by: F.bob, at: F.at("2025-11-27"))
                .order.verifiedBy == "bob")
    }

    @Test("proposing: security or admin, in scope, with ports that carry the unit")
    func proposing() {
        func propose(_ actor: Principal, ports: [IsolationPort] = [F.ownPort], reason: String = "扫描") throws {
            _ = try IsolationWorkflow.propose(
                id: "O9", unit: "U1", division: "530402", reason: reason, ports: ports, by: actor,
                at: F.at("2025-11-27"))
        }
        #expect(throws: RegistryError.self) { try propose(F.hongta) }
        #expect(throws: RegistryError.self) { try propose(F.alice, ports: []) }
        #expect(throws: RegistryError.self) { try propose(F.alice, reason: "") }
        let stray = IsolationPort(device: "HT-SW1", ifName: "Gi0/9", link: "L9", carries: ["U9"])
        let error = #expect(throws: RegistryError.self) { try propose(F.alice, ports: [stray]) }
        #expect(error?.message.contains("does not carry U1") == true)
    }
}
