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
}
