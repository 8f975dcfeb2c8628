import WaiwangAPI
import WaiwangCore

/// How the registry's values read in Chinese, where a person reads them.
enum Labels {
    static func yesNo(_ value: Bool) -> String { value ? "是" : "否" }

    /// 100 → 100M, 1000 → 1G.
    static func bandwidth(_ mbps: Int) -> String {
        mbps >= 1000 && mbps % 1000 == 0 ? "\(mbps / 1000)G" : "\(mbps)M"
    }

    static func division(_ level: DivisionLevel) -> String {
        switch level {
        case .city: "市"
        case .county: "区县"
        }
    }

    /// The units a link serves: one name, or the names of co-located units joined by 、.
    static func units(_ refs: [UnitRef]) -> String {
        refs.map(\.name).joined(separator: "、")
    }
}
