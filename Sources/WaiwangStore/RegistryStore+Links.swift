import GRDB
import WaiwangAPI
import WaiwangCore

/// Filters of the link list.
public struct LinkFilter: Sendable {
    public var hubCode: String?
    public var kind: LinkKind?
    /// Only links serving more than one unit.
    public var sharedOnly: Bool
    public var limit: Int
    public var offset: Int

    public init(
        hubCode: String? = nil, kind: LinkKind? = nil, sharedOnly: Bool = false, limit: Int = 100,
        offset: Int = 0
    ) {
        self.hubCode = hubCode
        self.kind = kind
        self.sharedOnly = sharedOnly
        self.limit = limit
        self.offset = offset
    }
}

extension RegistryStore {
    public func listLinks(_ filter: LinkFilter, as principal: Principal) async throws -> Page<LinkView> {
        try await writer.read { db in
            var conditions = SQLConditions()
            conditions.confine(principal, column: "hub.divisionCode")
            if let hubCode = filter.hubCode {
                conditions.add("(hub.code = ? OR hub.divisionCode = ?)", hubCode, divisionCode(parsing: hubCode))
            }
            if let kind = filter.kind {
                conditions.add("link.kind = ?", kind.rawValue)
            }
            if filter.sharedOnly {
                conditions.add("(SELECT COUNT(*) FROM linkUnit WHERE linkUnit.linkId = link.id) > 1")
            }
            let from =
                " FROM link JOIN hubDevice ON hubDevice.id = link.deviceId JOIN hub ON hub.code = hubDevice.hubCode"
                + conditions.whereClause
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*)" + from, arguments: conditions.arguments) ?? 0
            let records = try LinkRecord.fetchAll(
                db, sql: "SELECT link.*\(from) ORDER BY link.id LIMIT ? OFFSET ?",
                arguments: conditions.arguments + [filter.limit, filter.offset])
            return Page(items: try linkViews(records, in: db), total: total, limit: filter.limit, offset: filter.offset)
        }
    }

    public func link(_ id: Int64, as principal: Principal) async throws -> LinkView {
        try await writer.read { db in try linkViews([resolveLink(id, in: db, as: principal)], in: db)[0] }
    }

    public func createLink(_ input: LinkCreate, as principal: Principal) async throws -> LinkView {
        try principal.requireWrite(what: "links")
        return try await writer.write { db in
            let record = try insertLink(input, in: db, audit: auditor(principal), as: principal)
            return try linkViews([record], in: db)[0]
        }
    }

    public func updateLink(_ id: Int64, _ update: LinkUpdate, as principal: Principal) async throws -> LinkView {
        try principal.requireWrite(what: "links")
        return try await writer.write { db in
            let after = try applyLinkUpdate(id, update, in: db, audit: auditor(principal), as: principal)
            return try linkViews([after], in: db)[0]
        }
    }

    /// Validates and applies a link change within the caller's transaction; shared by the API and applications.
    func applyLinkUpdate(
        _ id: Int64, _ update: LinkUpdate, in db: Database, audit: AuditAppender,
        as principal: Principal
    ) throws -> LinkRecord {
        let before = try resolveLink(id, in: db, as: principal)
        let beforeUnits = try unitIds(ofLink: id, in: db)
        let device = try HubDeviceRecord.fetchOne(db, key: before.deviceId)
        let merged = LinkCreate(
            kind: update.kind ?? before.kind, carrier: update.carrier ?? before.carrier,
            bandwidthMbps: update.bandwidthMbps ?? before.bandwidthMbps,
            hubDevice: update.hubDevice ?? device?.name ?? "", port: update.port ?? before.port,
            units: update.units ?? beforeUnits.map(String.init), backup: update.backup ?? before.backup,
            note: update.note ?? before.note)
        let (validated, units) = try validateLink(merged, in: db, as: principal, replacing: id)
        var after = validated
        after.id = id
        try after.update(db)
        try db.cachedStatement(sql: "DELETE FROM linkUnit WHERE linkId = ?").execute(arguments: [id])
        for unit in units {
            try db.cachedStatement(sql: "INSERT INTO linkUnit (linkId, unitId) VALUES (?, ?)").execute(arguments: [
                id, unit.id,
            ])
        }
        try audit.append(
            db, action: "link.update", entity: "link", entityId: String(id),
            before: LinkSnapshot(link: before, unitIds: beforeUnits),
            after: LinkSnapshot(link: after, unitIds: units.compactMap(\.id)))
        return after
    }

    public func deleteLink(_ id: Int64, as principal: Principal) async throws {
        try principal.requireWrite(what: "links")
        try await writer.write { db in try removeLink(id, in: db, audit: auditor(principal), as: principal) }
    }

    /// Removes a link within the caller's transaction.
    func removeLink(_ id: Int64, in db: Database, audit: AuditAppender, as principal: Principal) throws {
        let before = try resolveLink(id, in: db, as: principal)
        if let order = try String.fetchOne(
            db,
            sql: """
                SELECT o.id FROM isolationOrderPort p JOIN isolationOrder o ON o.id = p.orderId
                WHERE p.linkId = ? AND o.state NOT IN (\(IsolationState.finalSQL)) LIMIT 1
                """, arguments: [id])
        {
            throw RegistryError.conflict(
                "link", rule: "isolation-order",
                "link \(id) is a port of isolation order \(order), still in progress; close or cancel the order first")
        }
        let units = try unitIds(ofLink: id, in: db)
        try db.cachedStatement(sql: "DELETE FROM link WHERE id = ?").execute(arguments: [id])
        try audit.append(
            db, action: "link.delete", entity: "link", entityId: String(id),
            before: LinkSnapshot(link: before, unitIds: units),
            after: Optional<LinkSnapshot>.none)
    }

    /// Validates and inserts one link within the caller's transaction; shared by the API and the importer.
    func insertLink(_ input: LinkCreate, in db: Database, audit: AuditAppender, as principal: Principal) throws
        -> LinkRecord
    {
        var (record, units) = try validateLink(input, in: db, as: principal, replacing: nil)
        try record.insert(db)
        for unit in units {
            try db.cachedStatement(sql: "INSERT INTO linkUnit (linkId, unitId) VALUES (?, ?)").execute(arguments: [
                record.id, unit.id,
            ])
        }
        try audit.append(
            db, action: "link.create", entity: "link", entityId: String(record.id ?? 0),
            before: Optional<LinkSnapshot>.none,
            after: LinkSnapshot(link: record, unitIds: units.compactMap(\.id)))
        return record
    }

    /// Checks a link against articles 16 and 17 and the port's uniqueness.
    private func validateLink(_ input: LinkCreate, in db: Database, as principal: Principal, replacing: Int64?) throws
        -> (LinkRecord, [UnitRecord])
    {
        let kind = try LinkKind(parsing: input.kind)
        let carrier = try FieldRules.required(input.carrier, field: "carrier", label: "运营商 (carrier)")
        guard input.bandwidthMbps > 0 else {
            throw RegistryError.invalid(
                "bandwidthMbps", rule: "bandwidth", "bandwidth must be a positive number of Mbps")
        }
        let deviceName = try FieldRules.required(input.hubDevice, field: "hubDevice", label: "汇聚设备 (hub device)")
        guard
            let device = try HubDeviceRecord.fetchOne(
                db.cachedStatement(sql: "SELECT * FROM hubDevice WHERE name = ? OR CAST(id AS TEXT) = ?"),
                arguments: [deviceName, deviceName])
        else {
            throw RegistryError.invalid(
                "hubDevice", rule: "known-device",
                "no hub device \"\(deviceName)\"; register it first (waiwangctl devices create)")
        }
        let port = try FieldRules.interfaceName(input.port)
        guard !input.units.isEmpty else {
            throw RegistryError.invalid("units", rule: "required", "a link serves at least one unit")
        }
        var units: [UnitRecord] = []
        for reference in input.units {
            let unit = try resolveUnit(reference, in: db, as: principal, field: "units")
            if !units.contains(where: { $0.id == unit.id }) { units.append(unit) }
        }
        let hub = try hub(ofDevice: device.id ?? 0, in: db)
        for unit in units where unit.state == UnitState.withdrawn.rawValue {
            throw RegistryError.invalid(
                "units", rule: "unit-state",
                "\(unit.name) has withdrawn from the extranet (已退网); a withdrawn unit gets no link")
        }
        for unit in units {
            try AccessRules.checkHub(
                unitName: unit.name, level: UnitLevel(rawValue: unit.level) ?? .county,
                unitDivision: unit.divisionCode, hub: hub)
        }
        let addresses = Set(units.map(\.normalizedAddress))
        guard addresses.count == 1, let address = addresses.first else {
            let listing = units.map { "\($0.name): \($0.officeAddress)" }.joined(separator: "; ")
            throw RegistryError.invalid(
                "units", rule: "article-17",
                "only units at one office address share a link (article 17); these are at different addresses: \(listing)"
            )
        }
        if let clash = try LinkRecord.fetchOne(
            db.cachedStatement(sql: "SELECT * FROM link WHERE deviceId = ? AND port = ? AND id IS NOT ?"),
            arguments: [device.id, port, replacing])
        {
            throw RegistryError.conflict(
                "port", rule: "unique-port",
                "port \(port) of \(device.name) already carries link \(clash.id ?? 0); add the unit to that link or use another port or sub-interface"
            )
        }
        let record = LinkRecord(
            id: replacing, kind: kind.rawValue, carrier: carrier, bandwidthMbps: input.bandwidthMbps,
            deviceId: device.id ?? 0, port: port, backup: input.backup ?? false,
            note: (input.note ?? "").trimmingBlanks(), normalizedAddress: address)
        try checkSharedAddress(record, in: db)
        return (record, units)
    }

    /// Article 17: units at one address share one link; a second primary link for the address at the same hub is
    /// refused. A city unit and a county unit in one building land on different hubs (article 16), so only links
    /// on the same hub are compared.
    func checkSharedAddress(_ link: LinkRecord, in db: Database) throws {
        guard !link.backup else { return }
        if let existing = try LinkRecord.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT link.* FROM link
                    JOIN hubDevice ON hubDevice.id = link.deviceId
                    WHERE link.normalizedAddress = ? AND link.backup = 0 AND link.id IS NOT ?
                      AND hubDevice.hubCode = (SELECT hubCode FROM hubDevice WHERE id = ?)
                    LIMIT 1
                    """), arguments: [link.normalizedAddress, link.id, link.deviceId])
        {
            throw RegistryError.conflict(
                "units", rule: "article-17",
                "units at this office address already share link \(existing.id ?? 0) (port \(existing.port)); article 17: add the unit to that link, or mark this one as a deliberate backup"
            )
        }
    }

    func resolveLink(_ id: Int64, in db: Database, as principal: Principal) throws -> LinkRecord {
        guard let record = try LinkRecord.fetchOne(db, key: id) else {
            throw RegistryError.notFound("link", "no link \(id)")
        }
        let hub = try hub(ofDevice: record.deviceId, in: db)
        guard principal.covers(division: hub.divisionCode) else {
            throw RegistryError.notFound("link", "no link \(id)")
        }
        return record
    }

    func unitIds(ofLink id: Int64, in db: Database) throws -> [Int64] {
        try Int64.fetchAll(
            db.cachedStatement(sql: "SELECT unitId FROM linkUnit WHERE linkId = ? ORDER BY unitId"), arguments: [id])
    }

    func hub(ofDevice id: Int64, in db: Database) throws -> Hub {
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(
                    sql: """
                        SELECT hub.* FROM hub JOIN hubDevice ON hubDevice.hubCode = hub.code WHERE hubDevice.id = ?
                        """), arguments: [id])
        else { throw RegistryError.notFound("hubDevice", "no hub device \(id)") }
        return Hub(code: row["code"], name: row["name"], divisionCode: row["divisionCode"])
    }

    func linkViews(_ records: [LinkRecord], in db: Database) throws -> [LinkView] {
        guard !records.isEmpty else { return [] }
        let ids = records.compactMap(\.id)
        let idMarks = SQLConditions.marks(ids.count)
        var units: [Int64: [UnitRef]] = [:]
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT linkUnit.linkId, unit.id, unit.name, unit.creditCode, unit.divisionCode
                FROM linkUnit JOIN unit ON unit.id = linkUnit.unitId WHERE linkUnit.linkId IN (\(idMarks)) ORDER BY unit.id
                """, arguments: StatementArguments(ids))
        {
            units[row["linkId"], default: []].append(
                UnitRef(
                    id: row["id"], name: row["name"], creditCode: row["creditCode"], divisionCode: row["divisionCode"]))
        }
        var devices: [Int64: Row] = [:]
        let deviceIds = Array(Set(records.map(\.deviceId)))
        for row in try Row.fetchAll(
            db,
            sql: """
                SELECT hubDevice.id, hubDevice.name, hub.code AS hubCode, hub.name AS hubName
                FROM hubDevice JOIN hub ON hub.code = hubDevice.hubCode
                WHERE hubDevice.id IN (\(SQLConditions.marks(deviceIds.count)))
                """, arguments: StatementArguments(deviceIds))
        {
            devices[row["id"]] = row
        }
        return records.map { record in
            let device = devices[record.deviceId]
            return LinkView(
                id: record.id ?? 0, kind: LinkKind(rawValue: record.kind) ?? .leased, carrier: record.carrier,
                bandwidthMbps: record.bandwidthMbps, hubCode: device?["hubCode"] ?? "",
                hubName: device?["hubName"] ?? "", hubDevice: device?["name"] ?? "", port: record.port,
                backup: record.backup, note: record.note, normalizedAddress: record.normalizedAddress,
                units: units[record.id ?? 0] ?? [])
        }
    }
}
