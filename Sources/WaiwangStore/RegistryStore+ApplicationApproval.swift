import Foundation
import GRDB
import WaiwangAPI
import WaiwangCore

/// What approval and completed provisioning change in the registry, inside the workflow's transaction.
extension RegistryStore {
    /// Applies an approved application to the registry; returns the unit it concerns.
    func applyApproval(
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
    func applyCompletion(
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
    func primaryLink(atAddressOf unit: UnitRecord, in db: Database) throws -> LinkRecord? {
        try LinkRecord.fetchOne(
            db.cachedStatement(
                sql: """
                    SELECT link.* FROM link JOIN hubDevice ON hubDevice.id = link.deviceId
                    JOIN hub ON hub.code = hubDevice.hubCode
                    WHERE link.normalizedAddress = ? AND link.backup = 0 AND hub.divisionCode = ?
                    ORDER BY link.id LIMIT 1
                    """), arguments: [unit.normalizedAddress, unit.divisionCode])
    }
}
