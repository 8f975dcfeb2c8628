import Foundation
import WaiwangAPI
import WaiwangCore

/// How an application's values read in Chinese.
extension Labels {
    /// 新接入申请 (new-access).
    static func kind(_ kind: ApplicationKind) -> String { "\(kind.label) (\(kind.rawValue))" }

    /// 审核中 (under-review).
    static func state(_ state: ApplicationState) -> String { "\(state.label) (\(state.rawValue))" }

    /// A state as the history names it; the empty state before a draft exists reads as "-".
    static func state(_ text: String) -> String {
        if text.isEmpty { return "-" }
        return ApplicationState(rawValue: text)?.label ?? text
    }

    /// The unit an application is about: the registered unit, else the name on the form.
    static func applicant(_ application: ApplicationView) -> String {
        if let unit = application.unit { return "\(unit.name) (\(unit.creditCode))" }
        switch (application.form.unitName, application.form.creditCode) {
        case (let name?, let code?): return "\(name) (\(code))"
        case (let name?, nil): return name
        case (nil, let code?): return code
        case (nil, nil): return "-"
        }
    }

    static func attachment(_ kind: String) -> String {
        switch kind {
        case "form": "申请表"
        case "commitment-letter": "安全承诺书"
        default: kind
        }
    }

    static func recipient(_ recipient: String) -> String {
        switch recipient {
        case "applicant": "申请单位"
        case "carrier": "运营商"
        default: recipient
        }
    }

    static func action(_ action: String) -> String {
        switch ApplicationAction(rawValue: action) {
        case .submit: "提交"
        case .startReview: "开始审核"
        case .approve: "批准"
        case .reject: "驳回"
        case .startProvisioning: "开始开通"
        case .completeProvisioning: "完成开通"
        case .withdraw: "撤回"
        case nil:
            switch action {
            case "create": "创建草稿"
            case "update": "修改草稿"
            case "attach": "上传附件"
            default: action
            }
        }
    }

    /// 审核期限 (article 19: review within 5 working days) or 开通期限 (provisioning after approval).
    static func deadlineStage(_ stage: String) -> String {
        switch stage {
        case "review": "审核期限"
        case "provisioning": "开通期限"
        default: "\(stage)期限"
        }
    }

    /// `审核期限 2026-12-04（剩余 3 个工作日）`, `… （已超期 2 个工作日）`, or why the date is unknown.
    static func deadline(_ deadline: DeadlineView) -> String {
        let stage = deadlineStage(deadline.stage)
        guard let due = deadline.due else { return "\(stage) 未知（\(deadline.problem ?? "日历未覆盖")）" }
        return "\(stage) \(due)（\(daysLeft(deadline))）"
    }

    /// `剩余 3 个工作日` or `已超期 2 个工作日`.
    static func daysLeft(_ deadline: DeadlineView) -> String {
        guard let left = deadline.workingDaysLeft else { return deadline.overdue ? "已超期" : "未知" }
        if left < 0 { return "已超期 \(-left) 个工作日" }
        return deadline.overdue ? "已超期" : "剩余 \(left) 个工作日"
    }

    /// 100 bytes, 12.3 KiB, 1.5 MiB.
    static func size(_ bytes: Int) -> String {
        if bytes < 1024 { return "\(bytes) B" }
        if bytes < 1 << 20 { return String(format: "%.1f KiB", Double(bytes) / 1024) }
        return String(format: "%.1f MiB", Double(bytes) / 1_048_576)
    }
}
