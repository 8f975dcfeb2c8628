import GRDB
import WaiwangAPI
import WaiwangCore

extension RegistryStore {
    /// Incidents, most recently seen first, within the caller's scope.
    public func listIncidents(_ filter: IncidentFilter, as principal: Principal) async throws -> Page<IncidentView> {
        try await writer.read { db in
            var conditions = SQLConditions()
            conditions.confine(principal, column: "divisionCode")
            if let state = filter.state {
                guard ["open", "closed"].contains(state) else {
                    throw RegistryError.invalid(
                        "state", rule: "incident-state", "state is open or closed, not \"\(state)\"")
                }
                conditions.add("state = ?", state)
            }
            if let unit = filter.unit {
                conditions.add("unitId = ?", try self.resolveUnit(unit, in: db, as: principal).id)
            }
            if let grade = filter.grade { conditions.add("grade = ?", grade.rawValue) }
            if let kind = filter.kind { conditions.add("kind = ?", kind.rawValue) }
            let total =
                try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM incident" + conditions.whereClause, arguments: conditions.arguments)
                ?? 0
            var arguments = conditions.arguments
            arguments += [filter.limit, filter.offset]
            let items = try String.fetchAll(
                db,
                sql: "SELECT value FROM incident" + conditions.whereClause
                    + " ORDER BY lastSeen DESC, serial DESC LIMIT ? OFFSET ?", arguments: arguments
            ).map { try self.incidentView(IncidentCodec.value(Incident.self, $0), detail: false, in: db) }
            return Page(items: items, total: total, limit: filter.limit, offset: filter.offset)
        }
    }

    /// One incident with its alerts, orders and timeline.
    public func incident(_ id: String, as principal: Principal) async throws -> IncidentView {
        try await writer.read { db in
            try self.incidentView(try self.resolveIncident(id, in: db, as: principal), detail: true, in: db)
        }
    }

    /// A person sets the grade (security staff or an admin; the reason is mandatory and recorded).
    public func gradeIncident(_ id: String, _ input: GradeInput, as principal: Principal) async throws -> IncidentView {
        let grade = try IncidentGrade(parsing: input.grade)
        let view = try await writer.write { db in
            var incident = try self.resolveIncident(id, in: db, as: principal)
            let before = incident
            try incident.overrideGrade(
                to: grade, reason: input.reason, by: principal, at: IncidentCodec.instant(self.now()))
            try self.saveIncident(incident, in: db)
            try self.auditor(principal).append(
                db, action: "incident.grade", entity: "incident", entityId: incident.id,
                before: IncidentAuditRecord(before), after: IncidentAuditRecord(incident))
            return try self.incidentView(incident, detail: true, in: db)
        }
        await escalate(EscalationTrigger(incidentId: view.id))
        return view
    }

    /// Ends the handling of an incident without (or after) an order: a false positive, a matter settled with the
    /// unit. Security staff or an admin, with the reason; refused while an order of it is in progress.
    public func closeIncident(_ id: String, reason: String, as principal: Principal) async throws -> IncidentView {
        guard principal.role == .security || principal.role == .admin else {
            throw RegistryError.forbidden(
                "\(principal.name) (\(principal.role.rawValue)) may not close an incident; security staff or an admin may"
            )
        }
        let why = try FieldRules.required(reason, field: "reason", label: "关闭理由 (reason)")
        let view = try await writer.write { db in
            var incident = try self.resolveIncident(id, in: db, as: principal)
            guard
                try String.fetchOne(db, sql: "SELECT state FROM incident WHERE id = ?", arguments: [incident.id])
                    == "open"
            else {
                throw RegistryError.conflict(
                    "state", rule: "incident-state", "incident \(incident.id) is already closed")
            }
            if let order = try openOrderId(ofIncident: incident.id, in: db) {
                throw RegistryError.conflict(
                    "state", rule: "one-open-order",
                    "order \(order) of incident \(incident.id) is in progress; close or cancel it first")
            }
            incident = try self.close(
                incident,
                with: TimelineEntry(
                    at: IncidentCodec.instant(self.now()), actor: principal.name, event: .note("事件关闭：\(why)")),
                by: principal, in: db)
            return try self.incidentView(incident, detail: true, in: db)
        }
        await escalate(EscalationTrigger(incidentId: view.id))
        return view
    }

