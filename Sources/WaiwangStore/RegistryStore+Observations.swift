import Foundation
import GRDB
import WaiwangAPI
import WaiwangCore

extension RegistryStore {
    /// Stores a batch of an agent's observations in one transaction, idempotently by (agent, key): an observation
    /// whose key the registry already holds is not stored again, and every key of the batch is acknowledged.
    /// Every observation is checked first, outside the write transaction; one bad observation refuses the whole
    /// batch, naming `observations[index].field`, and nothing is stored.
    public func ingest(_ batch: ObservationBatch, from agent: AgentIdentity) async throws -> ObservationAck {
        let policy = agentPolicy
        guard batch.observations.count <= policy.maxBatchObservations else {
            throw RegistryError(
                .tooLarge, field: "observations", rule: "batch-size",
                "\(batch.observations.count) observations in one batch; at most \(policy.maxBatchObservations)")
        }
        let receivedAt = RFC3339.string(now())
        let nowMillis = RFC3339.milliseconds(now())
        let pruneNow = shouldPruneAgentRows()
        // The scope is read and every observation checked before the batch takes the one writer, so on two cores
        // one batch is decoded and checked while another is written. A link deleted in between fails the
        // batch's insert (foreign key) and the agent sends it again.
        let scope = try await writer.read { db in try AgentHubScope(hubCode: agent.hubCode, in: db) }
        let checked = try batch.observations.enumerated().map { index, observation in
            try CheckedObservation(observation, index: index, scope: scope, policy: policy, nowMillis: nowMillis)
        }
        let (ack, storedAlerts) = try await writer.write { db in
            if pruneNow { try pruneAgentRows(in: db, nowMillis: nowMillis) }
            var keys: [String] = []
            var seen = Set<String>()
            for item in checked where seen.insert(item.observation.key).inserted { keys.append(item.observation.key) }
            let known = try knownObservationKeys(keys, agentId: agent.id, in: db)
            var fresh = Set(keys).subtracting(known)
            var rows = ObservationWriter(db: db, agentId: agent.id, receivedAt: receivedAt)
            var newKeys: [[(any DatabaseValueConvertible)?]] = []
            var latestHeartbeat: CheckedObservation?
            var storedAlerts = false
            for item in checked where fresh.remove(item.observation.key) != nil {
                newKeys.append([agent.id, item.observation.key, receivedAt])
                if item.observation.kind == .alert { storedAlerts = true }
                if let evidence = item.evidence {
                    try rows.store(item, evidenceSha256: try attachments.saveEvidence(evidence))
                } else {
                    try rows.store(item, evidenceSha256: nil)
                }
                if item.observation.kind == .heartbeat, item.observedAt >= (latestHeartbeat?.observedAt ?? "") {
                    latestHeartbeat = item
                }
            }
            try MultiRowInsert(table: "agentObservationKey", columns: ["agentId", "key", "receivedAt"])
                .execute(newKeys, in: db)
            let stored = newKeys.count
            try rows.finish()
            if let latestHeartbeat { try rows.updateAgent(from: latestHeartbeat) }
            let ack = ObservationAck(stored: stored, duplicates: batch.observations.count - stored, keys: keys)
            return (ack, storedAlerts)
        }
        // Committed: the incident service folds the new alerts at once (not for alerts it already had).
        if storedAlerts { alertSignal.notify(0) }
        return ack
    }

    /// True at most once an hour: the bulk rows are pruned inside the next ingest's transaction.
    private func shouldPruneAgentRows() -> Bool {
        let current = now()
        return lastAgentPruning.withLock { last in
            if let last, current.timeIntervalSince(last) < 3600 { return false }
            last = current
            return true
        }
    }

    /// Keeps the bulk rows bounded: link samples for `sampleRetentionHours`, heartbeats and idempotency keys for
    /// their days. The latest state per link and per alert, health changes and traps are not pruned.
    func pruneAgentRows(in db: Database, nowMillis: Int64) throws {
        let policy = agentPolicy
        func cutoff(hours: Int) -> String { RFC3339.string(milliseconds: nowMillis - Int64(hours) * 3_600_000) }
        try db.execute(
            sql: "DELETE FROM linkSample WHERE observedAt < ?", arguments: [cutoff(hours: policy.sampleRetentionHours)])
        try db.execute(
            sql: "DELETE FROM agentHeartbeat WHERE receivedAt < ?",
            arguments: [cutoff(hours: policy.heartbeatRetentionDays * 24)])
        try db.execute(
            sql: "DELETE FROM agentObservationKey WHERE receivedAt < ?",
            arguments: [cutoff(hours: policy.keyRetentionDays * 24)])
    }

    /// What an agent's observations left in the store, by kind (within the caller's scope).
    public func observationCounts(agentId: Int64, as principal: Principal = .system) async throws
        -> AgentObservationCounts
    {
        try await writer.read { db in
            let agent = try resolveAgent(agentId, in: db, as: principal)
            func count(_ sql: String, _ argument: any DatabaseValueConvertible = agentId) throws -> Int {
                try Int.fetchOne(db, sql: sql, arguments: [argument]) ?? 0
            }
            return AgentObservationCounts(
                agentId: agentId,
                keys: try count("SELECT COUNT(*) FROM agentObservationKey WHERE agentId = ?"),
                linkSamples: try count(
                    """
                    SELECT COUNT(*) FROM linkSample JOIN link ON link.id = linkSample.linkId
                    JOIN hubDevice ON hubDevice.id = link.deviceId WHERE hubDevice.hubCode = ?
                    """, agent["hubCode"] as String),
                healthChanges: try count("SELECT COUNT(*) FROM linkHealthChange WHERE agentId = ?"),
                alerts: try count("SELECT COUNT(*) FROM agentAlert WHERE agentId = ?"),
                traps: try count("SELECT COUNT(*) FROM agentTrap WHERE agentId = ?"),
                heartbeats: try count("SELECT COUNT(*) FROM agentHeartbeat WHERE agentId = ?"))
        }
    }
}
