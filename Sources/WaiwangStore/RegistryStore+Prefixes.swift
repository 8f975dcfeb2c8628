import Foundation
import GRDB
import WaiwangAPI
import WaiwangCore

extension RegistryStore {
    public func listPrefixes(unit: String?, limit: Int, offset: Int, as principal: Principal) async throws -> Page<
        PrefixView
    > {
        try await writer.read { db in
            var conditions = SQLConditions()
            conditions.confine(principal, column: "unit.divisionCode")
            if let unit {
                let record = try resolveUnit(unit, in: db, as: principal)
                conditions.add("prefix.unitId = ?", record.id)
            }
            let from =
                " FROM prefix JOIN unit ON unit.id = prefix.unitId"
                + conditions.whereClause
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*)" + from, arguments: conditions.arguments) ?? 0
            let rows = try Row.fetchAll(
                db,
                sql: """
                    SELECT prefix.id, prefix.cidr, prefix.family, prefix.description,
                           unit.id AS unitId, unit.name, unit.creditCode, unit.divisionCode\(from)
                    ORDER BY prefix.family, prefix.first LIMIT ? OFFSET ?
                    """, arguments: conditions.arguments + [limit, offset])
            return Page(items: rows.map(Self.prefixView), total: total, limit: limit, offset: offset)
        }
    }

    public func createPrefix(_ input: PrefixCreate, as principal: Principal) async throws -> PrefixView {
        try principal.requireWrite(what: "prefixes")
        let view = try await writer.write { db in
            let record = try insertPrefix(input, in: db, audit: auditor(principal), as: principal)
            return try prefixView(id: record.id ?? 0, in: db)
        }
        invalidateAttribution()
        return view
    }

    public func deletePrefix(_ reference: String, as principal: Principal) async throws {
        try principal.requireWrite(what: "prefixes")
        try await writer.write { db in
            try removePrefix(reference, in: db, audit: auditor(principal), as: principal)
        }
        invalidateAttribution()
    }

    /// Removes a prefix given by CIDR or id within the caller's transaction.
    func removePrefix(_ reference: String, in db: Database, audit: AuditAppender, as principal: Principal) throws {
        let cidr = (try? IPPrefix.parse(reference.trimmingBlanks()).description) ?? reference
        guard
            let record = try PrefixRecord.fetchOne(
                db.cachedStatement(sql: "SELECT * FROM prefix WHERE cidr = ? OR CAST(id AS TEXT) = ?"),
                arguments: [cidr, reference])
        else {
            throw RegistryError.notFound("prefix", "no prefix \"\(reference)\"")
        }
        let unit = try UnitRecord.fetchOne(db, key: record.unitId)
        try principal.requireScope(division: unit?.divisionCode ?? "", what: "prefix \(record.cidr)")
        try db.cachedStatement(sql: "DELETE FROM prefix WHERE id = ?").execute(arguments: [record.id])
        try audit.append(
            db, action: "prefix.delete", entity: "prefix", entityId: record.cidr,
            before: record.snapshot, after: Optional<PrefixRecord.Snapshot>.none)
    }

    /// Validates and inserts one prefix within the caller's transaction; overlaps with any registered prefix are refused.
    func insertPrefix(_ input: PrefixCreate, in db: Database, audit: AuditAppender, as principal: Principal) throws
        -> PrefixRecord
    {
        let unit = try resolveUnit(input.unit, in: db, as: principal)
        let text = try FieldRules.required(input.cidr, field: "cidr", label: "IP地址段 (prefix)")
        let prefix: IPPrefix
        do { prefix = try IPPrefix.parse(text) } catch {
            throw RegistryError.invalid("cidr", rule: "cidr", error.description)
        }
        let first = Self.sortKey(prefix.first)
        let last = Self.sortKey(prefix.last)
        let family = prefix.family.rawValue
        // Registered prefixes never overlap, so the nearest one starting at or before ours and the first one
        // starting inside ours are the only candidates.
        let candidates = try Row.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT * FROM (SELECT prefix.cidr, prefix.last, unit.name FROM prefix JOIN unit ON unit.id = prefix.unitId
                                   WHERE family = ? AND first <= ? ORDER BY first DESC LIMIT 1)
                    UNION ALL
                    SELECT * FROM (SELECT prefix.cidr, prefix.last, unit.name FROM prefix JOIN unit ON unit.id = prefix.unitId
                                   WHERE family = ? AND first > ? AND first <= ? ORDER BY first LIMIT 1)
                    """), arguments: [family, first, family, first, last])
        for row in candidates {
            let otherLast: Data = row["last"]
            let otherCIDR: String = row["cidr"]
            let otherUnit: String = row["name"]
            if otherLast.lexicographicallyPrecedes(first) { continue }
            throw RegistryError.conflict(
                "cidr", rule: "prefix-overlap",
                "\(prefix) overlaps \(otherCIDR), registered to \(otherUnit); prefixes of the extranet must not overlap"
            )
        }
        var record = PrefixRecord(
            id: nil, unitId: unit.id ?? 0, cidr: prefix.description, family: family,
            first: first, last: last, description: (input.description ?? "").trimmingBlanks())
        try record.insert(db)
        try audit.append(
            db, action: "prefix.create", entity: "prefix", entityId: record.cidr,
            before: Optional<PrefixRecord.Snapshot>.none, after: record.snapshot)
        return record
    }

    /// 16 big-endian bytes, so SQLite's byte-wise comparison orders addresses numerically within a family.
    static func sortKey(_ address: IPAddress) -> Data {
        let value: UInt128 =
            switch address {
            case .v4(let v4): UInt128(v4)
            case .v6(let v6): v6
            }
        return Data((0..<16).map { UInt8(truncatingIfNeeded: value >> (8 * (15 - $0))) })
    }

    func prefixView(id: Int64, in db: Database) throws -> PrefixView {
        let row = try Row.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT prefix.id, prefix.cidr, prefix.family, prefix.description,
                           unit.id AS unitId, unit.name, unit.creditCode, unit.divisionCode
                    FROM prefix JOIN unit ON unit.id = prefix.unitId WHERE prefix.id = ?
                    """), arguments: [id])
        guard let row else { throw RegistryError.notFound("prefix", "no prefix \(id)") }
        return Self.prefixView(row)
    }

    static func prefixView(_ row: Row) -> PrefixView {
        PrefixView(
            id: row["id"], cidr: row["cidr"], family: row["family"],
            unit: UnitRef(
                id: row["unitId"], name: row["name"], creditCode: row["creditCode"],
                divisionCode: row["divisionCode"]),
            description: row["description"])
    }
}
