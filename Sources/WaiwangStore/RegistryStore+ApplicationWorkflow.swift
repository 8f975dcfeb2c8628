import Foundation
import GRDB
import WaiwangAPI
import WaiwangCore

extension RegistryStore {
    /// Takes one step of the workflow. Approval and completion change the registry in the same transaction as
    /// the application's state, with the checks of articles 16 and 17; a refusal changes nothing.
    public func act(
        _ action: ApplicationAction, on id: Int64, approval: ApprovalInput? = nil, note: String? = nil,
        as principal: Principal
    ) async throws -> ApplicationView {
        try principal.requireWrite(what: "applications")
        let view = try await writer.write { db in
            var record = try resolveApplication(id, in: db, as: principal)
            let before = record
            let kind = try ApplicationKind(parsing: record.kind)
            let from = try ApplicationState(parsing: record.state)
            let to = try ApplicationWorkflow.next(from, action, kind: kind)
            let form = try Self.decodeForm(record.form)
            let audit = auditor(principal)
            let note = (note ?? "").trimmingBlanks()
            if action == .approve || action == .reject {
                try checkFourEyes(record, decider: principal, in: db)
            }
            record.state = to.rawValue
            switch action {
            case .submit:
                try checkSubmission(record, kind: kind, form: form, in: db, as: principal)
                record.submittedAt = audit.at
                record.submittedDate = today.description
            case .startReview, .startProvisioning, .withdraw:
                break
            case .approve:
                let (unitId, lineWork) = try applyApproval(
                    record, kind: kind, form: form, approval: approval ?? ApprovalInput(),
                    in: db, audit: audit, as: principal)
                record.unitId = unitId
                record.approvedDate = today.description
                record.decidedAt = audit.at
                try notifyApproval(record, kind: kind, form: form, lineWork: lineWork, in: db)
            case .reject:
                guard !note.isEmpty else {
                    throw RegistryError.invalid(
                        "note", rule: "article-19",
                        "a rejection must give its reasons (article 19: the applicant is told why)")
                }
                record.rejectionReasons = note
                record.decidedAt = audit.at
                try notify(
                    record, recipient: "applicant", address: applicantContact(record, form: form, in: db),
                    subject: "\(kind.label) \(record.number) 未获批准",
                    body: "您单位的\(kind.label)（编号 \(record.number)）未获批准。理由：\(note)", in: db)
            case .completeProvisioning:
                try applyCompletion(record, kind: kind, in: db, audit: audit, as: principal)
                let done =
                    switch kind {
                    case .newAccess: "您单位的政务外网接入已开通，请按安全承诺书落实安全管理责任。"
                    case .change: "您单位的政务外网接入变更已完成。"
                    case .withdrawal: "您单位已退出政务外网，线路与地址段已收回。"
                    }
                try notify(
                    record, recipient: "applicant", address: applicantContact(record, form: form, in: db),
                    subject: "\(kind.label) \(record.number) 已办结", body: done, in: db)
            }
            try record.update(db)
            try recordEvent(record, action: action.rawValue, from: from, note: note, in: db, as: principal)
            try audit.append(
                db, action: "application.\(action.rawValue)", entity: "application",
                entityId: record.number, before: before, after: record)
            return try applicationView(record, in: db)
        }
        if action == .approve || action == .completeProvisioning { invalidateAttribution() }
        return view
    }

    /// Four eyes: whoever filed or submitted an application never decides it.
    private func checkFourEyes(_ record: ApplicationRecord, decider: Principal, in db: Database) throws {
        let submitter = try String.fetchOne(
            db.cachedStatement(sql: "SELECT actor FROM applicationEvent WHERE applicationId = ? AND action = 'submit'"),
            arguments: [record.id])
        guard decider.name != record.createdBy, decider.name != submitter else {
            throw RegistryError(
                .forbidden, field: "state", rule: "four-eyes",
                "\(decider.name) filed or submitted \(record.number) and so may not decide it; another reviewer must")
        }
    }

