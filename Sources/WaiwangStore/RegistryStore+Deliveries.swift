import Foundation
import GRDB
import WaiwangAPI
import WaiwangCore

/// The delivery journal of escalation reports: journaled once per key, attempted by the registry's dispatcher,
/// every state change audited (entity `delivery`).
extension RegistryStore {
    /// Journals the drafts whose key is new, in one transaction, and returns the new rows' ids; a key already
    /// journaled is skipped (a repeated escalation is a no-op). A draft with a `problem` and channel `none` is
    /// journaled as failed; one with a `problem` on a real channel waits, pending, with the problem as its error.
    @discardableResult
    public func journalDeliveries(_ drafts: [DeliveryDraft], as principal: Principal) async throws -> [Int64] {
        guard !drafts.isEmpty else { return [] }
        let now = timestamp()
        return try await writer.write { db in
            var ids: [Int64] = []
            for draft in drafts {
                let known = try Bool.fetchOne(
                    db, sql: "SELECT 1 FROM delivery WHERE idempotencyKey = ?", arguments: [draft.idempotencyKey])
                if known == true { continue }
                let unroutable = draft.channel == "none"
                try db.execute(
                    sql: """
                        INSERT INTO delivery (idempotencyKey, incidentId, stage, authority, recipient, channel, address,
                            subject, body, attachmentName, attachment, rule, reason, deadline, state, nextAttemptAt,
                            lastError, createdAt)
                        VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                        """,
                    arguments: [
                        draft.idempotencyKey, draft.incidentId, draft.stage, draft.authority, draft.recipient,
                        draft.channel, draft.address, draft.subject, draft.body, draft.attachmentName,
                        draft.attachment, draft.rule, draft.reason, RFC3339.string(draft.deadline),
                        unroutable ? "failed" : "pending", draft.problem == nil ? now : nil, draft.problem, now,
                    ])
                let id = db.lastInsertedRowID
                ids.append(id)
                try auditor(principal).append(
                    db, action: "delivery.journal", entity: "delivery", entityId: String(id),
                    before: Optional<DeliveryView>.none, after: try deliveryView(id, in: db))
            }
            return ids
        }
    }

    /// Pending and retrying deliveries on `channels` whose next attempt is due at `now`, earliest deadline first.
    public func dueDeliveries(at now: Date, channels: Set<String>, limit: Int = 100) async throws
        -> [OutboundDelivery]
    {
        guard !channels.isEmpty else { return [] }
        let marks = SQLConditions.marks(channels.count)
        return try await writer.read { db in
            try Row.fetchAll(
                db,
                sql: """
                    SELECT d.*, (SELECT COUNT(*) FROM deliveryAttempt a WHERE a.deliveryId = d.id) AS attemptCount
                    FROM delivery d
                    WHERE d.state IN ('pending', 'retrying') AND d.nextAttemptAt IS NOT NULL AND d.nextAttemptAt <= ?
                        AND d.channel IN (\(marks))
                    ORDER BY d.deadline, d.id LIMIT ?
                    """,
                arguments: [RFC3339.string(now)] + StatementArguments(channels.sorted()) + [limit]
            ).map { row in
                OutboundDelivery(
                    id: row["id"], idempotencyKey: row["idempotencyKey"], incidentId: row["incidentId"],
                    channel: row["channel"], address: row["address"], subject: row["subject"], body: row["body"],
                    attachmentName: row["attachmentName"], attachment: row["attachment"],
                    attempts: row["attemptCount"],
                    firstAttemptAt: (row["firstAttemptAt"] as String?).flatMap(RFC3339.date))
            }
        }
    }

    /// The earliest next attempt among pending and retrying deliveries on `channels`, nil when none is scheduled.
    public func nextDeliveryAttempt(channels: Set<String>) async throws -> Date? {
        guard !channels.isEmpty else { return nil }
        let marks = SQLConditions.marks(channels.count)
        return try await writer.read { db in
            try String.fetchOne(
                db,
                sql: """
                    SELECT MIN(nextAttemptAt) FROM delivery
                    WHERE state IN ('pending', 'retrying') AND nextAttemptAt IS NOT NULL AND channel IN (\(marks))
                    """, arguments: StatementArguments(channels.sorted())
            ).flatMap(RFC3339.date)
        }
    }

