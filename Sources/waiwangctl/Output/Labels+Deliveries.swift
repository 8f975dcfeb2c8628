import WaiwangAPI

extension Labels {
    /// 上级主管部门, 网信, 公安 (the code when unknown).
    static func authority(_ code: String) -> String {
        switch code {
        case "superior": "上级主管部门"
        case "cyberspace": "网信"
        case "police": "公安"
        default: code
        }
    }

    static func stage(_ code: String) -> String {
        switch code {
        case "initial": "首报"
        case "summary": "总结报告"
        default: code
        }
    }

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
