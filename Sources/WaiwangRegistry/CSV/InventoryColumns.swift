import Foundation

/// The columns of the inventory CSV files: English names and the Chinese headers users already have.
public struct InventoryColumn: Sendable {
    /// The English header, also the key rows are read by.
    public let key: String
    /// The Chinese header written on export.
    public let chinese: String
    /// Other headers accepted on import.
    public let aliases: [String]
    public let required: Bool

    init(_ key: String, _ chinese: String, aliases: [String] = [], required: Bool = true) {
        self.key = key
        self.chinese = chinese
        self.aliases = aliases
        self.required = required
    }

    /// Every header this column answers to, folded for comparison.
    var names: [String] { ([key, chinese] + aliases).map(InventoryColumn.fold) }

    static func fold(_ header: String) -> String {
        var text = header.trimmingCharacters(in: .whitespacesAndNewlines).lowercased()
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        return text.replacingOccurrences(of: " ", with: "").replacingOccurrences(of: "_", with: "")
    }
}

/// The three kinds of inventory file.
public enum InventoryKind: String, Sendable, CaseIterable {
    case units, links, prefixes

    public var columns: [InventoryColumn] {
        switch self {
        case .units:
            [
                InventoryColumn("name", "单位名称", aliases: ["接入单位名称", "单位"]),
                InventoryColumn("creditCode", "统一社会信用代码", aliases: ["信用代码", "credit_code"]),
                InventoryColumn("level", "级别", aliases: ["单位级别", "层级"]),
                InventoryColumn("division", "所属区县", aliases: ["区县", "所属行政区", "divisionCode", "行政区划代码"]),
                InventoryColumn("officeAddress", "办公地址", aliases: ["地址", "address"]),
                InventoryColumn("contactName", "联系人", aliases: ["安全联系人", "contact"]),
                InventoryColumn("contactPhone", "联系电话", aliases: ["电话", "phone"]),
                InventoryColumn(
                    "commitmentLetter", "安全承诺书", aliases: ["承诺书", "commitmentLetterOnFile"], required: false),
                InventoryColumn("state", "状态", aliases: ["接入状态"], required: false),
            ]
        case .links:
            [
                InventoryColumn("units", "接入单位", aliases: ["统一社会信用代码", "creditCode", "creditCodes", "unit"]),
                InventoryColumn("kind", "接入方式", aliases: ["链路类型", "线路类型"]),
                InventoryColumn("carrier", "运营商"),
                InventoryColumn("bandwidth", "带宽", aliases: ["带宽(M)", "带宽（M）", "bandwidthMbps", "带宽(Mbps)"]),
                InventoryColumn("hubDevice", "汇聚设备", aliases: ["设备", "device"]),
                InventoryColumn("port", "端口", aliases: ["接口", "ifName"]),
                InventoryColumn("backup", "备份", aliases: ["是否备份", "备份线路"], required: false),
                InventoryColumn("note", "备注", required: false),
            ]
        case .prefixes:
            [
                InventoryColumn("creditCode", "统一社会信用代码", aliases: ["unit", "接入单位", "信用代码"]),
                InventoryColumn("cidr", "IP地址段", aliases: ["地址段", "网段", "prefix", "IP段"]),
                InventoryColumn("description", "说明", aliases: ["备注", "用途"], required: false),
            ]
        }
    }
}
