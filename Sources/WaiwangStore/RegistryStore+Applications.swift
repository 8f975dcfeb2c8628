import Foundation
import GRDB
import WaiwangAPI
import WaiwangCore

/// Filters of the application list.
public struct ApplicationFilter: Sendable {
    public var state: ApplicationState?
    public var kind: ApplicationKind?
    public var divisionCode: String?
    /// Only open applications past their deadline.
    public var overdueOnly: Bool
    public var limit: Int
    public var offset: Int

    public init(
        state: ApplicationState? = nil, kind: ApplicationKind? = nil, divisionCode: String? = nil,
        overdueOnly: Bool = false, limit: Int = 100, offset: Int = 0
    ) {
        self.state = state
        self.kind = kind
        self.divisionCode = divisionCode
        self.overdueOnly = overdueOnly
        self.limit = limit
        self.offset = offset
    }
}

extension RegistryStore {
    static let formEncoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// Today in China, the day deadlines are counted from.
    var today: CivilDate { CivilDate(secondsSince1970: Int(now().timeIntervalSince1970)) }

    /// Files a draft with the authority of its level: the city's for city-level units, the county's otherwise.
    public func createApplication(_ input: ApplicationCreate, as principal: Principal) async throws -> ApplicationView {
        try principal.requireWrite(what: "applications")
        let kind = try ApplicationKind(parsing: input.kind)
        return try await writer.write { db in
            let (division, unit) = try filing(kind: kind, form: input.form, in: db, as: principal)
            let audit = auditor(principal)
            var record = ApplicationRecord(
                id: nil, number: try nextNumber(division: division, in: db), kind: kind.rawValue,
                state: ApplicationState.draft.rawValue, divisionCode: division, unitId: unit?.id,
                form: try Self.encodeForm(input.form), createdBy: principal.name, createdAt: audit.at)
            try record.insert(db)
            try recordEvent(record, action: "create", from: .draft, note: "", in: db, as: principal)
            try audit.append(
                db, action: "application.create", entity: "application", entityId: record.number,
                before: Optional<ApplicationRecord>.none, after: record)
            return try applicationView(record, in: db)
        }
    }

    /// Replaces the form fields given, while the application is a draft.
    public func updateApplication(_ id: Int64, _ form: ApplicationForm, as principal: Principal) async throws
        -> ApplicationView
    {
        try principal.requireWrite(what: "applications")
        return try await writer.write { db in
            var record = try resolveApplication(id, in: db, as: principal)
            guard record.state == ApplicationState.draft.rawValue else {
                throw RegistryError.conflict(
                    "state", rule: "application-workflow",
                    "only a draft can be edited; this one is \(record.state)")
            }
            var merged = try Self.decodeForm(record.form)
            merged.merge(form)
            let kind = try ApplicationKind(parsing: record.kind)
            let (division, unit) = try filing(kind: kind, form: merged, in: db, as: principal)
            let before = record
            record.form = try Self.encodeForm(merged)
            if division != record.divisionCode {
                // Filed with another authority now: the number names the division it is filed in.
                record.number = try nextNumber(division: division, in: db)
                record.divisionCode = division
            }
            record.unitId = unit?.id
            try record.update(db)
            try auditor(principal).append(
                db, action: "application.update", entity: "application",
                entityId: record.number, before: before, after: record)
            return try applicationView(record, in: db)
        }
    }

    public func application(_ id: Int64, as principal: Principal) async throws -> ApplicationView {
        try await writer.read { db in try applicationView(resolveApplication(id, in: db, as: principal), in: db) }
    }

