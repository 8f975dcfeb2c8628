import GRDB
import WaiwangAPI
import WaiwangCore

/// Filters of the unit list.
public struct UnitFilter: Sendable {
    public var divisionCode: String?
    public var state: UnitState?
    public var level: UnitLevel?
    /// Part of the name, credit code or address.
    public var text: String?
    public var limit: Int
    public var offset: Int

    public init(
        divisionCode: String? = nil, state: UnitState? = nil, level: UnitLevel? = nil, text: String? = nil,
        limit: Int = 100, offset: Int = 0
    ) {
        self.divisionCode = divisionCode
        self.state = state
        self.level = level
        self.text = text
        self.limit = limit
        self.offset = offset
    }
}

extension RegistryStore {
    public func listUnits(_ filter: UnitFilter, as principal: Principal) async throws -> Page<UnitView> {
        try await writer.read { db in
            var conditions = SQLConditions()
            conditions.confine(principal, column: "divisionCode")
            if let division = filter.divisionCode {
                conditions.add("divisionCode = ?", divisionCode(parsing: division))
            }
            if let state = filter.state {
                conditions.add("state = ?", state.rawValue)
            }
            if let level = filter.level {
                conditions.add("level = ?", level.rawValue)
            }
            if let text = filter.text, !text.isEmpty {
                let pattern = "%\(text)%"
                conditions.add("(name LIKE ? OR creditCode LIKE ? OR officeAddress LIKE ?)", pattern, pattern, pattern)
            }
            let whereSQL = conditions.whereClause
            let total =
                try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM unit" + whereSQL, arguments: conditions.arguments) ?? 0
            let records = try UnitRecord.fetchAll(
                db, sql: "SELECT * FROM unit\(whereSQL) ORDER BY id LIMIT ? OFFSET ?",
                arguments: conditions.arguments + [filter.limit, filter.offset])
            return Page(
                items: try unitViews(records, in: db, as: principal), total: total, limit: filter.limit,
                offset: filter.offset)
        }
    }

    public func unit(_ reference: String, as principal: Principal) async throws -> UnitView {
        try await writer.read { db in
            let record = try resolveUnit(reference, in: db, as: principal)
            return try unitViews([record], in: db, as: principal)[0]
        }
    }

    public func createUnit(_ input: UnitCreate, as principal: Principal) async throws -> UnitView {
        try principal.requireWrite(what: "units")
        return try await writer.write { db in
            let record = try insertUnit(input, in: db, audit: auditor(principal), as: principal)
            return try unitViews([record], in: db, as: principal)[0]
        }
    }

    public func updateUnit(_ reference: String, _ update: UnitUpdate, as principal: Principal) async throws -> UnitView
    {
        try principal.requireWrite(what: "units")
        return try await writer.write { db in
            let after = try applyUnitUpdate(reference, update, in: db, audit: auditor(principal), as: principal)
            return try unitViews([after], in: db, as: principal)[0]
        }
    }

    /// Validates and applies a unit change within the caller's transaction; shared by the API and applications.
    func applyUnitUpdate(
        _ reference: String, _ update: UnitUpdate, in db: Database, audit: AuditAppender,
        as principal: Principal
    ) throws -> UnitRecord {
        let before = try resolveUnit(reference, in: db, as: principal)
        var after = before
        if let name = update.name { after.name = try FieldRules.required(name, field: "name", label: "单位名称 (name)") }
        if let level = update.level { after.level = try UnitLevel(parsing: level).rawValue }
        if let division = update.divisionCode { after.divisionCode = divisionCode(parsing: division) }
        if let address = update.officeAddress {
            after.officeAddress = try FieldRules.required(
                address, field: "officeAddress", label: "办公地址 (office address)")
            after.normalizedAddress = normalizer.normalize(after.officeAddress)
        }
        if let contact = update.contactName {
            after.contactName = try FieldRules.required(contact, field: "contactName", label: "联系人 (contact)")
        }
        if let phone = update.contactPhone { after.contactPhone = try FieldRules.phone(phone) }
        if let letter = update.commitmentLetterOnFile { after.commitmentLetterOnFile = letter }
        if let state = update.state { after.state = try UnitState(parsing: state).rawValue }
        let level = try UnitLevel(parsing: after.level)
        try principal.requireScope(division: after.divisionCode, what: "unit \(after.name)")
        try AccessRules.checkDivision(
            level: level, division: division(after.divisionCode, in: db, field: "divisionCode"))
        try recheckLinks(of: after, previous: before, level: level, in: db)
        if after.state == UnitState.withdrawn.rawValue, before.state != after.state {
            let links =
                try Int.fetchOne(
                    db.cachedStatement(sql: "SELECT COUNT(*) FROM linkUnit WHERE unitId = ?"), arguments: [after.id])
                ?? 0
            guard links == 0 else {
                throw RegistryError.invalid(
                    "state", rule: "unit-state",
                    "\(after.name) still has \(links) link(s); take it off its links before it withdraws (退网)")
            }
        }
        after.updatedAt = audit.at
        try after.update(db)
        try audit.append(
            db, action: "unit.update", entity: "unit", entityId: after.creditCode,
            before: before, after: after)
        return after
    }

