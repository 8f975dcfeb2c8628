import GRDB
import WaiwangCore

/// What the registry calls after every incident creation or grade change and every order step: the escalation
/// case (for `EscalationPlanner`) and the report's input. The dispatcher deduplicates, so it may be called often;
/// it should return quickly (queue the delivery, do not send inline).
public typealias EscalationHook = @Sendable (EscalationCase, IncidentReportInput) async -> Void

extension RegistryStore {
    /// The escalation hook; nil (the default) calls nothing. Set it once at start-up (or in a test, to record).
    public var onEscalation: EscalationHook? {
        get { escalationHook.withLock { $0 } }
        set { escalationHook.withLock { $0 = newValue } }
    }

    /// Builds the case and the report input of the trigger's incident (and order) and calls the hook.
    func escalate(_ trigger: EscalationTrigger) async {
        guard let hook = onEscalation else { return }
        guard let (escalation, input) = try? await escalationInput(trigger) else { return }
        await hook(escalation, input)
    }

    /// The case and the report input of an incident, with the order named (or its latest), as of now; an
    /// incident outside `principal`'s division is not found.
    public func escalationInput(incidentId: String, orderId: String? = nil, as principal: Principal = .system)
        async throws -> (EscalationCase, IncidentReportInput)
    {
        try await escalationInput(EscalationTrigger(incidentId: incidentId, orderId: orderId), as: principal)
    }

    private func escalationInput(_ trigger: EscalationTrigger, as principal: Principal = .system) async throws
        -> (EscalationCase, IncidentReportInput)
    {
        let generatedAt = IncidentCodec.instant(now())
        let divisionNames = Dictionary(uniqueKeysWithValues: tree.divisions.map { ($0.code, $0.name) })
        return try await writer.read { db in
            let incident = try self.resolveIncident(trigger.incidentId, in: db, as: principal)
            let orderText: String? =
                if let id = trigger.orderId {
                    try String.fetchOne(db, sql: "SELECT value FROM isolationOrder WHERE id = ?", arguments: [id])
                } else {
                    try String.fetchOne(
                        db, sql: "SELECT value FROM isolationOrder WHERE incidentId = ? ORDER BY serial DESC LIMIT 1",
                        arguments: [incident.id])
                }
            let order = try orderText.map { try IncidentCodec.value(IsolationOrder.self, $0) }
            var unitName = incident.units.joined(separator: "、")
            var creditCode: String?
            if case .unit(let id) = incident.subject, let unitId = Int64(id),
                let unit = try UnitRecord.fetchOne(db, key: unitId)
            {
                unitName = unit.name
                creditCode = unit.creditCode
            }
            var linkName: String?
            var hubName: String?
            if let link = incident.links.first.flatMap({ Int64($0) }),
                let row = try Row.fetchOne(
                    db,
                    sql: """
                        SELECT link.port, hubDevice.name AS device, hub.name AS hubName FROM link
                        JOIN hubDevice ON hubDevice.id = link.deviceId JOIN hub ON hub.code = hubDevice.hubCode
                        WHERE link.id = ?
                        """, arguments: [link])
            {
                linkName = "链路 \(link)（\(row["device"] as String) \(row["port"] as String)）"
                hubName = row["hubName"]
            } else if let hub = incident.signals.compactMap(\.hub).first {
                hubName = try String.fetchOne(db, sql: "SELECT name FROM hub WHERE code = ?", arguments: [hub])
            }
            let evidence = try Row.fetchAll(
                db,
                sql: """
                    SELECT a.alertId, a.evidenceSha256 FROM incidentAlert ia
                    JOIN agentAlert a ON a.agentId = ia.agentId AND a.alertId = ia.alertId
                    WHERE ia.incidentId = ? AND a.evidenceSha256 IS NOT NULL ORDER BY a.alertId
                    """, arguments: [incident.id]
            ).map { EvidenceFile(name: "\($0["alertId"] as String).pcap", sha256: $0["evidenceSha256"]) }
            let closed =
                try String.fetchOne(db, sql: "SELECT state FROM incident WHERE id = ?", arguments: [incident.id])
                == "closed"
            let ended =
                order.flatMap { $0.state == .closed ? $0.stateEnteredAt : nil }
                ?? (closed ? incident.timeline.last?.at : nil)
            let escalation = EscalationCase(incident: incident, order: order, handlingEndedAt: ended)
            let input = IncidentReportInput(
                incident: incident, unitName: unitName, creditCode: creditCode,
                divisionName: divisionNames[incident.division] ?? incident.division, linkName: linkName,
                hubName: hubName, order: order, evidence: evidence, generatedAt: generatedAt)
            return (escalation, input)
        }
    }
}
