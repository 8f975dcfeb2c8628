import Testing
import WaiwangCore

/// The isolation order's state machine: every state × action, the allowed steps and the refusals with their rule.
@Suite("Isolation workflow")
struct IsolationWorkflowTests {
    typealias F = IncidentFixture

    /// One sample of every action, with a principal allowed to take it.
    static let actions: [(IsolationAction, Principal)] = [
        (.approve, F.bob), (.reject(reason: "证据不足"), F.bob), (.cancel(reason: "误报"), F.alice),
        (.acknowledgeCollateral, F.bob), (.execute, F.bob), F.down(F.ownPort), F.up(F.ownPort),
        (.retryFailedPorts, F.bob), (.startRemediation, F.hongta),
        (.submitRemediation(summary: "已整改", attachments: []), F.hongta), (.verify(accepted: true, note: ""), F.alice),
        (.restore, F.alice), (.close, F.alice), (.approveRetrospectively, F.bob),
    ]

    struct Cell: Sendable, CustomTestStringConvertible {
        var state: IsolationState
        var action: Int
        var testDescription: String { "\(state.rawValue) --\(IsolationWorkflowTests.actions[action].0.name)-->" }
    }

    static let cells: [Cell] = IsolationState.allCases.flatMap { state in
        actions.indices.map { Cell(state: state, action: $0) }
    }

    /// Where an allowed step leads on the fixture's order (U1, its own port and VLAN port, no emergency), or the
    /// rule that refuses it although the state allows the action.
    enum Expected: Equatable {
        case to(IsolationState)
        case refused(String)
    }
    static let allowed: [String: Expected] = [
        "proposed/approve": .to(.approved), "proposed/reject": .to(.rejected), "proposed/cancel": .to(.cancelled),
        "proposed/acknowledge-collateral": .refused("shared-link-collateral"),
        "approved/cancel": .to(.cancelled), "approved/acknowledge-collateral": .refused("shared-link-collateral"),
        "approved/execute": .to(.executing),
        "executing/report-port-down": .to(.executing), "executing/retry": .refused("port-confirmation"),
        "executing/approve-retrospectively": .refused("emergency-approval"),
        "isolated/start-remediation": .to(.remediating),
        "isolated/approve-retrospectively": .refused("emergency-approval"),
        "remediating/remediate": .to(.verifying), "remediating/approve-retrospectively": .refused("emergency-approval"),
        "verifying/verify": .to(.verifying), "verifying/restore": .refused("isolation-workflow"),
        "verifying/report-port-up": .refused("port-confirmation"), "verifying/retry": .refused("port-confirmation"),
        "verifying/approve-retrospectively": .refused("emergency-approval"),
        "restored/close": .to(.closed), "restored/approve-retrospectively": .refused("emergency-approval"),
    ]

    @Test("the table has 10 states × 14 actions")
    func size() { #expect(Self.cells.count == 140) }

    @Test("each cell: allowed where the state allows it, else a conflict naming what is possible", arguments: cells)
    func transition(cell: Cell) throws {
        let (action, actor) = Self.actions[cell.action]
        let order = try F.order(in: cell.state)
        let key = "\(cell.state.rawValue)/\(action.name)"
        let possible = IsolationWorkflow.states(allowing: action).contains(cell.state)
        #expect(possible == (Self.allowed[key] != nil), "\(key)")
        switch Self.allowed[key] {
        case .to(let state):
            #expect(try IsolationWorkflow.next(order, action, by: actor, at: F.at("2025-11-27")).order.state == state)
        case .refused(let rule):
            let error = #expect(throws: RegistryError.self) {
                try IsolationWorkflow.next(order, action, by: actor, at: F.at("2025-11-27"))
            }
            #expect(error?.rule == rule, "\(key): \(error?.description ?? "")")
        case nil:
            let error = try #require(throws: RegistryError.self) {
                try IsolationWorkflow.next(order, action, by: actor, at: F.at("2025-11-27"))
            }
            #expect(error.code == .conflict)
            #expect(error.rule == "isolation-workflow")
            #expect(error.message.contains("\(cell.state.rawValue) (\(cell.state.label))"), "\(error.message)")
        }
    }

    @Test("the ordinary path records every step with who and when, and sends one command per port each way")
    func ordinaryPath() throws {
        let closed = try F.order(in: .closed)
        #expect(closed.approvedBy == "bob")
        #expect(closed.verifiedBy == "alice")
        #expect(closed.remediation?.by == "hongta-op")
        let states = closed.timeline.compactMap { entry -> IsolationState? in
            if case .order(_, let state, _) = entry.event { state } else { nil }
        }
        #expect(states == [.proposed, .approved, .executing, .isolated, .remediating, .verifying, .restored, .closed])
        let approved = try F.order(in: .approved)
        let execute = try IsolationWorkflow.next(approved, .execute, by: F.bob, at: F.at("2025-11-27"))
        #expect(
            execute.commands == [
                PortCommand(direction: .down, device: "HT-SW1", ifName: "Gi0/1"),
                PortCommand(direction: .down, device: "HT-SW1", ifName: "Gi0/2.101"),
            ])
        #expect(execute.order.state.cutsUnit)
    }

    @Test("a rejected verification sends the unit back to remediation with the note")
    func verificationRejected() throws {
        let verifying = try F.order(in: .verifying)
        let back = try IsolationWorkflow.next(
            verifying, .verify(accepted: false, note: "仍有扫描流量"), by: F.alice, at: F.at("2025-11-28"))
        #expect(back.order.state == .remediating)
        #expect(back.entries.last?.event == .order(orderId: "O1", state: .remediating, note: "整改验证未通过：仍有扫描流量"))
        let error = #expect(throws: RegistryError.self) {
            try IsolationWorkflow.next(
                verifying, .verify(accepted: false, note: ""), by: F.alice, at: F.at("2025-11-28"))
        }
        #expect(error?.field == "note")
    }

    @Test("reject and cancel need a reason; restore needs an accepted verification")
    func reasons() throws {
        let proposed = try F.order(in: .proposed)
        for action in [IsolationAction.reject(reason: " "), .cancel(reason: "")] {
            let error = #expect(throws: RegistryError.self) {
                try IsolationWorkflow.next(proposed, action, by: F.bob, at: F.at("2025-11-27"))
            }
            #expect(error?.field == "reason")
        }
        let verifying = try F.order(in: .verifying)
        let error = #expect(throws: RegistryError.self) {
            try IsolationWorkflow.next(verifying, .restore, by: F.alice, at: F.at("2025-11-27"))
        }
        #expect(error?.field == "verification")
    }
}
