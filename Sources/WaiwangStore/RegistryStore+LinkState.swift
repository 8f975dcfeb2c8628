import GRDB
import WaiwangAPI
import WaiwangCore

extension RegistryStore {
    /// A link's state as its hub's agents last reported it. When no agent of the hub has sent a heartbeat within
    /// `staleAfterHeartbeats` intervals, the health is `unknown` (never a stale `up`) and `agentStale` is true;
    /// the last rates are still shown for what they were.
    ///
    /// A port an isolation order shut (confirmed down, not yet confirmed up) shows `adminDown` with the order in
    /// `isolatedBy`: a deliberate cut, not an outage.
    public func linkState(_ linkId: Int64, as principal: Principal) async throws -> LinkStateView {
        var view = try await reportedLinkState(linkId, as: principal)
        if let order = try await isolatingOrder(ofLink: linkId) {
            view.health = LinkHealth.adminDown.rawValue
            view.isolatedBy = order
        }
        return view
    }

    private func reportedLinkState(_ linkId: Int64, as principal: Principal) async throws -> LinkStateView {
        try await writer.read { db in
            let link = try resolveLink(linkId, in: db, as: principal)
            let hub = try hub(ofDevice: link.deviceId, in: db)
            let heartbeats = try String?.fetchAll(
                db, sql: "SELECT lastHeartbeatAt FROM agent WHERE hubCode = ? AND enrolledAt IS NOT NULL",
                arguments: [hub.code])
            let stale = heartbeats.allSatisfy { isStale(lastHeartbeatAt: $0) }
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM linkState WHERE linkId = ?", arguments: [linkId])
            else {
                return LinkStateView(
                    linkId: linkId, health: LinkHealth.unknown.rawValue, since: nil, lastSampleAt: nil,
                    inBitsPerSecond: nil, outBitsPerSecond: nil, inUtilisation: nil, outUtilisation: nil,
                    agentStale: stale)
            }
            return LinkStateView(
                linkId: linkId, health: stale ? LinkHealth.unknown.rawValue : row["health"],
                since: row["since"], lastSampleAt: row["lastSampleAt"], inBitsPerSecond: row["inBitsPerSecond"],
                outBitsPerSecond: row["outBitsPerSecond"], inUtilisation: row["inUtilisation"],
                outUtilisation: row["outUtilisation"], agentStale: stale)
        }
    }

    /// The order whose confirmed shutdown keeps the link's port down, if any.
    func isolatingOrder(ofLink linkId: Int64) async throws -> String? {
        try await writer.read { db in
            let values = try String.fetchAll(
                db,
                sql: """
                    SELECT o.value FROM isolationOrderPort p JOIN isolationOrder o ON o.id = p.orderId
                    WHERE p.linkId = ? AND o.state IN (\(IsolationState.cutsUnitSQL), 'restored')
                    ORDER BY o.serial DESC
                    """, arguments: [linkId])
            for value in values {
                let order = try IncidentCodec.value(IsolationOrder.self, value)
                if order.ports.contains(where: {
                    $0.link == String(linkId) && $0.shutdown == .confirmed && $0.restore != .confirmed
                }) {
                    return order.id
                }
            }
            return nil
        }
    }
}
