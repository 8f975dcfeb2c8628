import Foundation
import GRDB
import WaiwangCore

extension RegistryStore {
    /// The incident signal of a stored alert row: the unit is the one the agent named, else the owner of the
    /// attacker's address by the registered prefixes; a forged source (or an address no prefix holds) blames the
    /// link's units together. Nil for an unknown kind, or an alert with neither unit nor link. A sampled target in
    /// a prefix of critical-targets.json makes it `targetsCritical`, naming the important system.
    func signal(from row: Row, attribution: PrefixTable<Int64>, in db: Database) throws -> IncidentSignal? {
        guard let kind = IncidentKind(rawValue: row["kind"]), kind.category == .security else { return nil }
        let spoofed: Bool = row["spoofedSource"]
        let attacker: String = row["attacker"]
        var unitId: Int64? = row["unitId"]
        if unitId == nil, !spoofed, let address = IPAddress(attacker), let match = attribution.lookup(address) {
            unitId = match.value
        }
        if let known = unitId,
            try Bool.fetchOne(db, sql: "SELECT 1 FROM unit WHERE id = ?", arguments: [known]) == nil
        {
            unitId = nil
        }
        let linkId: Int64? = row["linkId"]
        guard unitId != nil || linkId != nil else { return nil }
        let linkUnits = try linkId.map { try unitIds(ofLink: $0, in: db) } ?? []
        let hub = try String.fetchOne(
            db, sql: "SELECT hubCode FROM agent WHERE id = ?", arguments: [row["agentId"] as Int64])
        let critical = criticalTargets(sampledIn: row)
        let now = IncidentCodec.instant(self.now())
        let first = IncidentCodec.instant(row["firstSeen"] as String) ?? now
        let last = IncidentCodec.instant(row["lastSeen"] as String) ?? first
        return IncidentSignal(
            alertId: row["alertId"], kind: kind, unit: unitId.map(String.init),
            units: unitId == nil ? linkUnits.map(String.init) : nil, link: linkId.map(String.init), hub: hub,
            attacker: attacker, firstSeen: first, lastSeen: last, targetCount: row["targetCount"],
            packets: row["packets"], packetsPerSecond: row["packetsPerSecond"], targetsCritical: !critical.isEmpty,
            criticalTargets: critical, spoofed: spoofed)
    }

    /// The important systems holding one of the alert's sampled targets (the detector keeps the first few distinct
    /// targets, `episodes.sampleSize` in detection.json; a critical address beyond the sample goes unseen).
    private func criticalTargets(sampledIn row: Row) -> [String] {
        let systems = incidentPolicy.criticalTargets
        guard !systems.isEmpty, let text = row["targetsSample"] as String?,
            let sample = try? JSONDecoder().decode([String].self, from: Data(text.utf8))
        else { return [] }
        return systems.systems(containing: sample.compactMap { IPAddress($0) })
    }
}
