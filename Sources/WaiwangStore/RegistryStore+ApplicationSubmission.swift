import Foundation
import GRDB
import WaiwangAPI
import WaiwangCore

/// Article 18 at submission: the form's required fields and attachments.
extension RegistryStore {
    /// Article 18: the form's required fields, the scanned form, and for a first access the signed commitment letter.
    func checkSubmission(
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
}
