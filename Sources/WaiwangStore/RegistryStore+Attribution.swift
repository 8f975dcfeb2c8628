import GRDB
import WaiwangAPI
import WaiwangCore

/// The in-memory longest-prefix-match table of every registered prefix, tagged with its generation.
struct AttributionIndex: Sendable {
    var generation: Int
    var table: PrefixTable<Int64>?
}

extension RegistryStore {
    /// Which unit owns an address: the longest registered prefix containing it, the unit, its links and hubs.
    public func attribute(_ text: String, as principal: Principal) async throws -> AttributionView {
        guard let address = IPAddress(text.trimmingBlanks()) else {
            throw RegistryError.invalid("address", rule: "ip-address", "\"\(text)\" is not an IPv4 or IPv6 address")
        }
        let table = try await attributionTable()
        guard let match = table.lookup(address) else {
            throw RegistryError.notFound("address", "no registered prefix contains \(address)")
        }
        return try await writer.read { db in
            guard let unit = try UnitRecord.fetchOne(db, key: match.value),
                principal.covers(division: unit.divisionCode)
            else {
                throw RegistryError.notFound("address", "no registered prefix contains \(address)")
            }
            let links = try LinkRecord.fetchAll(
                db,
                sql: """
                    SELECT link.* FROM link JOIN linkUnit ON linkUnit.linkId = link.id WHERE linkUnit.unitId = ? ORDER BY link.backup, link.id
                    """, arguments: [unit.id])
            return AttributionView(
                address: address.description, prefix: match.prefix.description, unit: unit.ref,
                links: try linkViews(links, in: db))
        }
    }

    /// The longest-prefix-match table of all registered prefixes to unit ids, rebuilt only after prefixes change.
    public func attributionTable() async throws -> PrefixTable<Int64> {
        let generation = attribution.withLock { index -> Int in index?.generation ?? 0 }
        if let table = attribution.withLock({ $0?.table }) { return table }
        let entries = try await writer.read { db in
            try Row.fetchAll(db, sql: "SELECT cidr, unitId FROM prefix").compactMap { row -> (IPPrefix, Int64)? in
                guard let prefix = try? IPPrefix.parse(row["cidr"] as String) else { return nil }
                return (prefix, row["unitId"])
            }
        }
        let table = try PrefixTable(entries)
        attribution.withLock { index in
            if (index?.generation ?? 0) == generation { index = AttributionIndex(generation: generation, table: table) }
        }
        return table
    }

    func invalidateAttribution() {
        attribution.withLock { index in
            index = AttributionIndex(generation: (index?.generation ?? 0) + 1, table: nil)
        }
    }
}
