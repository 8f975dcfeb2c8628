import Foundation
import Testing
import WaiwangAPI
import WaiwangCore
import WaiwangStore

/// An isolation order through the API from proposal to close: four eyes, port commands for the hub's agent, the
/// agent's read-back, the unit and link shown as deliberately cut, remediation, verification, restore.
@Suite("Isolation orders")
struct IsolationOrderFlowTests {
    @Test("propose → four eyes → approve → execute → confirmed → isolated → remediate → verify → restore → close")
    func fullCycle() async throws {
        let fixture = try await RegistryFixture()
        let log = EscalationLog()
        fixture.store.onEscalation = log.hook
        let incident = try await fixture.incident()
        let link = try await fixture.link(hub: "HT").id
        let secret = try #require(fixture.tokens[.agent])
        try await fixture.withAPI { api in
            let proposed = try await api.send(.post, "/api/v1/orders", as: .security,
                                              json: OrderProposal(incidentId: incident.id, reason: "持续端口扫描"))
            #expect(proposed.status == .created, "\(proposed.text)")
            var order = try proposed.decode(OrderView.self)
            #expect(order.state == "proposed")
            #expect(order.possibleActions == ["approve", "reject", "cancel"])
            #expect(order.deadlines.map(\.step) == ["approval"])
            #expect(order.deadlines.first?.overdue == false)
            #expect(order.proposedBy == "security")
            #expect(order.collateralUnits.isEmpty)
            #expect(order.ports.map { "\($0.device) \($0.ifName) \($0.down)" }
                    == ["\(RegistryFixture.device(ofHub: "HT")) \(RegistryFixture.samplePort) pending"])

            // Four eyes: the proposer may not approve.
            try await api.send(.post, "/api/v1/orders/\(order.id)/approve", as: .security)
                .expectProblem(.forbidden, rule: "four-eyes")
            // Nothing is sent before approval.
            try await api.send(.post, "/api/v1/orders/\(order.id)/execute", as: .admin)
                .expectProblem(.conflict, field: "state", rule: "isolation-workflow")
            order = try await api.send(.post, "/api/v1/orders/\(order.id)/approve", as: .admin).decode(OrderView.self)
            #expect(order.state == "approved")
            #expect(order.approvedBy == "admin")

            order = try await api.send(.post, "/api/v1/orders/\(order.id)/execute", as: .security).decode(OrderView.self)
            #expect(order.state == "executing")
            #expect(order.ports.map(\.down) == ["sent"])
            let unit = try await api.fetch(UnitView.self, "/api/v1/units/\(RegistryFixture.hongtaCode)")
            #expect(unit.state == .isolated)

            // The hub's agent gets one port.shutdown and reports the read-back.
            let commands = try await api.send(.get, "/api/v1/agent/commands?wait=0", bearer: secret)
                .decode([AgentCommand].self)
            #expect(commands.map(\.kind) == [.portShutdown])
            #expect(commands.map(\.ifName) == [RegistryFixture.samplePort])
            let command = try #require(commands.first)
            let result = AgentCommandResult(id: command.id, outcome: .confirmed, adminStatus: "down",
                                            operStatus: "down", message: "", finishedAt: Sample.time(1))
            #expect(try await api.send(.post, "/api/v1/agent/commands/\(command.id)/result", bearer: secret,
                                       json: result).status == .ok)
            order = try await api.fetch(OrderView.self, "/api/v1/orders/\(order.id)")
            #expect(order.state == "isolated")
            #expect(order.ports.map(\.down) == ["confirmed"])
            let state = try await api.fetch(LinkStateView.self, "/api/v1/links/\(link)/state")
            #expect(state.health == "adminDown")
            #expect(state.isolatedBy == order.id)
            let metrics = try await api.get("/metrics", as: nil).text
            #expect(metrics.contains("waiwang_isolation_orders{state=\"isolated\"} 1"), "\(metrics)")
            #expect(metrics.contains("waiwang_incidents_open{grade=\"general\"} 1"))
            #expect(metrics.contains("waiwang_isolation_orders_overdue{step=\"remediation\"} 0"))

            // The county of the unit records the remediation; security staff verify it.
            order = try await api.send(.post, "/api/v1/orders/\(order.id)/remediate", as: .hongta,
                                       json: RemediationInput(summary: "已查杀木马并加固口令", attachments: [
                                        RemediationAttachment(filename: "整改报告.pdf",
                                                              contentBase64: RegistryFixture.samplePDF.base64EncodedString()),
                                       ])).decode(OrderView.self)
            #expect(order.state == "verifying")
            #expect(order.remediation?.attachments.count == 1)
            try await api.send(.post, "/api/v1/orders/\(order.id)/restore", as: .security)
                .expectProblem(.conflict, field: "verification")
            order = try await api.send(.post, "/api/v1/orders/\(order.id)/verify", as: .security,
                                       json: VerificationInput(accepted: true, note: "复核通过")).decode(OrderView.self)
            #expect(order.verifiedBy == "security")
            order = try await api.send(.post, "/api/v1/orders/\(order.id)/restore", as: .security).decode(OrderView.self)
            #expect(order.ports.map(\.up) == ["sent"])
            let restores = try await api.send(.get, "/api/v1/agent/commands?wait=0", bearer: secret)
                .decode([AgentCommand].self)
            #expect(restores.map(\.kind) == [.portRestore])
            let restore = try #require(restores.first)
            _ = try await api.send(.post, "/api/v1/agent/commands/\(restore.id)/result", bearer: secret,
                                   json: AgentCommandResult(id: restore.id, outcome: .confirmed, adminStatus: "up",
                                                            operStatus: "up", message: "", finishedAt: Sample.time(2)))
            order = try await api.fetch(OrderView.self, "/api/v1/orders/\(order.id)")
            #expect(order.state == "restored")
            #expect(try await api.fetch(UnitView.self, "/api/v1/units/\(RegistryFixture.hongtaCode)").state == .active)
            #expect(try await api.fetch(LinkStateView.self, "/api/v1/links/\(link)/state").isolatedBy == nil)

            order = try await api.send(.post, "/api/v1/orders/\(order.id)/close", as: .admin).decode(OrderView.self)
            #expect(order.state == "closed")
            let shown = try await api.fetch(IncidentView.self, "/api/v1/incidents/\(incident.id)")
            #expect(shown.orderIds == [order.id])
            #expect(shown.state == "closed")
            #expect(shown.timeline.last?.event == "order-closed")
            let listed = try await api.fetch(Page<OrderView>.self, "/api/v1/orders?state=closed&incident=\(incident.id)")
            #expect(listed.items.map(\.id) == [order.id])
        }
        let actions = try await fixture.store.auditEntries(entity: "isolationOrder").map(\.action)
        #expect(actions == ["order.propose", "order.approved", "order.executing", "order.isolated", "order.verifying",
                            "order.update", "order.update", "order.restored", "order.closed"])
        let states = log.cases.compactMap { $0.isolation?.state }
        #expect(states.contains(.executing) && states.contains(.isolated) && states.contains(.closed))
        #expect(log.cases.last?.handlingEndedAt != nil)
    }

    @Test("a failed read-back keeps the order executing with failed set, and retry resends only that port")
    func failedReadBack() async throws {
        let fixture = try await RegistryFixture()
        _ = try await fixture.order(in: .approved)
        let orderId = try #require(try await fixture.store.listOrders(OrderFilter(), as: .system).items.first?.id)
        _ = try await fixture.store.actOnOrder(orderId, .execute, as: Staff.approver)
        var order = try await fixture.answerCommands(adminStatus: "up")
        #expect(order.state == "executing")
        #expect(order.failed)
        #expect(order.ports.map(\.down) == ["failed"])
        #expect(order.ports.first?.failure?.contains("read-back") == true)
        #expect(try await fixture.unit(RegistryFixture.hongtaCode).state == .isolated)
        try await fixture.withAPI { api in
            let retried = try await api.send(.post, "/api/v1/orders/\(orderId)/retry", as: .security)
                .decode(OrderView.self)
            #expect(retried.ports.map(\.down) == ["sent"])
        }
        order = try await fixture.answerCommands(adminStatus: "down")
        #expect(order.state == "isolated")
        #expect(!order.failed)
    }

    @Test("a timed-out shutdown shows timed_out and keeps the order executing")
    func timedOut() async throws {
        let fixture = try await RegistryFixture()
        let order = try await fixture.order(in: .approved)
        _ = try await fixture.store.actOnOrder(order.id, .execute, as: Staff.approver)
        let shown = try await fixture.answerCommands(outcome: .timedOut, adminStatus: "up")
        #expect(shown.state == "executing")
        #expect(shown.failed)
        #expect(shown.ports.map(\.down) == ["timed_out"])
        #expect(shown.timeline.contains { $0.event == "escalation" })
    }

    @Test("remediation: another county may not record it; a rejected verification sends it back with the note")
    func remediationScope() async throws {
        let fixture = try await RegistryFixture()
        let order = try await fixture.order(in: .isolated)
        try await fixture.withAPI { api in
            try await api.send(.post, "/api/v1/orders/\(order.id)/remediate", as: .tonghai,
                               json: RemediationInput(summary: "x")).expectProblem(.notFound, field: "id")
            try await api.send(.post, "/api/v1/orders/\(order.id)/remediate", as: .hongta,
                               json: RemediationInput(summary: " ")).expectProblem(.badRequest, field: "summary")
            _ = try await api.send(.post, "/api/v1/orders/\(order.id)/remediate", as: .hongta,
                                   json: RemediationInput(summary: "已查杀"))
            try await api.send(.post, "/api/v1/orders/\(order.id)/verify", as: .security,
                               json: VerificationInput(accepted: false)).expectProblem(.badRequest, field: "note")
            let back = try await api.send(.post, "/api/v1/orders/\(order.id)/verify", as: .security,
                                          json: VerificationInput(accepted: false, note: "仍有外联"))
                .decode(OrderView.self)
            #expect(back.state == "remediating")
            #expect(back.timeline.last?.text.contains("仍有外联") == true)
            #expect(try await api.fetch(UnitView.self, "/api/v1/units/\(RegistryFixture.hongtaCode)").state == .isolated)
        }
    }

    @Test("a shared link: execute is refused until the collateral is acknowledged (article 17)")
    func sharedLinkCollateral() async throws {
        let fixture = try await RegistryFixture()
        let (owner, neighbour, _) = try await fixture.sharedLink()
        let incident = try await fixture.incident(attacker: "10.1.5.9", port: "GigabitEthernet0/0/5")
        #expect(incident.unit == String(owner.id))
        try await fixture.withAPI { api in
            var order = try await api.send(.post, "/api/v1/orders", as: .security,
                                           json: OrderProposal(incidentId: incident.id)).decode(OrderView.self)
            #expect(order.collateralUnits == [String(neighbour.id)])
            order = try await api.send(.post, "/api/v1/orders/\(order.id)/approve", as: .admin).decode(OrderView.self)
            let before = try await fixture.store.agentCommands(agentId: try await fixture.fixtureAgent().id, as: .system)
            try await api.send(.post, "/api/v1/orders/\(order.id)/execute", as: .security)
                .expectProblem(.conflict, field: "collateral", rule: "shared-link-collateral")
            #expect(try await fixture.store.agentCommands(agentId: try await fixture.fixtureAgent().id, as: .system) == before)
            order = try await api.send(.post, "/api/v1/orders/\(order.id)/acknowledge-collateral", as: .security)
                .decode(OrderView.self)
            #expect(order.collateralAcknowledgedBy == "security")
            order = try await api.send(.post, "/api/v1/orders/\(order.id)/execute", as: .security).decode(OrderView.self)
            #expect(order.state == "executing")
        }
    }

    @Test("isolate-now by an emergency lead executes at once; another person approves afterwards before close")
    func emergency() async throws {
        let fixture = try await RegistryFixture()
        let incident = try await fixture.incident()
        try await fixture.withAPI { api in
            try await api.send(.post, "/api/v1/orders/isolate-now", as: .hongta,
                               json: IsolateNowInput(incidentId: incident.id)).expectProblem(.forbidden)
            let response = try await api.send(.post, "/api/v1/orders/isolate-now", as: .security,
                                              json: IsolateNowInput(incidentId: incident.id, acknowledgeCollateral: false))
            #expect(response.status == .created, "\(response.text)")
            let order = try response.decode(OrderView.self)
            #expect(order.state == "executing")
            #expect(order.emergency)
            #expect(order.retrospectiveDue != nil)
            try await api.send(.post, "/api/v1/orders/\(order.id)/approve-retrospectively", as: .security)
                .expectProblem(.forbidden, rule: "four-eyes")
            let approved = try await api.send(.post, "/api/v1/orders/\(order.id)/approve-retrospectively", as: .admin)
                .decode(OrderView.self)
            #expect(approved.retrospectivelyApprovedBy == "admin")
        }
    }

    @Test("bad input names what is wrong and writes nothing")
    func badInput() async throws {
        let fixture = try await RegistryFixture()
        let incident = try await fixture.incident()
        try await fixture.withAPI { api in
            let before = try await fixture.counts()
            try await api.send(.post, "/api/v1/orders", as: .security, json: OrderProposal(incidentId: "INC-2026-999999"))
                .expectProblem(.notFound, field: "incidentId")
            try await api.send(.post, "/api/v1/orders", as: .security, json: OrderProposal(incidentId: " "))
                .expectProblem(.badRequest, field: "incidentId")
            try await api.send(.post, "/api/v1/orders", as: .auditor, json: OrderProposal(incidentId: incident.id))
                .expectProblem(.forbidden)
            try await api.get("/api/v1/orders?state=sideways").expectProblem(.badRequest, field: "state")
            try await api.get("/api/v1/orders/ORD-2026-999999").expectProblem(.notFound, field: "id")
            #expect(try await fixture.counts() == before)
            let order = try await api.send(.post, "/api/v1/orders", as: .security,
                                           json: OrderProposal(incidentId: incident.id)).decode(OrderView.self)
            try await api.send(.post, "/api/v1/orders", as: .security, json: OrderProposal(incidentId: incident.id))
                .expectProblem(.conflict, field: "incidentId", rule: "one-open-order")
            try await api.send(.post, "/api/v1/orders/\(order.id)/reject", as: .admin)
                .expectProblem(.badRequest, field: "reason")
            try await api.send(.post, "/api/v1/orders/\(order.id)/cancel", as: .admin, json: OrderNote(reason: ""))
                .expectProblem(.badRequest, field: "reason")
            let rejected = try await api.send(.post, "/api/v1/orders/\(order.id)/reject", as: .admin,
                                              json: OrderNote(reason: "证据不足")).decode(OrderView.self)
            #expect(rejected.state == "rejected")
        }
    }

    @Test("execute without an enrolled agent at the hub is refused and leaves the order approved")
    func noAgent() async throws {
        let fixture = try await RegistryFixture()
        // 通海县's hub has no agent in the fixture; the 红塔区 agent saw a 通海县 address (no link of its own hub).
        let agent = try await fixture.fixtureAgent()
        _ = try await fixture.store.ingest(ObservationBatch(observations: [
            Sample.alert("th-1", link: nil, attacker: "10.4.0.9")]), from: agent)
        try await fixture.store.foldNewAlerts()
        let incident = try #require(try await fixture.store.listIncidents(IncidentFilter(), as: .system).items.first)
        var order = try await fixture.store.proposeOrder(OrderProposal(incidentId: incident.id), as: Staff.proposer)
        order = try await fixture.store.actOnOrder(order.id, .approve, as: Staff.approver)
        await #expect(throws: RegistryError.self) {
            _ = try await fixture.store.actOnOrder(order.id, .execute, as: Staff.approver)
        }
        #expect(try await fixture.store.order(order.id, as: .system).state == "approved")
        #expect(try await fixture.unit(RegistryFixture.tonghaiCode).state == .active)
    }
}