    public func listApplications(_ filter: ApplicationFilter, as principal: Principal) async throws
        -> Page<ApplicationView>
    {
        try await writer.read { db in
            var conditions = SQLConditions()
            conditions.confine(principal, column: "divisionCode")
            if let division = filter.divisionCode {
                conditions.add("divisionCode = ?", divisionCode(parsing: division))
            }
            if let state = filter.state {
                conditions.add("state = ?", state.rawValue)
            }
            if let kind = filter.kind {
                conditions.add("kind = ?", kind.rawValue)
            }
            if filter.overdueOnly {
                conditions.add("state IN ('submitted', 'under-review', 'approved', 'provisioning')")
            }
            let sql =
                "SELECT * FROM application" + conditions.whereClause
                + " ORDER BY id"
            if filter.overdueOnly {
                // Overdue depends on the calendar, not on a column: judge every open one, then page.
                let overdue = try ApplicationRecord.fetchAll(db, sql: sql, arguments: conditions.arguments)
                    .filter { deadline(of: $0)?.overdue == true }
                let page = overdue.dropFirst(filter.offset).prefix(filter.limit)
                return Page(
                    items: try page.map { try applicationView($0, in: db) }, total: overdue.count,
                    limit: filter.limit, offset: filter.offset)
            }
            let total = try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM (\(sql))", arguments: conditions.arguments) ?? 0
            let records = try ApplicationRecord.fetchAll(
                db, sql: sql + " LIMIT ? OFFSET ?",
                arguments: conditions.arguments + [filter.limit, filter.offset])
            return Page(
                items: try records.map { try applicationView($0, in: db) }, total: total, limit: filter.limit,
                offset: filter.offset)
        }
    }

    /// Open applications past their deadline, by stage, for the metrics endpoint.
    public func overdueApplicationCounts() async throws -> [ApplicationDeadline.Stage: Int] {
        try await writer.read { db in
            var counts: [ApplicationDeadline.Stage: Int] = [.review: 0, .provisioning: 0]
            for record in try ApplicationRecord.fetchAll(
                db,
                sql: """
                    SELECT * FROM application WHERE state IN ('submitted', 'under-review', 'approved', 'provisioning')
                    """)
            {
                if let deadline = deadline(of: record), deadline.overdue { counts[deadline.stage, default: 0] += 1 }
            }
            return counts
        }
    }

    /// Stores an attachment's bytes under the data directory and records it on a draft.
    public func attach(_ data: Data, kind: String, filename: String, to id: Int64, as principal: Principal)
        async throws -> AttachmentView
    {
        try principal.requireWrite(what: "applications")
        guard ["form", "commitment-letter"].contains(kind) else {
            throw RegistryError.invalid(
                "kind", rule: "attachment-kind",
                "attachment kind must be form (the scanned application form) or commitment-letter (安全承诺书)")
        }
        let name = try FieldRules.required(filename, field: "filename", label: "file name")
        // Check the application before writing anything to disk.
        _ = try await writer.read { db in try resolveDraft(id, in: db, as: principal) }
        let (sha256, mediaType) = try attachments.save(data, limit: policy.attachmentMaxBytes)
        return try await writer.write { db in
            let application = try resolveDraft(id, in: db, as: principal)
            var record = AttachmentRecord(
                id: nil, applicationId: id, kind: kind, filename: name,
                mediaType: mediaType.rawValue, size: data.count, sha256: sha256,
                uploadedBy: principal.name, uploadedAt: timestamp())
            try record.insert(db)
            try auditor(principal).append(
                db, action: "application.attach", entity: "application",
                entityId: application.number, before: Optional<AttachmentRecord>.none,
                after: record)
            return record.view
        }
    }

    /// The next filing number of a division this year (China time): SQ530402-2026-0007.
    private func nextNumber(division: String, in db: Database) throws -> String {
        let prefix = "SQ\(division)-\(today.year)-"
        let last =
            try Int.fetchOne(
                db.cachedStatement(
                    sql: "SELECT MAX(CAST(substr(number, ?) AS INTEGER)) FROM application WHERE number LIKE ?"),
                arguments: [prefix.count + 1, prefix + "%"]) ?? 0
        return prefix + String(format: "%04d", last + 1)
    }

    func resolveApplication(_ id: Int64, in db: Database, as principal: Principal) throws -> ApplicationRecord {
        guard let record = try ApplicationRecord.fetchOne(db, key: id), principal.covers(division: record.divisionCode)
        else { throw RegistryError.notFound("application", "no application \(id)") }
        return record
    }

    private func resolveDraft(_ id: Int64, in db: Database, as principal: Principal) throws -> ApplicationRecord {
        let record = try resolveApplication(id, in: db, as: principal)
        guard record.state == ApplicationState.draft.rawValue else {
            throw RegistryError.conflict(
                "state", rule: "application-workflow",
                "attachments go on a draft; this application is \(record.state)")
        }
        return record
    }

