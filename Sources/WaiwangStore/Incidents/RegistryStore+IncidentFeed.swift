import Foundation
import GRDB
import WaiwangCore

/// An incident (and perhaps its order) whose escalation case may have changed: the hook is told after commit.
struct EscalationTrigger: Sendable, Hashable {
    var incidentId: String
    var orderId: String?
}

extension RegistryStore {
    /// The alert signal's generation, to wait for the next ingest that stores new alerts.
    public var alertGeneration: UInt64 { alertSignal.generation(of: 0) }

    /// Returns when alerts were stored after `seen`, or at `deadline`.
    public func waitForAlerts(after seen: UInt64, until deadline: ContinuousClock.Instant) async throws {
        try await alertSignal.wait(for: 0, after: seen, until: deadline)
    }

    /// Folds the alerts stored since the persisted cursor into incidents, in one transaction that also moves the
    /// cursor: a crash or restart neither loses an alert nor folds one twice. Grades new and changed incidents,
    /// proposes an order for the kinds of `incidentPolicy.autoProposeKinds`, and calls the escalation hook after
    /// commit. Returns how many feed lines it read (`limit` at most).
    @discardableResult
    public func foldNewAlerts(limit: Int = 500) async throws -> Int {
        // A read first: the service asks every second, and mostly nothing new is in the feed.
        guard try await writer.read({ db in try Bool.fetchOne(db, sql: "\(Self.newFeedLines) LIMIT 1") != nil })
        else { return 0 }
        let table = try await attributionTable()
        let (count, triggers) = try await writer.write { db in
            try self.foldFeed(limit: limit, attribution: table, in: db)
        }
        for trigger in triggers { await escalate(trigger) }
        return count
    }

    /// The feed lines past the persisted cursor.
    private static let newFeedLines = """
        SELECT 1 FROM incidentAlertFeed
        WHERE seq > coalesce((SELECT seq FROM incidentCursor WHERE name = 'alerts'), 0)
        """

    private func foldFeed(limit: Int, attribution: PrefixTable<Int64>, in db: Database) throws
        -> (Int, [EscalationTrigger])
    {
        let cursor = try Int64.fetchOne(db, sql: "SELECT seq FROM incidentCursor WHERE name = 'alerts'") ?? 0
        let rows = try Row.fetchAll(
            db,
            sql: """
                SELECT f.seq AS feedSeq, f.agentId AS feedAgentId, a.* FROM incidentAlertFeed f
                LEFT JOIN agentAlert a ON a.agentId = f.agentId AND a.alertId = f.alertId
                WHERE f.seq > ? ORDER BY f.seq LIMIT ?
                """, arguments: [cursor, limit])
        guard let last = rows.last.map({ $0["feedSeq"] as Int64 }) else { return (0, []) }
        var latest: [String: Row] = [:]
        var order: [String] = []
        for row in rows {
            guard let alertId = row["alertId"] as String? else { continue }
            let key = "\(row["feedAgentId"] as Int64)/\(alertId)"
            if latest.updateValue(row, forKey: key) == nil { order.append(key) }
        }
        var triggers: [EscalationTrigger] = []
        for key in order {
            guard let row = latest[key], let signal = try signal(from: row, attribution: attribution, in: db) else {
                continue
            }
            triggers += try fold(signal, agentId: row["agentId"], in: db)
        }
        try db.execute(
            sql: """
                INSERT INTO incidentCursor (name, seq) VALUES ('alerts', ?)
                ON CONFLICT (name) DO UPDATE SET seq = excluded.seq
                """, arguments: [last])
        try db.execute(sql: "DELETE FROM incidentAlertFeed WHERE seq <= ?", arguments: [last])
        return (rows.count, triggers)
    }

    /// Folds one signal: joins the incident the folder picks or opens a new one, regrades it, and for a new
    /// incident of an auto-proposed kind proposes an order as the registry.
    private func fold(_ signal: IncidentSignal, agentId: Int64, in db: Database) throws -> [EscalationTrigger] {
        let now = IncidentCodec.instant(self.now())
        let subject = IncidentCodec.subjectKey(signal.subject)
        var open = try Row.fetchAll(
            db, sql: "SELECT value FROM incident WHERE subject = ? AND kind = ? AND state = 'open'",
            arguments: [subject, signal.kind.rawValue]
        ).map { try IncidentCodec.value(Incident.self, $0["value"]) }
        // A later report of an alert joins its incident while that is open; once handling ended (the order
        // closed), the alert going on is a new incident (a repeat offence) and belongs to it from then on.
        if let known = try String.fetchOne(
            db, sql: "SELECT incidentId FROM incidentAlert WHERE alertId = ?", arguments: [signal.alertId]),
            !open.contains(where: { $0.id == known }),
            let row = try Row.fetchOne(
                db, sql: "SELECT value FROM incident WHERE id = ? AND state = 'open'", arguments: [known])
        {
            open.append(try IncidentCodec.value(Incident.self, row["value"]))
        }
        let folder = IncidentFolder(gapSeconds: incidentPolicy.foldGapSeconds)
        let audit = auditor(.system)
        switch folder.fold(signal, into: open.map(\.footprint)) {
        case .join(let id):
            guard var incident = open.first(where: { $0.id == id }) else { return [] }
            let before = incident
            incident.absorb(signal, at: now)
            let regraded = incident.apply(try assessment(of: incident, in: db), at: now)
            guard incident != before else { return [] }
            try saveIncident(incident, in: db)
            try linkAlert(signal.alertId, agentId: agentId, to: incident.id, in: db)
            try audit.append(
                db, action: "incident.update", entity: "incident", entityId: incident.id,
                before: IncidentAuditRecord(before), after: IncidentAuditRecord(incident))
            return regraded ? [EscalationTrigger(incidentId: incident.id)] : []
        case .new:
            var incident = try openIncident(signal, division: try division(of: signal, in: db), at: now, in: db)
            let id = incident.id
            try linkAlert(signal.alertId, agentId: agentId, to: id, in: db)
            var triggers = [EscalationTrigger(incidentId: id)]
            if incidentPolicy.autoProposeKinds.contains(signal.kind), case .unit = incident.subject {
                do {
                    let proposed = try insertOrder(for: incident, reason: nil, by: .system, emergency: nil, in: db)
                    triggers.append(EscalationTrigger(incidentId: id, orderId: proposed.order.id))
                } catch let error as RegistryError {
                    incident.timeline.append(
                        TimelineEntry(at: now, actor: "system", event: .note("未能自动提出隔离工单：\(error.message)")))
                    try saveIncident(incident, in: db)
                }
            }
            return triggers
        }
    }