    /// Records one attempt and moves the delivery on: `delivered` → sent; `retryable` with a next time →
    /// retrying; otherwise → failed, with the reason kept. Audited as `delivery.attempt`.
    @discardableResult
    public func recordDeliveryAttempt(
        _ id: Int64, at time: Date, _ record: DeliveryAttemptRecord, as principal: Principal
    )
        async throws -> DeliveryView
    {
        let at = RFC3339.string(time)
        return try await writer.write { db in
            let before = try deliveryView(id, in: db)
            let number = before.attempts.count + 1
            try db.execute(
                sql: "INSERT INTO deliveryAttempt (deliveryId, number, at, outcome, error) VALUES (?, ?, ?, ?, ?)",
                arguments: [id, number, at, record.outcome, record.error])
            let state: DeliveryStateCode
            var lastError = record.error
            var next: String?
            switch record.outcome {
            case "delivered":
                state = .sent
                lastError = nil
            case "retryable" where record.nextAttemptAt != nil:
                state = .retrying
                next = record.nextAttemptAt.map(RFC3339.string)
            case "retryable":
                state = .failed
                lastError = "gave up after \(number) attempts: \(record.error ?? "failed")"
            default:
                state = .failed
            }
            try db.execute(
                sql: """
                    UPDATE delivery SET state = ?, nextAttemptAt = ?, lastError = ?,
                        firstAttemptAt = COALESCE(firstAttemptAt, ?), sentAt = CASE WHEN ? THEN ? ELSE sentAt END
                    WHERE id = ?
                    """,
                arguments: [state.rawValue, next, lastError, at, state == .sent, at, id])
            let after = try deliveryView(id, in: db)
            try auditor(principal).append(
                db, action: "delivery.attempt", entity: "delivery", entityId: String(id), before: before, after: after)
            return after
        }
    }

    /// Keeps pending deliveries on `channel` waiting with `reason` (the channel is not configured): visible in the
    /// list, never attempted, picked up by `releaseHeldDeliveries` once a restart configures the channel.
    public func holdDeliveries(channel: String, reason: String) async throws {
        try await writer.write { db in
            try db.execute(
                sql: """
                    UPDATE delivery SET nextAttemptAt = NULL, lastError = ?
                    WHERE channel = ? AND state IN ('pending', 'retrying') AND nextAttemptAt IS NOT NULL
                    """, arguments: [reason, channel])
        }
    }

    /// Schedules at once the held deliveries on `channels` (configured now), so a restart picks them up.
    public func releaseHeldDeliveries(channels: Set<String>, at time: Date) async throws {
        guard !channels.isEmpty else { return }
        let marks = SQLConditions.marks(channels.count)
        try await writer.write { db in
            try db.execute(
                sql: """
                    UPDATE delivery SET nextAttemptAt = ?, lastError = CASE WHEN state = 'pending' THEN NULL
                        ELSE lastError END
                    WHERE state IN ('pending', 'retrying') AND nextAttemptAt IS NULL AND channel IN (\(marks))
                    """, arguments: StatementArguments([RFC3339.string(time)] + channels.sorted()))
        }
    }

    /// Notes, once each, the deliveries past their deadline and not sent; audited as `delivery.overdue`.
    /// Returns them, for the log.
    @discardableResult
    public func markOverdueDeliveries(at time: Date, as principal: Principal) async throws -> [DeliveryView] {
        let at = RFC3339.string(time)
        let overdue = "SELECT id FROM delivery WHERE state <> 'sent' AND overdueNotedAt IS NULL AND deadline < ?"
        // Looked for first: the dispatcher asks every pass, and mostly nothing is newly overdue.
        guard try await writer.read({ db in try Bool.fetchOne(db, sql: "\(overdue) LIMIT 1", arguments: [at]) != nil })
        else { return [] }
        return try await writer.write { db in
            let ids = try Int64.fetchAll(db, sql: "\(overdue) ORDER BY id", arguments: [at])
            var views: [DeliveryView] = []
            for id in ids {
                let before = try deliveryView(id, in: db)
                try db.execute(sql: "UPDATE delivery SET overdueNotedAt = ? WHERE id = ?", arguments: [at, id])
                let after = try deliveryView(id, in: db)
                try auditor(principal).append(
                    db, action: "delivery.overdue", entity: "delivery", entityId: String(id), before: before,
                    after: after)
                views.append(after)
            }
            return views
        }
    }

    /// Deliveries by deadline (then id), optionally of one incident and in one state.
    public func listDeliveries(_ filter: DeliveryFilter = DeliveryFilter()) async throws -> [DeliveryView] {
        try await writer.read { db in
            var conditions = SQLConditions()
            if let incident = filter.incidentId { conditions.add("incidentId = ?", incident) }
            if let state = filter.state { conditions.add("state = ?", state.rawValue) }
            let rows = try Row.fetchAll(
                db, sql: "SELECT * FROM delivery\(conditions.whereClause) ORDER BY deadline, id LIMIT ?",
                arguments: conditions.arguments + [filter.limit])
            let attempts = try attemptViews(of: rows.map { $0["id"] }, in: db)
            return rows.map { view(of: $0, attempts: attempts[$0["id"]] ?? []) }
        }
    }

