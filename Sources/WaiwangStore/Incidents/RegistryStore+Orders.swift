import Foundation
import GRDB
import WaiwangAPI
import WaiwangCore

/// An order step as the store committed it: the order, the agents whose queue moved, the escalation trigger.
struct CommittedOrder: Sendable {
    var order: IsolationOrder
    var agents: Set<Int64>
}

extension RegistryStore {
    /// Proposes an isolation order of the incident's unit: every hub port carrying one of its links, with the
    /// other units of shared links named as collateral (article 17). Security staff or an admin.
    public func proposeOrder(_ input: OrderProposal, as principal: Principal) async throws -> OrderView {
        try await commitOrder(incidentId: input.incidentId, as: principal) { incident, db in
            try self.insertOrder(for: incident, reason: input.reason, by: principal, emergency: nil, in: db)
        }
    }

    /// The emergency path: an admin or an emergency lead (`emergencyLeads` of isolation.json) proposes, approves and
    /// executes at once; someone else approves afterwards.
    public func isolateNow(_ input: IsolateNowInput, as principal: Principal) async throws -> OrderView {
        try await commitOrder(incidentId: input.incidentId, as: principal) { incident, db in
            try self.insertOrder(
                for: incident, reason: input.reason, by: principal,
                emergency: input.acknowledgeCollateral ?? false, in: db)
        }
    }

    private func commitOrder(
        incidentId: String, as principal: Principal,
        _ make: @escaping @Sendable (Incident, Database) throws -> CommittedOrder
    ) async throws -> OrderView {
        let id = try FieldRules.required(incidentId, field: "incidentId", label: "事件编号 (incidentId)")
        let (view, committed) = try await writer.write { db in
            let incident = try self.resolveIncident(id, in: db, as: principal, field: "incidentId")
            let committed = try make(incident, db)
            return (try self.orderView(committed.order, in: db), committed)
        }
        for agent in committed.agents { commandSignal.notify(agent) }
        await escalate(EscalationTrigger(incidentId: committed.order.incidentId ?? id, orderId: committed.order.id))
        return view
    }

    /// Creates the order of `incident` in the transaction (proposed, or executing on the emergency path when
    /// `emergency` carries the collateral acknowledgement), queues its commands and audits it.
    func insertOrder(
        for incident: Incident, reason: String?, by principal: Principal, emergency: Bool?, in db: Database
    ) throws -> CommittedOrder {
        guard case .unit(let unitText) = incident.subject, let unitId = Int64(unitText),
            let unit = try UnitRecord.fetchOne(db, key: unitId)
        else {
            throw RegistryError.conflict(
                "incidentId", rule: "isolation-subject",
                "incident \(incident.id) blames no single registered unit (a forged source or a fault); an order cuts one unit, so attribute the attacker first"
            )
        }
        if let open = try openOrderId(ofIncident: incident.id, in: db) {
            throw RegistryError.conflict(
                "incidentId", rule: "one-open-order",
                "incident \(incident.id) already has order \(open) in progress; act on it, or cancel it first")
        }
        let now = IncidentCodec.instant(self.now())
        let ports = try isolationPorts(ofUnit: unitId, in: db)
        let why =
            reason.map { $0.trimmingBlanks() }.flatMap { $0.isEmpty ? nil : $0 }
            ?? "事件 \(incident.id)：\(unit.name) \(incident.kind.label)（\(incident.grade.fullLabel)）"
        let (id, serial) = try IncidentCodec.nextId(table: "isolationOrder", prefix: "ORD", at: now, in: db)
        let step: IsolationStep
        if let acknowledged = emergency {
            step = try IsolationWorkflow.isolateNow(
                id: id, incidentId: incident.id, unit: unitText, division: unit.divisionCode, reason: why,
                ports: ports, acknowledgingCollateral: acknowledged, by: principal, at: now,
                policy: incidentPolicy.isolation)
        } else {
            step = try IsolationWorkflow.propose(
                id: id, incidentId: incident.id, unit: unitText, division: unit.divisionCode, reason: why,
                ports: ports, by: principal, at: now)
        }
        try db.execute(
            sql: """
                INSERT INTO isolationOrder (id, serial, incidentId, unitId, divisionCode, state, createdAt, updatedAt,
                    value) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                id, serial, incident.id, unitId, unit.divisionCode, step.order.state.rawValue, timestamp(),
                timestamp(), try IncidentCodec.text(step.order),
            ])
        for port in step.order.ports {
            try db.execute(
                sql: "INSERT INTO isolationOrderPort (orderId, linkId, device, ifName) VALUES (?, ?, ?, ?)",
                arguments: [id, Int64(port.link) ?? 0, port.device, port.ifName])
        }
        try auditor(principal).append(
            db, action: emergency == nil ? "order.propose" : "order.isolate-now", entity: "isolationOrder",
            entityId: id, before: Optional<IsolationOrder>.none, after: step.order)
        let agents = try queueOrderCommands(step.commands, of: step.order, by: principal, in: db)
        try updateUnitIsolation(before: nil, after: step.order, by: principal, in: db)
        return CommittedOrder(order: step.order, agents: agents)
    }

    /// The hub ports of a unit's links, each with every unit its link carries.
    func isolationPorts(ofUnit unitId: Int64, in db: Database) throws -> [IsolationPort] {
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT link.id AS linkId, link.port, hubDevice.name AS device FROM link
                JOIN linkUnit ON linkUnit.linkId = link.id JOIN hubDevice ON hubDevice.id = link.deviceId
                WHERE linkUnit.unitId = ? ORDER BY link.id
                """, arguments: [unitId])
        return try rows.map { row in
            let linkId: Int64 = row["linkId"]
            let carries = try unitIds(ofLink: linkId, in: db)
            return IsolationPort(
                device: row["device"], ifName: row["port"], link: String(linkId), carries: carries.map(String.init))
        }
    }

    /// An incident by id within the caller's scope (outside it the incident does not exist for them).
    func resolveIncident(_ id: String, in db: Database, as principal: Principal, field: String = "id") throws
        -> Incident
    {
        let text = id.trimmingBlanks().uppercased()
        guard let row = try Row.fetchOne(db, sql: "SELECT value FROM incident WHERE id = ?", arguments: [text]) else {
            throw RegistryError.notFound(field, "no incident \"\(id)\" (ids look like INC-2026-000001)")
        }
        let incident = try IncidentCodec.value(Incident.self, row["value"])
        guard principal.covers(division: incident.division) else {
            throw RegistryError.notFound(field, "no incident \"\(id)\" (ids look like INC-2026-000001)")
        }
        return incident
    }

    /// An order by id within the caller's scope.
    func resolveOrder(_ id: String, in db: Database, as principal: Principal) throws -> IsolationOrder {
        let text = id.trimmingBlanks().uppercased()
        guard let row = try Row.fetchOne(db, sql: "SELECT value FROM isolationOrder WHERE id = ?", arguments: [text])
        else {
            throw RegistryError.notFound("id", "no isolation order \"\(id)\" (ids look like ORD-2026-000001)")
        }
        let order = try IncidentCodec.value(IsolationOrder.self, row["value"])
        guard principal.role == .agent || principal.covers(division: order.division) else {
            throw RegistryError.notFound("id", "no isolation order \"\(id)\" (ids look like ORD-2026-000001)")
        }
        return order
    }
}