    /// The division an application is filed in (article 18/16) and the unit it concerns, from its form.
    private func filing(kind: ApplicationKind, form: ApplicationForm, in db: Database, as principal: Principal) throws
        -> (String, UnitRecord?)
    {
        switch kind {
        case .newAccess:
            let text = try FieldRules.required(form.divisionCode, field: "form.divisionCode", label: "所属区县 (division)")
            let division = try division(divisionCode(parsing: text), in: db, field: "form.divisionCode")
            if let level = form.level {
                try AccessRules.checkDivision(
                    level: UnitLevel(parsing: level, field: "form.level"), division: division,
                    field: "form.divisionCode")
            }
            try principal.requireScope(division: division.code, what: "an application")
            return (division.code, nil)
        case .change, .withdrawal:
            let reference = try FieldRules.required(form.unit, field: "form.unit", label: "接入单位 (unit)")
            let unit = try resolveUnit(reference, in: db, as: principal, field: "form.unit")
            return (unit.divisionCode, unit)
        }
    }

    static func encodeForm(_ form: ApplicationForm) throws -> String {
        String(decoding: try formEncoder.encode(form), as: UTF8.self)
    }

    static func decodeForm(_ text: String) throws -> ApplicationForm {
        try JSONDecoder().decode(ApplicationForm.self, from: Data(text.utf8))
    }

    func deadline(of record: ApplicationRecord) -> ApplicationDeadline? {
        guard let state = ApplicationState(rawValue: record.state) else { return nil }
        return ApplicationDeadline.compute(
            state: state, submitted: record.submittedDate.flatMap(CivilDate.init),
            approved: record.approvedDate.flatMap(CivilDate.init), today: today, division: record.divisionCode,
            calendar: calendar, policy: policy)
    }

    func applicationView(_ record: ApplicationRecord, in db: Database) throws -> ApplicationView {
        let id = record.id ?? 0
        let attachments = try AttachmentRecord.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT * FROM applicationAttachment WHERE applicationId = ? ORDER BY id
                    """), arguments: [id]
        ).map(\.view)
        let history = try ApplicationEventRecord.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT * FROM applicationEvent WHERE applicationId = ? ORDER BY id
                    """), arguments: [id]
        ).map(\.view)
        let notifications = try NotificationRecord.fetchAll(
            db.cachedStatement(
                sql: """
                    SELECT * FROM notification WHERE applicationId = ? ORDER BY id
                    """), arguments: [id]
        ).map(\.view)
        let unit = try record.unitId.flatMap { try UnitRecord.fetchOne(db, key: $0) }?.ref
        let deadline = deadline(of: record).map {
            DeadlineView(
                stage: $0.stage.rawValue, due: $0.due?.description, workingDaysLeft: $0.workingDaysLeft,
                overdue: $0.overdue, problem: $0.problem)
        }
        return ApplicationView(
            id: id, number: record.number, kind: ApplicationKind(rawValue: record.kind) ?? .newAccess,
            state: ApplicationState(rawValue: record.state) ?? .draft, divisionCode: record.divisionCode, unit: unit,
            form: try Self.decodeForm(record.form), attachments: attachments, createdBy: record.createdBy,
            createdAt: record.createdAt, submittedAt: record.submittedAt, decidedAt: record.decidedAt,
            rejectionReasons: record.rejectionReasons, deadline: deadline, history: history,
            notifications: notifications)
    }

    func recordEvent(
        _ record: ApplicationRecord, action: String, from: ApplicationState, note: String,
        in db: Database, as principal: Principal
    ) throws {
        let at = timestamp()
        try ApplicationEventRecord(
            applicationId: record.id ?? 0, at: at, actor: principal.name, action: action,
            fromState: from.rawValue, toState: record.state, note: note
        ).insert(db)
    }
}

extension ApplicationForm {
    /// Takes every field `other` sets.
    mutating func merge(_ other: ApplicationForm) {
        unit = other.unit ?? unit
        unitName = other.unitName ?? unitName
        creditCode = other.creditCode ?? creditCode
        level = other.level ?? level
        divisionCode = other.divisionCode ?? divisionCode
        officeAddress = other.officeAddress ?? officeAddress
        contactName = other.contactName ?? contactName
        contactPhone = other.contactPhone ?? contactPhone
        reason = other.reason ?? reason
        business = other.business ?? business
        protectiveMeasures = other.protectiveMeasures ?? protectiveMeasures
        linkKind = other.linkKind ?? linkKind
        carrier = other.carrier ?? carrier
        bandwidthMbps = other.bandwidthMbps ?? bandwidthMbps
        prefixes = other.prefixes ?? prefixes
        removePrefixes = other.removePrefixes ?? removePrefixes
    }
}
