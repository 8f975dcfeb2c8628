import WaiwangAPI
import WaiwangCore

extension Labels {
    /// 上级主管部门, 网信部门, 公安机关 (the code when unknown).
    static func authority(_ code: String) -> String { Authority(rawValue: code)?.label ?? code }

    /// 首报 or 总结报告 (the code when unknown).
    static func stage(_ code: String) -> String { DueReport.Stage(rawValue: code)?.label ?? code }

    static func channel(_ code: String) -> String {
        switch code {
        case "mail": "邮件"
        case "webhook": "Webhook"
        case "none": "未配置"
        default: code
        }
    }

    static func deliveryState(_ state: DeliveryStateCode) -> String {
        switch state {
        case .pending: "待发送"
        case .sent: "已发送"
        case .retrying: "重试中"
        case .failed: "失败"
        }
    }

    static func attemptOutcome(_ code: String) -> String {
        switch code {
        case "delivered": "成功"
        case "retryable": "暂时失败"
        case "rejected": "被拒"
        default: code
        }
    }
}