    /// Validates and inserts one unit within the caller's transaction; shared by the API and the importer.
    func insertUnit(_ input: UnitCreate, in db: Database, audit: AuditAppender, as principal: Principal) throws
        -> UnitRecord
    {
        let name = try FieldRules.required(input.name, field: "name", label: "单位名称 (name)")
        let code = try UnifiedSocialCreditCode(input.creditCode)
        let level = try UnitLevel(parsing: input.level)
        let divisionCode = divisionCode(
            parsing: try FieldRules.required(
                input.divisionCode, field: "divisionCode",
                label: "所属区县 (division)"))
        let division = try division(divisionCode, in: db, field: "divisionCode")
        try AccessRules.checkDivision(level: level, division: division)
        try principal.requireScope(division: division.code, what: "unit \(name)")
        let address = try FieldRules.required(
            input.officeAddress, field: "officeAddress", label: "办公地址 (office address)")
        let contact = try FieldRules.required(input.contactName, field: "contactName", label: "联系人 (contact)")
        let phone = try FieldRules.phone(input.contactPhone)
        let state =
            try input.state.map { (text: String) throws(RegistryError) in try UnitState(parsing: text) } ?? .active
        if let existing = try UnitRecord.fetchOne(
            db.cachedStatement(sql: "SELECT * FROM unit WHERE creditCode = ?"),
            arguments: [code.rawValue])
        {
            throw RegistryError.conflict(
                "creditCode", rule: "unique-credit-code",
                "统一社会信用代码 \(code) is already registered to unit \(existing.id ?? 0) \(existing.name); update that unit instead"
            )
        }
        let at = audit.at
        var record = UnitRecord(
            id: nil, name: name, creditCode: code.rawValue, level: level.rawValue,
            divisionCode: division.code, officeAddress: address,
            normalizedAddress: normalizer.normalize(address), contactName: contact,
            contactPhone: phone, commitmentLetterOnFile: input.commitmentLetterOnFile ?? false,
            state: state.rawValue, createdAt: at, updatedAt: at)
        try record.insert(db)
        try audit.append(
            db, action: "unit.create", entity: "unit", entityId: code.rawValue,
            before: Optional<UnitRecord>.none, after: record)
        return record
    }

    /// A unit by numeric id or credit code, within the caller's scope (outside it the unit does not exist for them).
    func resolveUnit(_ reference: String, in db: Database, as principal: Principal, field: String = "unit") throws
        -> UnitRecord
    {
        let text = reference.trimmingBlanks()
        let record: UnitRecord?
        // A credit code may be all digits: 18 characters always mean a credit code, never an id.
        if text.count != 18, let id = Int64(text) {
            record = try UnitRecord.fetchOne(db, key: id)
        } else {
            record = try UnitRecord.fetchOne(
                db.cachedStatement(sql: "SELECT * FROM unit WHERE creditCode = ?"),
                arguments: [text.uppercased()])
        }
        guard let record, principal.covers(division: record.divisionCode) else {
            throw RegistryError.notFound(field, "no unit \"\(reference)\" (give its id or 统一社会信用代码)")
        }
        return record
    }