/// After handling ends, the same attack going on is a new incident, graded as a repeat offence in time.
@Suite("Incidents after an order closed")
struct RepeatIncidentTests {
    @Test("a link of an order in progress cannot be removed; once the order closed it can")
    func linkOfOrder() async throws {
        let fixture = try await RegistryFixture()
        let order = try await fixture.order(in: .restored)
        let link = try await fixture.link(hub: "HT").id
        let refused = try await fixture.withAPI { api in try await api.send(.delete, "/api/v1/links/\(link)", as: .admin) }
        try refused.expectProblem(.conflict, field: "link", rule: "isolation-order")
        _ = try await fixture.store.actOnOrder(order.id, .close, as: Staff.verifier)
        try await fixture.store.deleteLink(link, as: .system)
        #expect(try await fixture.store.order(order.id, as: .system).ports.map(\.links) == [[String(link)]])
    }

    @Test("an alert reported again after its order closed opens a new incident")
    func alertAfterClose() async throws {
        let fixture = try await RegistryFixture()
        let order = try await fixture.order(in: .restored)
        _ = try await fixture.store.actOnOrder(order.id, .close, as: Staff.verifier)
        let link = try await fixture.link(hub: "HT").id
        _ = try await fixture.store.ingest(ObservationBatch(observations: [
            RegistryFixture.scan("again-1", link: link, at: Sample.time(600))]), from: try await fixture.fixtureAgent())
        try await fixture.store.foldNewAlerts()
        let incidents = try await fixture.store.listIncidents(IncidentFilter(), as: .system).items
        #expect(incidents.map(\.state).sorted() == ["closed", "open"])
        #expect(incidents.allSatisfy { $0.alertIds == ["port_scan-10.1.2.77"] })
        let reopened = try #require(incidents.first { $0.state == "open" })
        #expect(try await fixture.store.incident(reopened.id, as: .system).alerts.count == 1)
    }
}
