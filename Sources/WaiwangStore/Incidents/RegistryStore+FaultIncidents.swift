import GRDB
import WaiwangCore

extension RegistryStore {
    /// Opens, updates and closes the fault incidents of each hub from what its agents report: `links_down` while at
    /// least `faultMinLinksDown` of its links are operationally down (an order's cut is `adminDown`, not counted),
    /// `device_unreachable` while its agent's latest heartbeat counts unreachable devices. A hub whose agents are
    /// all silent is left as it is (their last report is not news). A fault that clears closes its incident.
    /// Returns how many incidents changed.
    @discardableResult
    public func foldFaults() async throws -> Int {
        let (changed, triggers) = try await writer.write { db in
            var changed = 0
            var triggers: [EscalationTrigger] = []
            for hub in self.tree.hubs {
                let heartbeats = try String?.fetchAll(
                    db, sql: "SELECT lastHeartbeatAt FROM agent WHERE hubCode = ? AND enrolledAt IS NOT NULL",
                    arguments: [hub.code])
                guard heartbeats.contains(where: { !self.isStale(lastHeartbeatAt: $0) }) else { continue }
                for fault in try self.faults(of: hub, in: db) {
                    let outcome = try self.foldFault(fault, hub: hub, in: db)
                    if outcome.changed { changed += 1 }
                    if let trigger = outcome.trigger { triggers.append(trigger) }
                }
            }
            return (changed, triggers)
        }
        for trigger in triggers { await escalate(trigger) }
        return changed
    }

    /// A hub's two fault measures: how many links are down (and since when), how many devices unreachable.
    private func faults(of hub: Hub, in db: Database) throws -> [HubFault] {
        let down = try String.fetchAll(
            db,
            sql: """
                SELECT ls.since FROM linkState ls JOIN link ON link.id = ls.linkId
                JOIN hubDevice d ON d.id = link.deviceId WHERE d.hubCode = ? AND ls.health = 'down'
                """, arguments: [hub.code])
        let beat = try Row.fetchOne(
            db,
            sql: """
                SELECT h.devicesUnreachable FROM agentHeartbeat h JOIN agent a ON a.id = h.agentId
                WHERE a.hubCode = ? ORDER BY h.receivedAt DESC, h.id DESC LIMIT 1
                """, arguments: [hub.code])
        let unreachable: Int = beat?["devicesUnreachable"] ?? 0
        let unreachableSince = try String.fetchOne(
            db,
            sql: """
                SELECT MIN(h.observedAt) FROM agentHeartbeat h JOIN agent a ON a.id = h.agentId
                WHERE a.hubCode = ? AND h.devicesUnreachable > 0 AND h.receivedAt > (
                    SELECT COALESCE(MAX(h2.receivedAt), '') FROM agentHeartbeat h2 JOIN agent a2 ON a2.id = h2.agentId
                    WHERE a2.hubCode = ? AND h2.devicesUnreachable = 0)
                """, arguments: [hub.code, hub.code])
        return [
            HubFault(
                kind: .linksDown, count: down.count, active: down.count >= incidentPolicy.faultMinLinksDown,
                since: down.compactMap(IncidentCodec.instant).min()),
            HubFault(
                kind: .deviceUnreachable, count: unreachable, active: unreachable > 0,
                since: unreachableSince.flatMap(IncidentCodec.instant)),
        ]
    }

    /// Folds one measure into the hub's open incident of that kind: whether the incident changed, and the trigger
    /// for the hook when it opened, its grade changed or it closed.
    private func foldFault(_ fault: HubFault, hub: Hub, in db: Database) throws
        -> (changed: Bool, trigger: EscalationTrigger?)
    {
        let now = IncidentCodec.instant(self.now())
        let open = try String.fetchOne(
            db, sql: "SELECT value FROM incident WHERE subject = ? AND kind = ? AND state = 'open'",
            arguments: [IncidentCodec.subjectKey(.hub(hub.code)), fault.kind.rawValue]
        ).map { try IncidentCodec.value(Incident.self, $0) }
        guard fault.active else {
            guard let incident = open else { return (false, nil) }
            let entry = TimelineEntry(at: now, actor: "system", event: .note("故障已恢复"))
            _ = try close(incident, with: entry, by: .system, in: db)
            return (true, EscalationTrigger(incidentId: incident.id))
        }
        let first = min(open?.firstSeen ?? fault.since ?? now, fault.since ?? now)
        let signal = IncidentSignal(
            alertId: open?.signals.first?.alertId ?? "\(fault.kind.rawValue)-\(hub.code)-\(now.secondsSince1970)",
            kind: fault.kind, unit: nil, units: [], hub: hub.code, firstSeen: first, lastSeen: now,
            devicesUnreachable: fault.kind == .deviceUnreachable ? fault.count : 0,
            linksDown: fault.kind == .linksDown ? fault.count : 0)
        guard var incident = open else {
            let opened = try openIncident(signal, division: hub.divisionCode, at: now, in: db)
            return (true, EscalationTrigger(incidentId: opened.id))
        }
        let before = incident
        incident.absorb(signal, at: now)
        let regraded = incident.apply(try assessment(of: incident, in: db), at: now)
        let moved =
            before.linksDown != incident.linksDown || before.devicesUnreachable != incident.devicesUnreachable
            || before.lastSeen.seconds(to: now) >= 300
        guard regraded || moved else { return (false, nil) }
        try saveIncident(incident, in: db)
        try auditor(.system).append(
            db, action: "incident.update", entity: "incident", entityId: incident.id,
            before: IncidentAuditRecord(before), after: IncidentAuditRecord(incident))
        return (true, regraded ? EscalationTrigger(incidentId: incident.id) : nil)
    }
}

/// One fault measure of a hub as the registry sees it now.
struct HubFault {
    var kind: IncidentKind
    var count: Int
    var active: Bool
    var since: Instant?
}