    /// Opens a new incident with `signal`, graded by the policy, and audits it.
    func openIncident(_ signal: IncidentSignal, division: String, at now: Instant, in db: Database) throws
        -> Incident
    {
        let (id, serial) = try IncidentCodec.nextId(table: "incident", prefix: "INC", at: now, in: db)
        var incident = Incident(id: id, opening: signal, division: division, detectedAt: now)
        incident.apply(try assessment(of: incident, in: db), at: now)
        try db.execute(
            sql: """
                INSERT INTO incident (id, serial, subject, unitId, divisionCode, kind, grade, state, firstSeen,
                    lastSeen, createdAt, updatedAt, value)
                VALUES (?, ?, ?, ?, ?, ?, ?, 'open', ?, ?, ?, ?, ?)
                """,
            arguments: [
                id, serial, IncidentCodec.subjectKey(signal.subject), signal.unit.flatMap { Int64($0) }, division,
                signal.kind.rawValue, incident.grade.rawValue, IncidentCodec.time(incident.firstSeen),
                IncidentCodec.time(incident.lastSeen), timestamp(), timestamp(), try IncidentCodec.text(incident),
            ])
        try auditor(.system).append(
            db, action: "incident.open", entity: "incident", entityId: id,
            before: Optional<IncidentAuditRecord>.none, after: IncidentAuditRecord(incident))
        return incident
    }

    /// The policy's verdict on an incident, counting the subject's earlier incidents as repeat offences.
    func assessment(of incident: Incident, in db: Database) throws -> SeverityAssessment {
        let prior = try String.fetchAll(
            db, sql: "SELECT firstSeen FROM incident WHERE subject = ? AND id != ? AND firstSeen < ?",
            arguments: [
                IncidentCodec.subjectKey(incident.subject), incident.id, IncidentCodec.time(incident.firstSeen),
            ]
        ).compactMap(IncidentCodec.instant)
        return incidentPolicy.severity.assess(incident.observation(priorIncidents: prior))
    }

    /// Writes an incident's value and indexed columns.
    func saveIncident(_ incident: Incident, in db: Database) throws {
        try db.execute(
            sql: """
                UPDATE incident SET grade = ?, firstSeen = ?, lastSeen = ?, updatedAt = ?, value = ? WHERE id = ?
                """,
            arguments: [
                incident.grade.rawValue, IncidentCodec.time(incident.firstSeen), IncidentCodec.time(incident.lastSeen),
                timestamp(), try IncidentCodec.text(incident), incident.id,
            ])
    }

    private func linkAlert(_ alertId: String, agentId: Int64, to incidentId: String, in db: Database) throws {
        try db.execute(
            sql: """
                INSERT INTO incidentAlert (alertId, agentId, incidentId) VALUES (?, ?, ?)
                ON CONFLICT (alertId) DO UPDATE SET agentId = excluded.agentId, incidentId = excluded.incidentId
                """,
            arguments: [alertId, agentId, incidentId])
    }

    private func division(of signal: IncidentSignal, in db: Database) throws -> String {
        if let unit = signal.unit.flatMap({ Int64($0) }),
            let code = try String.fetchOne(db, sql: "SELECT divisionCode FROM unit WHERE id = ?", arguments: [unit])
        {
            return code
        }
        let hub = signal.hub ?? ""
        return try String.fetchOne(db, sql: "SELECT divisionCode FROM hub WHERE code = ?", arguments: [hub]) ?? ""
    }
}

/// What the audit log keeps of an incident's change: its standing, not every signal.
struct IncidentAuditRecord: Encodable {
    var id: String
    var kind: String
    var grade: String
    var gradeRule: String
    var firstSeen: Instant
    var lastSeen: Instant
    var alertIds: [String]

    init(_ incident: Incident) {
        id = incident.id
        kind = incident.kind.rawValue
        grade = incident.grade.rawValue
        gradeRule = incident.gradeRule
        firstSeen = incident.firstSeen
        lastSeen = incident.lastSeen
        alertIds = incident.signals.map(\.alertId)
    }
}
