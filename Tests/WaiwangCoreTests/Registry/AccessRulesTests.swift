import Testing
import WaiwangCore

/// Article 16: city-level units attach to the city network, county-level and below to their county's.
@Suite("Access rules (article 16) and roles")
struct AccessRulesTests {
    typealias Fixture = DivisionTreeFixture

    @Test("a unit's level must match its division's level", arguments: [
        (UnitLevel.city, Fixture.yuxi, true),
        (.city, Fixture.hongta, false),
        (.county, Fixture.hongta, true),
        (.county, Fixture.yuxi, false),
        (.township, Fixture.hongta, true),
        (.township, Fixture.yuxi, false),
        (.village, Fixture.tonghai, true),
        (.village, Fixture.yuxi, false),
    ])
    func divisionMatchesLevel(_ level: UnitLevel, _ division: AdministrativeDivision, _ allowed: Bool) {
        if allowed {
            #expect(throws: Never.self) { try AccessRules.checkDivision(level: level, division: division) }
        } else {
            let error = #expect(throws: RegistryError.self) {
                try AccessRules.checkDivision(level: level, division: division, field: "所属区县")
            }
            #expect(error?.code == .invalid)
            #expect(error?.field == "所属区县")
            #expect(error?.rule == "article-16")
            #expect(error?.message.contains(division.name) == true)
        }
    }

    @Test("a city-level unit on a county division is told it belongs to the city")
    func cityUnitOnCounty() {
        let error = #expect(throws: RegistryError.self) {
            try AccessRules.checkDivision(level: .city, division: Fixture.hongta)
        }
        #expect(error?.field == "divisionCode")
        #expect(error?.message.contains("530400") == true)
    }

    @Test("a county unit on the city division is told it belongs to its county")
    func countyUnitOnCity() {
        let error = #expect(throws: RegistryError.self) {
            try AccessRules.checkDivision(level: .county, division: Fixture.yuxi)
        }
        #expect(error?.message.contains("county") == true)
        #expect(error?.message.contains("县级") == true)
    }

    @Test("a unit attaches only to the hub of its own division", arguments: [
        (UnitLevel.city, "530400", "YX", true),
        (.city, "530400", "HT", false),
        (.county, "530402", "HT", true),
        (.county, "530402", "YX", false),
        (.county, "530402", "TH", false),
        (.village, "530423", "TH", true),
        (.village, "530423", "HT", false),
    ])
    func hubMatchesDivision(_ level: UnitLevel, _ division: String, _ hubCode: String, _ allowed: Bool) throws {
        let hub = try #require(try DivisionTreeFixture.shipped().hubs.first { $0.code == hubCode })
        if allowed {
            #expect(throws: Never.self) {
                try AccessRules.checkHub(unitName: "单位", level: level, unitDivision: division, hub: hub)
            }
        } else {
            let error = #expect(throws: RegistryError.self) {
                try AccessRules.checkHub(unitName: "单位", level: level, unitDivision: division, hub: hub)
            }
            #expect(error?.field == "hubDevice")
            #expect(error?.rule == "article-16")
            #expect(error?.message.contains(hub.code) == true)
            #expect(error?.message.contains(level == .city ? "the city hub" : "its own county's hub") == true)
        }
    }

    @Test("a county principal covers its own division only; an agent covers none; the others all", arguments: [
        (Principal(name: "ht", role: .county, divisionCode: "530402"), "530402", true),
        (Principal(name: "ht", role: .county, divisionCode: "530402"), "530423", false),
        (Principal(name: "ht", role: .county, divisionCode: "530402"), "530400", false),
        (Principal(name: "agent-ht", role: .agent), "530402", false),
        (Principal(name: "admin", role: .admin), "530423", true),
        (Principal(name: "soc", role: .security), "530423", true),
        (Principal(name: "audit", role: .auditor), "530400", true),
    ])
    func scope(_ principal: Principal, _ division: String, _ covered: Bool) {
        #expect(principal.covers(division: division) == covered)
        if covered {
            #expect(throws: Never.self) { try principal.requireScope(division: division, what: "unit") }
        } else {
            let error = #expect(throws: RegistryError.self) { try principal.requireScope(division: division, what: "unit") }
            #expect(error?.code == .forbidden)
            #expect(error?.rule == "role-scope")
        }
    }

    @Test("only admin and county may change the registry", arguments: Role.allCases)
    func write(_ role: Role) {
        let principal = Principal(name: role.rawValue, role: role, divisionCode: role == .county ? "530402" : nil)
        if role == .admin || role == .county {
            #expect(throws: Never.self) { try principal.requireWrite(what: "units") }
        } else {
            let error = #expect(throws: RegistryError.self) { try principal.requireWrite(what: "units") }
            #expect(error?.code == .forbidden)
        }
    }
}