    /// Article 18: the form's required fields, the scanned form, and for a first access the signed commitment letter.
    private func checkSubmission(
        _ record: ApplicationRecord, kind: ApplicationKind, form: ApplicationForm,
        in db: Database, as principal: Principal
    ) throws {
        var problems: [Problem.Item] = []
        func need(_ value: String?, _ field: String, _ label: String) {
            if (value ?? "").trimmingBlanks().isEmpty {
                problems.append(Problem.Item(field: "form.\(field)", rule: "required", message: "\(label) is required"))
            }
        }
        func check(_ body: () throws -> Void) {
            do { try body() } catch let error as RegistryError {
                problems.append(
                    Problem.Item(field: error.field.map { "form.\($0)" }, rule: error.rule, message: error.message))
            } catch {
                problems.append(Problem.Item(message: "\(error)"))
            }
        }
        need(form.reason, "reason", "申请理由及依据 (reason and basis)")
        switch kind {
        case .newAccess:
            need(form.unitName, "unitName", "单位名称 (unit name)")
            need(form.officeAddress, "officeAddress", "办公地址 (office address)")
            need(form.contactName, "contactName", "联系人 (contact)")
            need(form.business, "business", "承载业务 (business served)")
            need(form.protectiveMeasures, "protectiveMeasures", "安全防护措施 (protective measures)")
            need(form.carrier, "carrier", "运营商 (carrier)")
            check {
                let code = try UnifiedSocialCreditCode(form.creditCode ?? "", field: "creditCode")
                if let existing = try UnitRecord.fetchOne(
                    db.cachedStatement(sql: "SELECT * FROM unit WHERE creditCode = ?"),
                    arguments: [code.rawValue])
                {
                    throw RegistryError.conflict(
                        "creditCode", rule: "unique-credit-code",
                        "\(existing.name) is already registered with \(code); file a change application instead")
                }
            }
            check { _ = try UnitLevel(parsing: form.level ?? "", field: "level") }
            check { _ = try FieldRules.phone(form.contactPhone, field: "contactPhone") }
            check { _ = try LinkKind(parsing: form.linkKind ?? "", field: "linkKind") }
            if (form.bandwidthMbps ?? 0) <= 0 {
                problems.append(
                    Problem.Item(
                        field: "form.bandwidthMbps", rule: "bandwidth",
                        message: "带宽 (bandwidth) must be a positive number of Mbps"))
            }
        case .change:
            let changes: [Any?] = [
                form.officeAddress, form.contactName, form.contactPhone, form.linkKind, form.carrier,
                form.bandwidthMbps, form.prefixes, form.removePrefixes,
            ]
            if changes.allSatisfy({ $0 == nil }) {
                problems.append(
                    Problem.Item(
                        field: "form", rule: "required",
                        message:
                            "a change application names what changes: bandwidth, link kind, address, prefixes or contact"
                    ))
            }
            if let phone = form.contactPhone { check { _ = try FieldRules.phone(phone, field: "contactPhone") } }
            if let kind = form.linkKind { check { _ = try LinkKind(parsing: kind, field: "linkKind") } }
            if let bandwidth = form.bandwidthMbps, bandwidth <= 0 {
                problems.append(
                    Problem.Item(
                        field: "form.bandwidthMbps", rule: "bandwidth",
                        message: "带宽 (bandwidth) must be a positive number of Mbps"))
            }
        case .withdrawal:
            break
        }
        for prefix in (form.prefixes ?? []) + (form.removePrefixes ?? []) {
            check {
                do { _ = try IPPrefix.parse(prefix.trimmingBlanks()) } catch {
                    throw RegistryError.invalid("prefixes", rule: "cidr", "\(error)")
                }
            }
        }
        let attached = Set(
            try String.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT kind FROM applicationAttachment WHERE applicationId = ?
                        """), arguments: [record.id]))
        if !attached.contains("form") {
            problems.append(
                Problem.Item(
                    field: "attachments", rule: "article-18",
                    message: "attach the scanned \(kind.label) form (kind form) before submitting"))
        }
        if kind == .newAccess, !attached.contains("commitment-letter") {
            problems.append(
                Problem.Item(
                    field: "attachments", rule: "article-18",
                    message:
                        "a first access needs the signed security commitment letter (安全承诺书, kind commitment-letter)"))
        }
        guard problems.isEmpty else {
            throw Problem(
                title: "Bad Request", status: 400,
                detail: "the application cannot be submitted: \(problems.count) problem(s); nothing was changed",
                field: "form", rule: "article-18", errors: problems)
        }
    }

    /// Applies an approved application to the registry; returns the unit it concerns.
    private func applyApproval(
        _ record: ApplicationRecord, kind: ApplicationKind, form: ApplicationForm,
        approval: ApprovalInput, in db: Database, audit: AuditAppender,
        as principal: Principal
    ) throws -> (unitId: Int64?, lineWork: Bool) {
        let origin = "申请 \(record.number)"
        switch kind {
        case .newAccess:
            let unit = try insertUnit(
                UnitCreate(
                    name: form.unitName ?? "", creditCode: form.creditCode ?? "", level: form.level ?? "",
                    divisionCode: record.divisionCode, officeAddress: form.officeAddress ?? "",
                    contactName: form.contactName ?? "", contactPhone: form.contactPhone ?? "",
                    commitmentLetterOnFile: true, state: UnitState.applying.rawValue), in: db, audit: audit,
                as: principal)
            let lineWork: Bool
            if let shared = try primaryLink(atAddressOf: unit, in: db) {
                // Article 17: a unit at an address that already has a link joins it; the carrier has nothing to do.
                let units = try unitIds(ofLink: shared.id ?? 0, in: db).map(String.init) + [unit.creditCode]
                _ = try applyLinkUpdate(shared.id ?? 0, LinkUpdate(units: units), in: db, audit: audit, as: principal)
                lineWork = false
            } else {
                lineWork = true
                guard let device = approval.hubDevice?.trimmingBlanks(), !device.isEmpty,
                    let port = approval.port?.trimmingBlanks(), !port.isEmpty
                else {
                    throw RegistryError.invalid(
                        "hubDevice", rule: "approval",
                        "\(unit.officeAddress) has no link on its hub yet: give the hub device and port of the new link"
                    )
                }
                _ = try insertLink(
                    LinkCreate(
                        kind: form.linkKind ?? "", carrier: form.carrier ?? "",
                        bandwidthMbps: form.bandwidthMbps ?? 0, hubDevice: device, port: port,
                        units: [unit.creditCode], note: origin),
                    in: db, audit: audit, as: principal)
            }
            for prefix in form.prefixes ?? [] {
                _ = try insertPrefix(
                    PrefixCreate(unit: unit.creditCode, cidr: prefix, description: origin),
                    in: db, audit: audit, as: principal)
            }
            return (unit.id, lineWork)
        case .change:
            let unit = try resolveUnit(form.unit ?? "", in: db, as: principal, field: "form.unit")
            if form.officeAddress != nil || form.contactName != nil || form.contactPhone != nil {
                _ = try applyUnitUpdate(
                    unit.creditCode,
                    UnitUpdate(
                        officeAddress: form.officeAddress,
                        contactName: form.contactName,
                        contactPhone: form.contactPhone),
                    in: db, audit: audit, as: principal)
            }
            if form.linkKind != nil || form.carrier != nil || form.bandwidthMbps != nil {
                guard
                    let link = try LinkRecord.fetchOne(
                        db.cachedStatement(
                            sql: """
                                SELECT link.* FROM link JOIN linkUnit ON linkUnit.linkId = link.id
                                WHERE linkUnit.unitId = ? ORDER BY link.backup, link.id LIMIT 1
                                """), arguments: [unit.id])
                else {
                    throw RegistryError.invalid(
                        "form.bandwidthMbps", rule: "approval",
                        "\(unit.name) has no link to change; file a new-access application for its line")
                }
                _ = try applyLinkUpdate(
                    link.id ?? 0,
                    LinkUpdate(
                        kind: form.linkKind, carrier: form.carrier,
                        bandwidthMbps: form.bandwidthMbps),
                    in: db, audit: audit, as: principal)
            }
            for prefix in form.removePrefixes ?? [] {
                let owner = try Int64.fetchOne(
                    db.cachedStatement(sql: "SELECT unitId FROM prefix WHERE cidr = ?"),
                    arguments: [(try? IPPrefix.parse(prefix.trimmingBlanks()).description) ?? prefix])
                guard owner == unit.id else {
                    throw RegistryError.invalid(
                        "form.removePrefixes", rule: "approval",
                        "\(prefix) is not a prefix of \(unit.name)")
                }
                try removePrefix(prefix, in: db, audit: audit, as: principal)
            }
            for prefix in form.prefixes ?? [] {
                _ = try insertPrefix(
                    PrefixCreate(unit: unit.creditCode, cidr: prefix, description: origin),
                    in: db, audit: audit, as: principal)
            }
            let lineWork =
                form.linkKind != nil || form.carrier != nil || form.bandwidthMbps != nil
                || form.officeAddress != nil
            return (unit.id, lineWork)
        case .withdrawal:
            // The line is cut when provisioning completes; until then the unit stays as it is. The carrier has a
            // line to take down only where the unit is alone on a link.
            let unit = try resolveUnit(form.unit ?? "", in: db, as: principal, field: "form.unit")
            let soleLinks =
                try Int.fetchOne(
                    db.cachedStatement(
                        sql: """
                            SELECT COUNT(*) FROM linkUnit mine
                            WHERE mine.unitId = ? AND NOT EXISTS (
                                SELECT 1 FROM linkUnit other WHERE other.linkId = mine.linkId AND other.unitId != mine.unitId)
                            """), arguments: [unit.id]) ?? 0
            return (unit.id, soleLinks > 0)
        }
    }

    /// Provisioning done: a new unit goes active; a withdrawing unit loses its links and prefixes and withdraws.
    private func applyCompletion(
        _ record: ApplicationRecord, kind: ApplicationKind, in db: Database,
        audit: AuditAppender, as principal: Principal
    ) throws {
        guard let unitId = record.unitId, let unit = try UnitRecord.fetchOne(db, key: unitId) else { return }
        switch kind {
        case .newAccess:
            guard unit.state == UnitState.applying.rawValue else {
                throw RegistryError.conflict(
                    "state", rule: "application-workflow",
                    "\(unit.name) is \(unit.state), not applying: it changed while this application was provisioned; withdraw the application"
                )
            }
            _ = try applyUnitUpdate(
                unit.creditCode, UnitUpdate(state: UnitState.active.rawValue), in: db, audit: audit,
                as: principal)
        case .change:
            break
        case .withdrawal:
            for link in try LinkRecord.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT link.* FROM link JOIN linkUnit ON linkUnit.linkId = link.id WHERE linkUnit.unitId = ?
                        """), arguments: [unitId])
            {
                let others = try unitIds(ofLink: link.id ?? 0, in: db).filter { $0 != unitId }
                if others.isEmpty {
                    try removeLink(link.id ?? 0, in: db, audit: audit, as: principal)
                } else {
                    _ = try applyLinkUpdate(
                        link.id ?? 0, LinkUpdate(units: others.map(String.init)), in: db,
                        audit: audit, as: principal)
                }
            }
            for cidr in try String.fetchAll(
                db.cachedStatement(sql: "SELECT cidr FROM prefix WHERE unitId = ?"),
                arguments: [unitId])
            {
                try removePrefix(cidr, in: db, audit: audit, as: principal)
            }
            _ = try applyUnitUpdate(
                unit.creditCode, UnitUpdate(state: UnitState.withdrawn.rawValue), in: db,
                audit: audit, as: principal)
        }
    }

    /// The primary link already serving the unit's address on the unit's own hub, if any (article 17).
    private func primaryLink(atAddressOf unit: UnitRecord, in db: Database) throws -> LinkRecord? {
        try LinkRecord.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT link.* FROM link JOIN hubDevice ON hubDevice.id = link.deviceId
                    JOIN hub ON hub.code = hubDevice.hubCode
                    WHERE link.normalizedAddress = ? AND link.backup = 0 AND hub.divisionCode = ?
                    ORDER BY link.id LIMIT 1
                    """), arguments: [unit.normalizedAddress, unit.divisionCode])
    }

    private func notifyApproval(
        _ record: ApplicationRecord, kind: ApplicationKind, form: ApplicationForm, lineWork: Bool,
        in db: Database
    ) throws {
        let unitName = try record.unitId.flatMap { try UnitRecord.fetchOne(db, key: $0) }?.name ?? form.unitName ?? ""
        let due = deadline(of: record)?.due.map { "，办理期限 \($0)" } ?? ""
        try notify(
            record, recipient: "applicant", address: applicantContact(record, form: form, in: db),
            subject: "\(kind.label) \(record.number) 已批准",
            body: "\(unitName)的\(kind.label)（编号 \(record.number)）已批准\(due)。", in: db)
        let carrier =
            try form.carrier
            ?? record.unitId.flatMap { unitId in
                try String.fetchOne(
                    db.cachedStatement(
                        sql: """
                            SELECT link.carrier FROM link JOIN linkUnit ON linkUnit.linkId = link.id WHERE linkUnit.unitId = ?
                            ORDER BY link.backup, link.id LIMIT 1
                            """), arguments: [unitId])
            }
        guard lineWork, let carrier, !carrier.isEmpty else { return }
        var details: [String] = ["单位 \(unitName)"]
        if let address = form.officeAddress { details.append("地址 \(address)") }
        if let linkKind = form.linkKind {
            details.append("接入方式 \((try? LinkKind(parsing: linkKind).label) ?? linkKind)")
        }
        if let bandwidth = form.bandwidthMbps { details.append("带宽 \(bandwidth)M") }
        try notify(
            record, recipient: "carrier", address: carrier, subject: "线路工单 \(record.number)",
            body: "\(kind.label) \(record.number) 已批准，请\(kind == .withdrawal ? "拆除" : kind == .change ? "调整" : "开通")线路："
                + "\(details.joined(separator: "，"))\(due)。", in: db)
    }

    private func applicantContact(_ record: ApplicationRecord, form: ApplicationForm, in db: Database) throws -> String
    {
        if let name = form.contactName, let phone = form.contactPhone { return "\(name) \(phone)" }
        if let unitId = record.unitId, let unit = try UnitRecord.fetchOne(db, key: unitId) {
            return "\(unit.contactName) \(unit.contactPhone)"
        }
        return record.createdBy
    }

    private func notify(
        _ record: ApplicationRecord, recipient: String, address: String, subject: String, body: String,
        in db: Database
    ) throws {
        try NotificationRecord(
            applicationId: record.id ?? 0, at: timestamp(), recipient: recipient, address: address,
            subject: subject, body: body
        ).insert(db)
    }
}
