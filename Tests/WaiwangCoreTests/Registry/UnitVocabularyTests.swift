import Testing
import WaiwangCore

/// Levels, states and link kinds as inventories write them: English names or Chinese labels.
@Suite("Unit level, unit state and link kind parsing")
struct UnitVocabularyTests {
    @Test("a unit level is read from its English name or a Chinese label", arguments: [
        ("city", UnitLevel.city), ("County", .county), (" township ", .township), ("VILLAGE", .village),
        ("市级", .city), ("市", .city), ("市直", .city),
        ("县级", .county), ("县", .county), ("区", .county), ("区县", .county), ("县（市、区）级", .county),
        ("乡镇级", .township), ("乡镇", .township), ("乡", .township), ("镇", .township), ("街道", .township),
        ("村级", .village), ("村", .village), ("社区", .village), ("　村级　", .village),
    ])
    func parsesLevel(_ text: String, _ expected: UnitLevel) throws {
        #expect(try UnitLevel(parsing: text) == expected)
    }

    @Test("every level's own label reads back as that level", arguments: UnitLevel.allCases)
    func levelLabelRoundTrips(_ level: UnitLevel) throws {
        #expect(try UnitLevel(parsing: level.label) == level)
        #expect(try UnitLevel(parsing: level.rawValue) == level)
    }

    @Test("an unknown level is refused naming the field and the rule unit-level", arguments: [
        "", "省级", "province", "county-level", "组",
    ])
    func refusesLevel(_ text: String) {
        let error = #expect(throws: RegistryError.self) { try UnitLevel(parsing: text, field: "级别") }
        #expect(error?.code == .invalid)
        #expect(error?.field == "级别")
        #expect(error?.rule == "unit-level")
    }

    @Test("a unit state is read from its English name or its Chinese label", arguments: [
        ("applying", UnitState.applying), ("Active", .active), ("isolated", .isolated), (" withdrawn", .withdrawn),
        ("申请中", .applying), ("在网", .active), ("已隔离", .isolated), ("已退网", .withdrawn),
    ])
    func parsesState(_ text: String, _ expected: UnitState) throws {
        #expect(try UnitState(parsing: text) == expected)
    }

    @Test("an unknown state is refused with the rule unit-state", arguments: ["", "online", "隔离中", "deleted"])
    func refusesState(_ text: String) {
        let error = #expect(throws: RegistryError.self) { try UnitState(parsing: text) }
        #expect(error?.field == "state")
        #expect(error?.rule == "unit-state")
    }

    @Test("a link kind is read from its English name or the names carriers and inventories use", arguments: [
        ("vpdn", LinkKind.vpdn), ("VPDN", .vpdn), ("VPDN专线", .vpdn), ("vpdn专线", .vpdn),
        ("leased", .leased), ("数据专线", .leased), ("专线", .leased), ("租用线路", .leased), ("MSTP", .leased),
        ("sdh", .leased),
        ("vpn", .vpn), ("VPN", .vpn), ("互联网VPN", .vpn), ("IPSec VPN", .vpn), ("互联网", .vpn),
    ])
    func parsesKind(_ text: String, _ expected: LinkKind) throws {
        #expect(try LinkKind(parsing: text) == expected)
    }

    @Test("every kind's own label reads back as that kind", arguments: LinkKind.allCases)
    func kindLabelRoundTrips(_ kind: LinkKind) throws {
        #expect(try LinkKind(parsing: kind.label) == kind)
    }

    @Test("a kind article 17 does not allow is refused with the rule article-17", arguments: [
        "", "卫星", "4G", "microwave", "拨号",
    ])
    func refusesKind(_ text: String) {
        let error = #expect(throws: RegistryError.self) { try LinkKind(parsing: text) }
        #expect(error?.field == "kind")
        #expect(error?.rule == "article-17")
        #expect(error?.message.contains("article 17") == true)
    }

    @Test("trimmingBlanks removes ASCII and full-width blanks at both ends only")
    func trimmingBlanks() {
        #expect("　 红塔区 玉兴路\t\n".trimmingBlanks() == "红塔区 玉兴路")
        #expect("".trimmingBlanks() == "")
        #expect(" \u{3000} ".trimmingBlanks() == "")
    }
}
