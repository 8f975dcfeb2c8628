import Foundation
import GRDB
import WaiwangAPI
import WaiwangCore

extension RegistryStore {
    /// One step of an order by a person: the workflow checks state, role, division, four eyes and collateral;
    /// the store saves the order, queues its port commands for the hub's agent and moves the unit's state, all in
    /// one audited transaction.
    public func actOnOrder(_ id: String, _ action: IsolationAction, as principal: Principal) async throws -> OrderView {
        try await actOnOrder(id, as: principal) { order, now in
            [try IsolationWorkflow.next(order, action, by: principal, at: now)]
        }
    }

    /// Records the unit's remediation report: starts remediation when the order is `isolated`, then submits the
    /// summary with the attachments (PDF, PNG or JPEG, kept by SHA-256 in the attachment store).
    public func remediateOrder(_ id: String, _ input: RemediationInput, as principal: Principal) async throws
        -> OrderView
    {
        var names: [String] = []
        for (index, attachment) in (input.attachments ?? []).enumerated() {
            guard let data = Data(base64Encoded: attachment.contentBase64) else {
                throw RegistryError.invalid(
                    "attachments[\(index)].contentBase64", rule: "attachment-encoding",
                    "attachment \(attachment.filename) is not base64")
            }
            let saved = try attachments.save(data, limit: policy.attachmentMaxBytes)
            let filename =
                attachment.filename.trimmingBlanks().isEmpty ? "attachment-\(index + 1)" : attachment.filename
            names.append("\(filename) (\(saved.sha256))")
        }
        let attached = names
        return try await actOnOrder(id, as: principal) { order, now in
            var steps: [IsolationStep] = []
            var current = order
            if current.state == .isolated {
                let started = try IsolationWorkflow.next(current, .startRemediation, by: principal, at: now)
                steps.append(started)
                current = started.order
            }
            steps.append(
                try IsolationWorkflow.next(
                    current, .submitRemediation(summary: input.summary, attachments: attached), by: principal, at: now))
            return steps
        }
    }

    private func actOnOrder(
        _ id: String, as principal: Principal,
        _ steps: @escaping @Sendable (IsolationOrder, Instant) throws -> [IsolationStep]
    ) async throws -> OrderView {
        let (view, committed) = try await writer.write { db in
            let order = try self.resolveOrder(id, in: db, as: principal)
            let now = IncidentCodec.instant(self.now())
            var agents: Set<Int64> = []
            var current = order
            for step in try steps(order, now) {
                agents.formUnion(try self.queueOrderCommands(step.commands, of: step.order, by: principal, in: db))
                current = step.order
            }
            try self.saveOrder(current, before: order, by: principal, in: db)
            return (try self.orderView(current, in: db), CommittedOrder(order: current, agents: agents))
        }
        for agent in committed.agents { commandSignal.notify(agent) }
        if let incident = committed.order.incidentId {
            await escalate(EscalationTrigger(incidentId: incident, orderId: committed.order.id))
        }
        return view
    }

    /// Writes the order's value and state, audits the change and moves the unit's state with it.
    func saveOrder(_ order: IsolationOrder, before: IsolationOrder, by principal: Principal, in db: Database) throws {
        try db.execute(
            sql: "UPDATE isolationOrder SET state = ?, updatedAt = ?, value = ? WHERE id = ?",
            arguments: [order.state.rawValue, timestamp(), try IncidentCodec.text(order), order.id])
        let action = before.state == order.state ? "order.update" : "order.\(order.state.rawValue)"
        try auditor(principal).append(
            db, action: action, entity: "isolationOrder", entityId: order.id, before: before, after: order)
        try updateUnitIsolation(before: before, after: order, by: principal, in: db)
        if order.state == .closed, before.state != .closed, let incidentId = order.incidentId {
            try closeIncident(incidentId, by: order, actor: principal, in: db)
        }
    }

