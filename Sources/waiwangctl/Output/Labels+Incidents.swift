import WaiwangAPI
import WaiwangCore

extension Labels {
    /// `较大（III级）` for `major`; the code itself when unknown.
    static func grade(_ code: String) -> String { IncidentGrade(rawValue: code)?.fullLabel ?? code }

    /// `端口扫描` for `port_scan`.
    static func incidentKind(_ code: String) -> String { IncidentKind(rawValue: code)?.label ?? code }

    /// 处置中 / 已结束.
    static func incidentState(_ code: String) -> String {
        switch code {
        case "open": "处置中"
        case "closed": "已结束"
        default: code
        }
    }

    /// `已隔离` for `isolated`.
    static func orderState(_ code: String) -> String { IsolationState(rawValue: code)?.label ?? code }

    /// A port outcome: pending 待下发, sent 已下发, confirmed 已确认, failed 失败, timed_out 超时.
    static func portOutcome(_ code: String) -> String {
        switch code {
        case "pending": "待下发"
        case "sent": "已下发"
        case "confirmed": "已确认"
        case "failed": "失败"
        case "timed_out": "超时"
        default: code
        }
    }
}

/// Prints a timeline as its Chinese sentences.
func printTimeline(_ entries: [TimelineEntryView]) {
    print("\n时间线")
    for entry in entries { print("  \(entry.at) \(entry.actor)：\(entry.text)") }
}
