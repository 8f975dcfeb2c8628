import Testing
import WaiwangCore

/// The emergency path: a security lead isolates at once; someone else approves afterwards within the limit.
@Suite("Emergency isolation")
struct EmergencyIsolationTests {
    typealias F = IncidentFixture
    let policy = IsolationPolicy(emergencyLeads: ["lead"])
    let now = F.at("2025-11-27", 2)

    func isolate(_ actor: Principal = F.lead, ports: [IsolationPort] = [F.ownPort], acknowledging: Bool = false) throws
        -> IsolationStep
    {
        try IsolationWorkflow.isolateNow(
            id: "E1", incidentId: "I1", unit: "U1", division: "530402", reason: "蠕虫扩散", ports: ports,
            acknowledgingCollateral: acknowledging, by: actor, at: now, policy: policy)
    }

    @Test("proposed, approved and executing in one step, marked emergency, commands sent")
    func oneStep() throws {
        let step = try isolate()
        #expect(step.order.state == .executing)
        #expect(
            step.order.emergency
                == EmergencyIsolation(actor: "lead", at: now, retrospectiveDue: now.adding(minutes: 240)))
        #expect(step.order.approvedBy == nil)
        #expect(step.entries.count == 3)
        #expect(step.commands == [PortCommand(direction: .down, device: "HT-SW1", ifName: "Gi0/1")])
    }

    @Test("only a lead: an admin or listed security staff")
    func leads() throws {
        #expect(try isolate(F.admin).order.emergency?.actor == "root")
        let error = #expect(throws: RegistryError.self) { try isolate(F.alice) }
        #expect(error?.code == .forbidden)
        #expect(throws: RegistryError.self) { try isolate(F.hongta) }
    }

    @Test("a shared link still needs the collateral acknowledged, in the same step")
    func collateral() throws {
        let error = #expect(throws: RegistryError.self) { try isolate(ports: [F.sharedPort]) }
        #expect(error?.rule == "shared-link-collateral")
        #expect(try isolate(ports: [F.sharedPort], acknowledging: true).order.collateralAcknowledgedBy == "lead")
    }

    @Test("the retrospective approver is never the lead; the order cannot close without it")
    func retrospective() throws {
        let order = try F.run(isolate().order, [F.down(F.ownPort)], at: now)
        #expect(order.state == .isolated)
        let own = #expect(throws: RegistryError.self) {
            try IsolationWorkflow.next(order, .approveRetrospectively, by: F.lead, at: now)
        }
        #expect(own?.rule == "four-eyes")
        let approved = try IsolationWorkflow.next(
            order, .approveRetrospectively, by: F.bob, at: now.adding(minutes: 30)
        ).order
        #expect(approved.emergency?.approvedBy == "bob")
        #expect(approved.approvedBy == "bob")
        #expect(throws: RegistryError.self) {
            try IsolationWorkflow.next(approved, .approveRetrospectively, by: F.alice, at: now)
        }

        var unapproved = order
        unapproved.state = .restored
        let close = #expect(throws: RegistryError.self) {
            try IsolationWorkflow.next(unapproved, .close, by: F.bob, at: now)
        }
        #expect(close?.rule == "emergency-approval")
    }

    @Test("the missing approval is overdue once its limit passes")
    func overdue() throws {
        let order = try isolate().order
        let before = IsolationClock.overdue(order, policy: policy, calendar: nil, now: now.adding(minutes: 239))
        #expect(!before.contains { $0.step == .retrospectiveApproval })
        let after = IsolationClock.overdue(order, policy: policy, calendar: nil, now: now.adding(minutes: 240))
        #expect(after.map(\.step) == [.execution, .retrospectiveApproval])
        let late = try IsolationWorkflow.next(order, .approveRetrospectively, by: F.bob, at: now.adding(minutes: 300))
        #expect(late.entries.last?.event == .note("紧急隔离事后审批通过（已超过时限）"))
        #expect(
            IsolationClock.overdue(late.order, policy: policy, calendar: nil, now: now.adding(minutes: 300)).map(\.step)
                == [.execution])
    }
}
