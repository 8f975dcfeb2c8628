import Foundation
import GRDB
import WaiwangAPI
import WaiwangCore

/// The messages the workflow owes the applicant and the carrier.
extension RegistryStore {
    func notifyApproval(
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

    func applicantContact(_ record: ApplicationRecord, form: ApplicationForm, in db: Database) throws -> String {
        if let name = form.contactName, let phone = form.contactPhone { return "\(name) \(phone)" }
        if let unitId = record.unitId, let unit = try UnitRecord.fetchOne(db, key: unitId) {
            return "\(unit.contactName) \(unit.contactPhone)"
        }
        return record.createdBy
    }

    func notify(
        _ record: ApplicationRecord, recipient: String, address: String, subject: String, body: String,
        in db: Database
    ) throws {
        try NotificationRecord(
            applicationId: record.id ?? 0, at: timestamp(), recipient: recipient, address: address,
            subject: subject, body: body
        ).insert(db)
    }
}