    /// Closes an open incident with `entry` as the last line of its timeline, audited as `incident.close`: by a
    /// person, with its order's close, or when a fault clears. The caller escalates after commit (the summary
    /// report is due once handling ended).
    func close(_ incident: Incident, with entry: TimelineEntry, by principal: Principal, in db: Database) throws
        -> Incident
    {
        var closed = incident
        closed.timeline.append(entry)
        try saveIncident(closed, in: db)
        try db.execute(sql: "UPDATE incident SET state = 'closed' WHERE id = ?", arguments: [incident.id])
        try auditor(principal).append(
            db, action: "incident.close", entity: "incident", entityId: incident.id,
            before: IncidentAuditRecord(incident), after: IncidentAuditRecord(closed))
        return closed
    }

    func incidentView(_ incident: Incident, detail: Bool, in db: Database) throws -> IncidentView {
        let row = try Row.fetchOne(
            db, sql: "SELECT state, createdAt FROM incident WHERE id = ?", arguments: [incident.id])
        var unitId: String?
        var unit: UnitRecord?
        if case .unit(let id) = incident.subject {
            unitId = id
            unit = try Int64(id).flatMap { try UnitRecord.fetchOne(db, key: $0) }
        }
        let orderIds = try String.fetchAll(
            db, sql: "SELECT id FROM isolationOrder WHERE incidentId = ? ORDER BY serial", arguments: [incident.id])
        let alerts =
            detail
            ? try Row.fetchAll(
                db,
                sql: """
                    SELECT a.* FROM incidentAlert ia JOIN agentAlert a ON a.agentId = ia.agentId AND a.alertId = ia.alertId
                    WHERE ia.incidentId = ? ORDER BY a.firstSeen, a.alertId
                    """, arguments: [incident.id]
            ).map {
                IncidentAlertView(
                    alertId: $0["alertId"], agentId: $0["agentId"], kind: $0["kind"], attacker: $0["attacker"],
                    linkId: $0["linkId"], firstSeen: $0["firstSeen"], lastSeen: $0["lastSeen"],
                    targetCount: $0["targetCount"], packets: $0["packets"], packetsPerSecond: $0["packetsPerSecond"],
                    evidenceSha256: $0["evidenceSha256"])
            } : []
        return IncidentView(
            id: incident.id, unit: unitId, unitName: unit?.name, creditCode: unit?.creditCode, units: incident.units,
            divisionCode: incident.division, kind: incident.kind.rawValue, grade: incident.grade.rawValue,
            gradeRule: incident.gradeRule, gradeReason: incident.gradeReason, state: row?["state"] ?? "open",
            firstSeen: IncidentCodec.time(incident.firstSeen), lastSeen: IncidentCodec.time(incident.lastSeen),
            createdAt: row?["createdAt"] ?? IncidentCodec.time(incident.detectedAt), attackers: incident.attackers,
            links: incident.links, packets: incident.packets, peakPacketsPerSecond: incident.peakPacketsPerSecond,
            targetCount: incident.targetCount, criticalTargets: incident.criticalTargets,
            alertIds: incident.signals.map(\.alertId), orderIds: orderIds,
            alerts: alerts, timeline: incident.timeline.map(Self.timelineView))
    }

    static func timelineView(_ entry: TimelineEntry) -> TimelineEntryView {
        TimelineEntryView(
            at: IncidentCodec.time(entry.at), actor: entry.actor, event: IncidentCodec.eventCode(entry.event),
            text: entry.event.label)
    }
}
