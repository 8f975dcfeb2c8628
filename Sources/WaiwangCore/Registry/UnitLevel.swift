/// The administrative level of an access unit (市级, 县级, 乡镇级, 村级), which decides its hub (article 16).
public enum UnitLevel: String, Sendable, Codable, CaseIterable {
    case city, county, township, village

    /// The Chinese label people read and write in inventories.
    public var label: String {
        switch self {
        case .city: "市级"
        case .county: "县级"
        case .township: "乡镇级"
        case .village: "村级"
        }
    }

    /// Accepts the English name or the Chinese label (with or without 级, e.g. 县, 乡镇, 乡, 镇, 村).
    public init(parsing text: String, field: String = "level") throws(RegistryError) {
        let trimmed = text.trimmingBlanks()
        if let level = UnitLevel(rawValue: trimmed.lowercased()) {
            self = level
            return
        }
        switch trimmed {
        case "市级", "市", "市直": self = .city
        case "县级", "县", "区县", "县区", "区", "县（市、区）级": self = .county
        case "乡镇级", "乡镇", "乡", "镇", "街道", "乡级", "镇级": self = .township
        case "村级", "村", "社区", "村（社区）": self = .village
        default:
            throw .invalid(
                field, rule: "unit-level",
                "unknown level \"\(text)\"; use city/county/township/village or 市级/县级/乡镇级/村级")
        }
    }
}

/// Where an access unit stands in its life on the extranet.
public enum UnitState: String, Sendable, Codable, CaseIterable {
    case applying, active, isolated, withdrawn

    /// The Chinese label.
    public var label: String {
        switch self {
        case .applying: "申请中"
        case .active: "在网"
        case .isolated: "已隔离"
        case .withdrawn: "已退网"
        }
    }

    public init(parsing text: String, field: String = "state") throws(RegistryError) {
        let trimmed = text.trimmingBlanks()
        if let state = UnitState(rawValue: trimmed.lowercased()) {
            self = state
            return
        }
        if let state = UnitState.allCases.first(where: { $0.label == trimmed }) {
            self = state
            return
        }
        throw .invalid(
            field, rule: "unit-state",
            "unknown state \"\(text)\"; use applying/active/isolated/withdrawn")
    }
}

/// How a unit's LAN reaches the extranet (article 17).
public enum LinkKind: String, Sendable, Codable, CaseIterable {
    /// VPDN line (VPDN专线).
    case vpdn
    /// Data leased line (数据专线).
    case leased
    /// Internet VPN (互联网VPN).
    case vpn

    public var label: String {
        switch self {
        case .vpdn: "VPDN专线"
        case .leased: "数据专线"
        case .vpn: "互联网VPN"
        }
    }

    public init(parsing text: String, field: String = "kind") throws(RegistryError) {
        let trimmed = text.trimmingBlanks()
        if let kind = LinkKind(rawValue: trimmed.lowercased()) {
            self = kind
            return
        }
        let upper = trimmed.uppercased()
        if upper.hasPrefix("VPDN") {
            self = .vpdn
            return
        }
        if upper.contains("VPN") || trimmed.contains("互联网") {
            self = .vpn
            return
        }
        if trimmed.contains("专线") || trimmed.contains("租用") || upper == "MSTP" || upper == "SDH" {
            self = .leased
            return
        }
        throw .invalid(
            field, rule: "article-17",
            "unknown link kind \"\(text)\"; article 17 allows vpdn (VPDN专线), leased (数据专线) or vpn (互联网VPN)")
    }
}

extension String {
    /// The string without leading and trailing white space (ASCII and full-width).
    public func trimmingBlanks() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