    /// After a unit's level, division or address changed, its links must still obey articles 16 and 17.
    private func recheckLinks(of unit: UnitRecord, previous: UnitRecord, level: UnitLevel, in db: Database) throws {
        let links = try LinkRecord.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT link.* FROM link JOIN linkUnit ON linkUnit.linkId = link.id WHERE linkUnit.unitId = ?
                    """), arguments: [unit.id])
        for var link in links {
            let hub = try hub(ofDevice: link.deviceId, in: db)
            try AccessRules.checkHub(
                unitName: unit.name, level: level, unitDivision: unit.divisionCode, hub: hub,
                field: "divisionCode")
            guard unit.normalizedAddress != previous.normalizedAddress else { continue }
            let others =
                try Int.fetchOne(
                    db.cachedStatement(sql: "SELECT COUNT(*) FROM linkUnit WHERE linkId = ? AND unitId != ?"),
                    arguments: [link.id, unit.id]) ?? 0
            if others > 0 {
                throw RegistryError.invalid(
                    "officeAddress", rule: "article-17",
                    "\(unit.name) shares link \(link.id ?? 0) with units at \(previous.officeAddress); take it off that link before moving it"
                )
            }
            link.normalizedAddress = unit.normalizedAddress
            try checkSharedAddress(link, in: db)
            try link.update(db)
        }
    }

    /// API views of units with their links, prefixes and co-located units (those the caller may see), in a few queries.
    func unitViews(_ records: [UnitRecord], in db: Database, as principal: Principal) throws -> [UnitView] {
        guard !records.isEmpty else { return [] }
        let ids = records.compactMap(\.id)
        let idMarks = SQLConditions.marks(ids.count)
        var linkIds: [Int64: [Int64]] = [:]
        for row in try Row.fetchAll(
            db, sql: "SELECT unitId, linkId FROM linkUnit WHERE unitId IN (\(idMarks)) ORDER BY linkId",
            arguments: StatementArguments(ids))
        {
            linkIds[row["unitId"], default: []].append(row["linkId"])
        }
        var prefixes: [Int64: [String]] = [:]
        for row in try Row.fetchAll(
            db, sql: "SELECT unitId, cidr FROM prefix WHERE unitId IN (\(idMarks)) ORDER BY family, first",
            arguments: StatementArguments(ids))
        {
            prefixes[row["unitId"], default: []].append(row["cidr"])
        }
        let addresses = Array(Set(records.map(\.normalizedAddress)))
        let addressMarks = SQLConditions.marks(addresses.count)
        var atAddress: [String: [UnitRef]] = [:]
        for other in try UnitRecord.fetchAll(
            db, sql: "SELECT * FROM unit WHERE normalizedAddress IN (\(addressMarks)) ORDER BY id",
            arguments: StatementArguments(addresses))
        {
            guard principal.covers(division: other.divisionCode) else { continue }
            atAddress[other.normalizedAddress, default: []].append(other.ref)
        }
        let divisionNames = Dictionary(uniqueKeysWithValues: tree.divisions.map { ($0.code, $0.name) })
        return records.map { record in
            UnitView(
                id: record.id ?? 0, name: record.name, creditCode: record.creditCode,
                level: UnitLevel(rawValue: record.level) ?? .county, divisionCode: record.divisionCode,
                divisionName: divisionNames[record.divisionCode] ?? record.divisionCode,
                officeAddress: record.officeAddress, normalizedAddress: record.normalizedAddress,
                contactName: record.contactName, contactPhone: record.contactPhone,
                commitmentLetterOnFile: record.commitmentLetterOnFile,
                state: UnitState(rawValue: record.state) ?? .active, linkIds: linkIds[record.id ?? 0] ?? [],
                prefixes: prefixes[record.id ?? 0] ?? [],
                coLocatedUnits: (atAddress[record.normalizedAddress] ?? []).filter { $0.id != record.id },
                createdAt: record.createdAt, updatedAt: record.updatedAt)
        }
    }
}
