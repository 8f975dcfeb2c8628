import Foundation
import GRDB
import WaiwangAPI

/// Writes checked observations into their tables inside the ingest transaction, with cached statements; `finish`
/// writes the links' latest states once per link.
///
/// Latest state is only moved forward: an observation older than what a link's or alert's row already holds
/// (a resend from an outbox after a newer one got through) adds its history row but does not turn the state back.
struct ObservationWriter {
    let db: Database
    let agentId: Int64
    let receivedAt: String
    private var links = LinkStateBook()
    /// Link samples, written together by `finish`.
    private var samples: [[(any DatabaseValueConvertible)?]] = []
    private static let encoder = JSONEncoder()

    init(db: Database, agentId: Int64, receivedAt: String) {
        self.db = db
        self.agentId = agentId
        self.receivedAt = receivedAt
    }

    mutating func store(_ item: CheckedObservation, evidenceSha256: String?) throws {
        let observation = item.observation
        switch observation.kind {
        case .linkSample:
            guard let linkId = item.linkId, let sample = observation.linkSample else { return }
            samples.append([
                linkId, item.observedAt, sample.health, sample.inBitsPerSecond, sample.outBitsPerSecond,
                sample.inUtilisation, sample.outUtilisation, sample.errorsAndDiscardsPerSecond,
            ])
            try links.apply(
                sample: LinkStateBook.State(
                    agentId: agentId, health: sample.health, since: item.observedAt, observedAt: item.observedAt,
                    inBitsPerSecond: sample.inBitsPerSecond, outBitsPerSecond: sample.outBitsPerSecond,
                    inUtilisation: sample.inUtilisation, outUtilisation: sample.outUtilisation,
                    errorsAndDiscardsPerSecond: sample.errorsAndDiscardsPerSecond),
                linkId: linkId, in: db)
        case .healthChange:
            guard let change = observation.healthChange else { return }
            try db.cachedStatement(
                sql: """
                    INSERT INTO linkHealthChange (agentId, linkId, device, ifName, fromHealth, toHealth, reason,
                        observedAt, receivedAt) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """
            ).execute(arguments: [
                agentId, item.linkId, change.device, change.ifName, change.from, change.to, change.reason,
                item.observedAt, receivedAt,
            ])
            guard let linkId = item.linkId else { return }
            try links.apply(health: change.to, agentId: agentId, observedAt: item.observedAt, linkId: linkId, in: db)
        case .alert:
            guard let alert = observation.alert else { return }
            let targets = String(decoding: try Self.encoder.encode(alert.targetsSample), as: UTF8.self)
            let ports = String(decoding: try Self.encoder.encode(alert.ports), as: UTF8.self)
            try db.cachedStatement(
                sql: """
                    INSERT INTO agentAlert (agentId, alertId, state, kind, attacker, unitId, linkId, spoofedSource,
                        targetCount, targetsSample, ports, firstSeen, lastSeen, packets, bytes, packetsPerSecond,
                        evidenceSha256, observedAt, receivedAt)
                    VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    ON CONFLICT (agentId, alertId) DO UPDATE SET state = excluded.state, kind = excluded.kind,
                        attacker = excluded.attacker, unitId = excluded.unitId, linkId = excluded.linkId,
                        spoofedSource = excluded.spoofedSource, targetCount = excluded.targetCount,
                        targetsSample = excluded.targetsSample, ports = excluded.ports,
                        firstSeen = excluded.firstSeen, lastSeen = excluded.lastSeen, packets = excluded.packets,
                        bytes = excluded.bytes, packetsPerSecond = excluded.packetsPerSecond,
                        evidenceSha256 = COALESCE(excluded.evidenceSha256, agentAlert.evidenceSha256),
                        observedAt = excluded.observedAt, receivedAt = excluded.receivedAt
                    WHERE excluded.observedAt >= agentAlert.observedAt
                    """
            ).execute(arguments: [
                agentId, alert.alertId, alert.state, alert.kind, alert.attacker, alert.unitId.flatMap { Int64($0) },
                item.linkId, alert.spoofedSource, alert.targetCount, targets, ports,
                item.alertSeen?.first, item.alertSeen?.last, alert.packets, alert.bytes,
                alert.packetsPerSecond, evidenceSha256, item.observedAt, receivedAt,
            ])
        case .trap:
            guard let trap = observation.trap else { return }
            try db.cachedStatement(
                sql: """
                    INSERT INTO agentTrap (agentId, device, trap, ifIndex, ifName, observedAt) VALUES (?, ?, ?, ?, ?, ?)
                    """
            ).execute(arguments: [agentId, trap.device, trap.trap, trap.ifIndex, trap.ifName, item.observedAt])
        case .heartbeat:
            guard let beat = observation.heartbeat else { return }
            try db.cachedStatement(
                sql: """
                    INSERT INTO agentHeartbeat (agentId, observedAt, receivedAt, version, uptimeSeconds,
                        assignmentVersion, outboxDepth, droppedSamples, pollsCompleted, devicesUnreachable,
                        capturePackets, captureDrops) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                    """
            ).execute(arguments: [
                agentId, item.observedAt, receivedAt, beat.version, beat.uptimeSeconds, beat.assignmentVersion,
                beat.outboxDepth, beat.droppedSamples, beat.pollsCompleted, beat.devicesUnreachable,
                beat.capturePackets, beat.captureDrops,
            ])
        }
    }

    /// Writes the batch's link samples and the latest state of every link it moved.
    func finish() throws {
        try MultiRowInsert(
            table: "linkSample",
            columns: [
                "linkId", "observedAt", "health", "inBitsPerSecond", "outBitsPerSecond", "inUtilisation",
                "outUtilisation", "errorsAndDiscardsPerSecond",
            ]
        ).execute(samples, in: db)
        try links.write(in: db)
    }

    /// The agent is alive now (by the registry's clock); its counters come from its newest heartbeat.
    func updateAgent(from item: CheckedObservation) throws {
        guard let beat = item.observation.heartbeat else { return }
        try db.execute(
            sql: "UPDATE agent SET lastHeartbeatAt = ? WHERE id = ?", arguments: [receivedAt, agentId])
        try db.execute(
            sql: """
                UPDATE agent SET lastHeartbeatObservedAt = ?, version = ?, assignmentVersion = ?, outboxDepth = ?,
                    droppedSamples = ?
                WHERE id = ? AND (lastHeartbeatObservedAt IS NULL OR lastHeartbeatObservedAt <= ?)
                """,
            arguments: [
                item.observedAt, beat.version, beat.assignmentVersion, beat.outboxDepth, beat.droppedSamples, agentId,
                item.observedAt,
            ])
    }
}