    /// Handling ended with the order's close: the incident closes too, so a later alert of the unit opens a new
    /// one (a repeat offence for the severity rules).
    private func closeIncident(_ id: String, by order: IsolationOrder, actor: Principal, in db: Database) throws {
        guard let value = try String.fetchOne(db, sql: "SELECT value FROM incident WHERE id = ?", arguments: [id])
        else { return }
        _ = try close(
            try IncidentCodec.value(Incident.self, value),
            with: TimelineEntry(
                at: order.stateEnteredAt, actor: actor.name,
                event: .order(orderId: order.id, state: .closed, note: "事件处置结束")),
            by: actor, in: db)
    }

    /// Queues a `port.shutdown` or `port.restore` per command for the live agent of the port's hub, linked to the
    /// order; refuses (and so rolls back the step) when a hub has no enrolled agent. Returns the agents to wake.
    func queueOrderCommands(
        _ commands: [PortCommand], of order: IsolationOrder, by principal: Principal,
        in db: Database
    ) throws -> Set<Int64> {
        var agents: Set<Int64> = []
        for command in commands {
            guard
                let hub = try String.fetchOne(
                    db, sql: "SELECT hubCode FROM hubDevice WHERE name = ?", arguments: [command.device])
            else {
                throw RegistryError.conflict(
                    "ports", rule: "agent-hub", "device \(command.device) of order \(order.id) is no longer registered")
            }
            guard let agentId = try liveAgent(ofHub: hub, in: db) else {
                throw RegistryError.conflict(
                    "ports", rule: "agent-enrolled",
                    "hub \(hub) has no enrolled agent to set \(command.device) \(command.ifName); enrol one (waiwangctl agents create) and try again"
                )
            }
            let queued = try insertAgentCommand(
                command.direction == .down ? .portShutdown : .portRestore, device: command.device,
                ifName: command.ifName, deadlineSeconds: 30, agentId: agentId, by: principal, in: db)
            try db.execute(
                sql: """
                    INSERT INTO isolationCommand (commandId, orderId, direction, device, ifName) VALUES (?, ?, ?, ?, ?)
                    """,
                arguments: [queued.command.id, order.id, command.direction.rawValue, command.device, command.ifName])
            agents.insert(agentId)
        }
        return agents
    }

    /// The unit shows `isolated` while an order cuts it (executing … verifying) and `active` again once restored.
    func updateUnitIsolation(
        before: IsolationOrder?, after: IsolationOrder, by principal: Principal,
        in db: Database
    ) throws {
        let wasCut = before?.state.cutsUnit ?? false
        guard wasCut != after.state.cutsUnit, let unitId = Int64(after.unit),
            let unit = try UnitRecord.fetchOne(db, key: unitId)
        else { return }
        let next: UnitState
        if after.state.cutsUnit {
            guard unit.state == UnitState.active.rawValue else { return }
            next = .isolated
        } else {
            let stillCut =
                try Bool.fetchOne(
                    db,
                    sql: """
                        SELECT 1 FROM isolationOrder WHERE unitId = ? AND id != ?
                        AND state IN (\(IsolationState.cutsUnitSQL))
                        """, arguments: [unitId, after.id]) ?? false
            guard unit.state == UnitState.isolated.rawValue, !stillCut else { return }
            next = .active
        }
        try db.execute(
            sql: "UPDATE unit SET state = ?, updatedAt = ? WHERE id = ?",
            arguments: [next.rawValue, timestamp(), unitId])
        try auditor(principal).append(
            db, action: next == .isolated ? "unit.isolate" : "unit.restore", entity: "unit",
            entityId: unit.creditCode, before: UnitIsolationRecord(state: unit.state, order: after.id),
            after: UnitIsolationRecord(state: next.rawValue, order: after.id))
    }
}

/// What the audit log keeps when an order moves a unit's state.
struct UnitIsolationRecord: Encodable {
    var state: String
    var order: String
}
