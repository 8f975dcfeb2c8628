import Testing
import WaiwangCore

/// Single-field checks shared by the API and the CSV importer.
@Suite("Field rules")
struct FieldRulesTests {
    @Test("a required field is trimmed and refused when blank")
    func required() throws {
        #expect(try FieldRules.required("  红塔区人民政府 ", field: "name", label: "单位名称") == "红塔区人民政府")
        for blank in [nil, "", "  ", "\u{3000}"] as [String?] {
            let error = #expect(throws: RegistryError.self) {
                try FieldRules.required(blank, field: "name", label: "单位名称")
            }
            #expect(error?.field == "name")
            #expect(error?.rule == "required")
            #expect(error?.message.contains("单位名称") == true)
        }
    }

    @Test("mobile and landline numbers are accepted as written", arguments: [
        "13812345678", "138 1234 5678", "138-1234-5678", "+86 13812345678", "+86-138-1234-5678",
        "0877-2012345", "0877 2012345", "(0877)2012345", "（0877）2012345", "08772012345",
        "0877-2012345转8001", "0877-2012345 ext 12", "0877-2012345x12", "0877-2012345#8",
    ])
    func acceptsPhone(_ text: String) throws {
        #expect(try FieldRules.phone(text) == text)
    }

    @Test("an extension mark is read in any case, as bandwidth units are",
          arguments: ["0877-2012345 EXT 12", "0877-2012345 Ext.12", "0877-2012345X12"])
    func acceptsExtensionInAnyCase(_ text: String) throws {
        #expect(try FieldRules.phone(text) == text)
    }

    @Test("a phone number is trimmed")
    func trimsPhone() throws {
        #expect(try FieldRules.phone("  13812345678 ") == "13812345678")
    }

    @Test("what is not a phone number is refused with the rule phone", arguments: [
        "12345", "abc", "138123456789012", "电话13812345678", "0877-201234a", "+86", "转8001",
    ])
    func refusesPhone(_ text: String) {
        let error = #expect(throws: RegistryError.self) { try FieldRules.phone(text) }
        #expect(error?.field == "contactPhone")
        #expect(error?.rule == "phone")
        #expect(error?.message.contains("0877-2012345") == true)
    }

    @Test("an empty phone is refused as required, under the field given")
    func refusesEmptyPhone() {
        let error = #expect(throws: RegistryError.self) { try FieldRules.phone(" ", field: "联系电话") }
        #expect(error?.field == "联系电话")
        #expect(error?.rule == "required")
    }

    @Test("bandwidth is read as whole Mbps with M, Mbps, 兆 or G", arguments: [
        ("100", 100), ("100M", 100), ("100m", 100), ("100 M", 100), ("100Mbps", 100), ("100Mb/s", 100),
        ("100mbit/s", 100), ("100MB", 100), ("1000 兆", 1000), (" 20 ", 20),
        ("1G", 1000), ("10g", 10_000), ("1Gbps", 1000), ("2 Gb/s", 2000), ("400G", 400_000), ("400000", 400_000),
    ])
    func parsesBandwidth(_ text: String, _ mbps: Int) throws {
        #expect(try FieldRules.bandwidthMbps(text) == mbps)
    }

    @Test("GB is read as gigabits as MB is read as megabits")
    func parsesGB() throws {
        #expect(try FieldRules.bandwidthMbps("1GB") == 1000)
    }

    @Test("bandwidth that is not a positive whole number of Mbps is refused", arguments: [
        "abc", "0", "0M", "-100", "", "M", "1.5G", "100K", "401G", "400001", "一百兆",
    ])
    func refusesBandwidth(_ text: String) {
        let error = #expect(throws: RegistryError.self) { try FieldRules.bandwidthMbps(text, field: "带宽") }
        #expect(error?.field == "带宽")
        #expect(error?.rule == "bandwidth")
        #expect(error?.message.contains("\"\(text)\"") == true)
    }

    @Test("a yes/no cell reads 是/否 and their usual synonyms", arguments: [
        ("是", true), ("否", false), ("yes", true), ("No", false), ("Y", true), ("n", false),
        ("true", true), ("FALSE", false), ("1", true), ("0", false), ("有", true), ("无", false),
        ("已签", true), ("未签", false), ("备份", true), ("主用", false), (" 是 ", true),
    ])
    func parsesFlag(_ text: String, _ value: Bool) throws {
        #expect(try FieldRules.flag(text, field: "backup") == value)
    }

    @Test("an empty yes/no cell takes the default")
    func flagDefault() throws {
        #expect(try FieldRules.flag(nil, field: "backup") == false)
        #expect(try FieldRules.flag("", field: "backup", defaultValue: true) == true)
        #expect(try FieldRules.flag("  ", field: "backup", defaultValue: true) == true)
    }

    @Test("a cell that is neither yes nor no is refused with the rule flag", arguments: ["也许", "2", "maybe", "对"])
    func refusesFlag(_ text: String) {
        let error = #expect(throws: RegistryError.self) { try FieldRules.flag(text, field: "安全承诺书") }
        #expect(error?.field == "安全承诺书")
        #expect(error?.rule == "flag")
    }

    @Test("a port is the ifName the device reports, without blanks")
    func interfaceName() throws {
        #expect(try FieldRules.interfaceName(" GigabitEthernet0/0/1 ") == "GigabitEthernet0/0/1")
        #expect(try FieldRules.interfaceName("Eth-Trunk1.100") == "Eth-Trunk1.100")
        let blank = #expect(throws: RegistryError.self) { try FieldRules.interfaceName("Gi 0/0/1") }
        #expect(blank?.field == "port")
        #expect(blank?.rule == "ifname")
        let long = #expect(throws: RegistryError.self) { try FieldRules.interfaceName(String(repeating: "x", count: 65)) }
        #expect(long?.rule == "ifname")
        let empty = #expect(throws: RegistryError.self) { try FieldRules.interfaceName("") }
        #expect(empty?.rule == "required")
    }
}