    /// How many deliveries are in each state, and how many are past their deadline unsent (for `/metrics`).
    public func deliveryCounts() async throws -> (byState: [DeliveryStateCode: Int], overdue: Int) {
        let now = timestamp()
        return try await writer.read { db in
            var byState: [DeliveryStateCode: Int] = [:]
            for row in try Row.fetchAll(db, sql: "SELECT state, COUNT(*) AS n FROM delivery GROUP BY state") {
                if let state = DeliveryStateCode(rawValue: row["state"]) { byState[state] = row["n"] }
            }
            let overdue =
                try Int.fetchOne(
                    db, sql: "SELECT COUNT(*) FROM delivery WHERE state <> 'sent' AND deadline < ?", arguments: [now])
                ?? 0
            return (byState, overdue)
        }
    }

    /// One delivery with its attempts; 404 when there is none.
    public func delivery(_ id: Int64) async throws -> DeliveryView {
        try await writer.read { db in try deliveryView(id, in: db) }
    }

    /// Records that the recipient confirmed receipt (security or admin); the note is required, once per delivery.
    public func acknowledgeDelivery(_ id: Int64, note: String?, as principal: Principal) async throws -> DeliveryView {
        guard principal.role == .admin || principal.role == .security else {
            throw RegistryError.forbidden("only admin or security acknowledge deliveries")
        }
        let note = try FieldRules.required(note, field: "note", label: "确认说明 (note: who confirmed receipt, how)")
        let at = timestamp()
        return try await writer.write { db in
            let before = try deliveryView(id, in: db)
            if let when = before.acknowledgedAt {
                throw RegistryError.conflict(
                    "delivery", rule: "acknowledged-once",
                    "delivery \(id) was acknowledged at \(when) by \(before.acknowledgedBy ?? "?"); it is kept as it is"
                )
            }
            try db.execute(
                sql: "UPDATE delivery SET acknowledgedAt = ?, acknowledgedBy = ?, note = ? WHERE id = ?",
                arguments: [at, principal.name, note, id])
            let after = try deliveryView(id, in: db)
            try auditor(principal).append(
                db, action: "delivery.acknowledge", entity: "delivery", entityId: String(id), before: before,
                after: after)
            return after
        }
    }

    func deliveryView(_ id: Int64, in db: Database) throws -> DeliveryView {
        guard let row = try Row.fetchOne(db, sql: "SELECT * FROM delivery WHERE id = ?", arguments: [id]) else {
            throw RegistryError.notFound(
                "delivery", "no delivery \(id); list them with GET /api/v1/deliveries (waiwangctl deliveries list)")
        }
        return view(of: row, attempts: try attemptViews(of: [id], in: db)[id] ?? [])
    }

    private func attemptViews(of ids: [Int64], in db: Database) throws -> [Int64: [DeliveryAttemptView]] {
        guard !ids.isEmpty else { return [:] }
        let marks = SQLConditions.marks(ids.count)
        var attempts: [Int64: [DeliveryAttemptView]] = [:]
        for row in try Row.fetchAll(
            db, sql: "SELECT * FROM deliveryAttempt WHERE deliveryId IN (\(marks)) ORDER BY deliveryId, number",
            arguments: StatementArguments(ids))
        {
            attempts[row["deliveryId"], default: []].append(
                DeliveryAttemptView(number: row["number"], at: row["at"], outcome: row["outcome"], error: row["error"]))
        }
        return attempts
    }

    private func view(of row: Row, attempts: [DeliveryAttemptView]) -> DeliveryView {
        let deadline: String = row["deadline"]
        let sentAt: String? = row["sentAt"]
        // Stored times share one format, so they compare as text.
        let overdue = sentAt.map { $0 > deadline } ?? (timestamp() > deadline)
        return DeliveryView(
            id: row["id"], incidentId: row["incidentId"], stage: row["stage"], authority: row["authority"],
            recipient: row["recipient"], channel: row["channel"], address: row["address"], subject: row["subject"],
            deadline: deadline, state: DeliveryStateCode(rawValue: row["state"]) ?? .pending, attempts: attempts,
            sentAt: sentAt, overdue: overdue, acknowledgedAt: row["acknowledgedAt"],
            acknowledgedBy: row["acknowledgedBy"], note: row["note"], lastError: row["lastError"])
    }
}

extension RFC3339 {
    /// The date of a stored time, nil when the text is not one.
    static func date(_ text: String) -> Date? {
        milliseconds(text).map { Date(timeIntervalSince1970: Double($0) / 1000) }
    }
}
