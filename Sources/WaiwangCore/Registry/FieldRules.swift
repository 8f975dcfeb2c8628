/// Checks of single fields shared by the API and the importer.
public enum FieldRules {
    /// A non-empty value after trimming blanks.
    public static func required(_ value: String?, field: String, label: String) throws(RegistryError) -> String {
        let trimmed = (value ?? "").trimmingBlanks()
        guard !trimmed.isEmpty else { throw .invalid(field, rule: "required", "\(label) is required and was empty") }
        return trimmed
    }

    /// A mainland phone number: a mobile (11 digits starting with 1) or a landline with area code
    /// (e.g. 0877-2012345), optionally with +86 and an extension after 转 or "ext".
    public static func phone(_ value: String?, field: String = "contactPhone") throws(RegistryError) -> String {
        let text = try required(value, field: field, label: "联系电话 (contact phone)")
        var main = Substring(text.lowercased())
        for separator in ["转", "ext", "x", "#"] {
            if let range = main.firstRange(of: separator) { main = main[..<range.lowerBound] }
        }
        var digits = main.filter { !" -()（）".contains($0) }
        if digits.hasPrefix("+86") { digits.removeFirst(3) }
        guard !digits.isEmpty, digits.allSatisfy({ ("0"..."9").contains($0) }), (7...12).contains(digits.count) else {
            throw .invalid(
                field, rule: "phone",
                "\"\(text)\" is not a phone number; write a mobile (13812345678) or a landline with area code (0877-2012345)"
            )
        }
        return text
    }

    /// A positive whole number of megabits per second; accepts "100", "100M", "100Mbps", "1G", "1000 兆".
    public static func bandwidthMbps(_ value: String, field: String = "bandwidthMbps") throws(RegistryError) -> Int {
        var text = value.trimmingBlanks().lowercased()
        var multiplier = 1
        for suffix in ["mbps", "mb/s", "mbit/s", "m", "兆", "mb"] where text.hasSuffix(suffix) {
            text.removeLast(suffix.count)
            break
        }
        for suffix in ["gbps", "gb/s", "gbit/s", "gb", "g"] where text.hasSuffix(suffix) {
            text.removeLast(suffix.count)
            multiplier = 1000
            break
        }
        text = text.trimmingBlanks()
        guard let number = Int(text), number > 0, number <= 400_000 / multiplier else {
            throw .invalid(
                field, rule: "bandwidth",
                "bandwidth \"\(value)\" is not a positive number of Mbps (e.g. 100, 100M, 1G)")
        }
        return number * multiplier
    }

    /// A yes/no cell: 是/否, yes/no, true/false, 1/0, 有/无, 已签/未签; empty is `defaultValue`.
    public static func flag(_ value: String?, field: String, defaultValue: Bool = false) throws(RegistryError) -> Bool {
        let text = (value ?? "").trimmingBlanks().lowercased()
        switch text {
        case "": return defaultValue
        case "是", "yes", "y", "true", "1", "有", "已签", "已提交", "在档", "备份": return true
        case "否", "no", "n", "false", "0", "无", "未签", "未提交", "主用": return false
        default:
            throw .invalid(field, rule: "flag", "\"\(value ?? "")\" is not yes/no (是/否)")
        }
    }

    /// An interface name as the device reports it in ifName; no blanks inside.
    public static func interfaceName(_ value: String?, field: String = "port") throws(RegistryError) -> String {
        let text = try required(value, field: field, label: "端口 (port ifName)")
        guard !text.contains(where: \.isWhitespace), text.count <= 64 else {
            throw .invalid(
                field, rule: "ifname",
                "port \"\(text)\" must be the ifName the device reports (e.g. GigabitEthernet0/0/1), without blanks")
        }
        return text
    }
}
