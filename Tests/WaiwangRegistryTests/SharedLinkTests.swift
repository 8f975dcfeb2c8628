import Foundation
import Hummingbird
import Testing
import WaiwangAPI
import WaiwangCore

/// Article 17: units at one office address share one link; a second link there is a deliberate backup or refused.
@Suite("Shared links (article 17)")
struct SharedLinkTests {
    static let codeA = RegistryFixture.creditCode(division: "530402", serial: 10)
    static let codeB = RegistryFixture.creditCode(division: "530402", serial: 11)
    static let codeC = RegistryFixture.creditCode(division: "530402", serial: 12)

    /// Two 红塔区 units at 玉兴路1号, the address written two ways.
    static func coLocatedUnits(_ api: RegistryAPI, as caller: Caller = .admin) async throws -> (UnitView, UnitView) {
        let a = try await api.send(.post, "/api/v1/units", as: caller,
                                   json: RegistryFixture.unit("红塔区发展和改革局", code: codeA, address: "玉溪市红塔区玉兴路1号"))
        let b = try await api.send(.post, "/api/v1/units", as: caller,
                                   json: RegistryFixture.unit("红塔区财政局", code: codeB, address: "红塔区 玉兴路１号"))
        #expect(a.status == .created, "\(a.text)")
        #expect(b.status == .created, "\(b.text)")
        return (try a.decode(UnitView.self), try b.decode(UnitView.self))
    }

    @Test("two units at one address written differently share one link, and each lists the other as co-located")
    func shareOneLink() async throws {
        let fixture = try await RegistryFixture()
        try await fixture.withAPI { api in
            let (a, b) = try await Self.coLocatedUnits(api)
            #expect(a.normalizedAddress == "红塔区玉兴路1号")
            #expect(b.normalizedAddress == a.normalizedAddress)

            let response = try await api.send(.post, "/api/v1/links", as: .admin,
                                              json: RegistryFixture.link(units: [Self.codeA, Self.codeB], port: "GigabitEthernet0/0/2"))
            #expect(response.status == .created, "\(response.text)")
            let link = try response.decode(LinkView.self)
            #expect(link.shared)
            #expect(link.units.map(\.creditCode) == [Self.codeA, Self.codeB])
            #expect(link.normalizedAddress == "红塔区玉兴路1号")
            #expect(link.hubCode == "HT")

            let viewA = try await api.fetch(UnitView.self, "/api/v1/units/\(Self.codeA)")
            #expect(viewA.coLocatedUnits.map(\.creditCode) == [Self.codeB])
            #expect(viewA.linkIds == [link.id])
            let viewB = try await api.fetch(UnitView.self, "/api/v1/units/\(b.id)")
            #expect(viewB.coLocatedUnits.map(\.creditCode) == [Self.codeA])
            #expect(viewB.linkIds == [link.id])
            let other = try await api.fetch(UnitView.self, "/api/v1/units/\(RegistryFixture.hongtaCode)")
            #expect(other.coLocatedUnits.isEmpty)
        }
    }

    @Test("a second link for the address is refused by article 17 unless it is a backup")
    func secondLinkNeedsBackup() async throws {
        let fixture = try await RegistryFixture()
        try await fixture.withAPI { api in
            _ = try await Self.coLocatedUnits(api)
            let first = try await api.send(.post, "/api/v1/links", as: .admin,
                                           json: RegistryFixture.link(units: [Self.codeA, Self.codeB], port: "GigabitEthernet0/0/2"))
            #expect(first.status == .created)
            let before = try await fixture.counts()

            for units in [[Self.codeA], [Self.codeB], [Self.codeA, Self.codeB]] {
                let second = try await api.send(.post, "/api/v1/links", as: .admin,
                                                json: RegistryFixture.link(units: units, port: "GigabitEthernet0/0/3"))
                let problem = try second.expectProblem(.conflict, field: "units", rule: "article-17")
                #expect(problem.detail.contains("backup"))
            }
            // A third unit moving in later joins the existing link rather than getting its own.
            let c = try await api.send(.post, "/api/v1/units", as: .admin,
                                       json: RegistryFixture.unit("红塔区统计局", code: Self.codeC, address: "云南省玉溪市红塔区玉兴路1号"))
            #expect(c.status == .created)
            try await api.send(.post, "/api/v1/links", as: .admin,
                               json: RegistryFixture.link(units: [Self.codeC], port: "GigabitEthernet0/0/3"))
                .expectProblem(.conflict, field: "units", rule: "article-17")
            #expect(try await fixture.counts().links == before.links)

            let backup = try await api.send(.post, "/api/v1/links", as: .admin,
                                            json: RegistryFixture.link(units: [Self.codeA], port: "GigabitEthernet0/0/3", backup: true))
            #expect(backup.status == .created, "\(backup.text)")
            #expect(try backup.decode(LinkView.self).backup)
            #expect(try await fixture.counts().links == before.links + 1)

            let joined = try await api.send(.patch, "/api/v1/links/\(try first.decode(LinkView.self).id)", as: .admin,
                                            json: LinkUpdate(units: [Self.codeA, Self.codeB, Self.codeC]))
            #expect(joined.status == .ok, "\(joined.text)")
            #expect(try joined.decode(LinkView.self).units.count == 3)
        }
    }

    @Test("the shared links are listed with shared=true, each with all its units")
    func listShared() async throws {
        let fixture = try await RegistryFixture()
        try await fixture.withAPI { api in
            _ = try await Self.coLocatedUnits(api)
            let shared = try await api.send(.post, "/api/v1/links", as: .admin,
                                            json: RegistryFixture.link(units: [Self.codeA, Self.codeB], port: "GigabitEthernet0/0/2"))
            let backup = try await api.send(.post, "/api/v1/links", as: .admin,
                                            json: RegistryFixture.link(units: [Self.codeA], port: "GigabitEthernet0/0/3", backup: true))
            #expect(shared.status == .created)
            #expect(backup.status == .created)

            let page = try await api.fetch(Page<LinkView>.self, "/api/v1/links?shared=true")
            #expect(page.total == 1)
            #expect(page.items.map(\.id) == [try shared.decode(LinkView.self).id])
            #expect(page.items.first?.units.map(\.creditCode) == [Self.codeA, Self.codeB])
            #expect(page.items.allSatisfy { $0.shared })
            let all = try await api.fetch(Page<LinkView>.self, "/api/v1/links?shared=否")
            #expect(all.total == 5)
            let county = try await api.fetch(Page<LinkView>.self, "/api/v1/links?shared=是", as: .hongta)
            #expect(county.total == 1)
            let elsewhere = try await api.fetch(Page<LinkView>.self, "/api/v1/links?shared=true", as: .tonghai)
            #expect(elsewhere.items.isEmpty)
        }
    }

    @Test("a link serving units at different addresses is refused by article 17")
    func differentAddresses() async throws {
        let fixture = try await RegistryFixture()
        try await fixture.withAPI { api in
            _ = try await Self.coLocatedUnits(api)
            let before = try await fixture.counts()
            let problem = try await api.send(.post, "/api/v1/links", as: .admin,
                                             json: RegistryFixture.link(units: [Self.codeA, RegistryFixture.hongtaCode],
                                                                        port: "GigabitEthernet0/0/2"))
                .expectProblem(.badRequest, field: "units", rule: "article-17")
            #expect(problem.detail.contains(RegistryFixture.hongtaAddress))
            #expect(problem.detail.contains("玉溪市红塔区玉兴路1号"))
            #expect(try await fixture.counts() == before)
        }
    }

    @Test("a unit on a shared link cannot move address while the others stay")
    func moveOffSharedLink() async throws {
        let fixture = try await RegistryFixture()
        try await fixture.withAPI { api in
            _ = try await Self.coLocatedUnits(api)
            #expect(try await api.send(.post, "/api/v1/links", as: .admin,
                                       json: RegistryFixture.link(units: [Self.codeA, Self.codeB], port: "GigabitEthernet0/0/2"))
                .status == .created)
            let before = try await fixture.counts()
            try await api.send(.patch, "/api/v1/units/\(Self.codeA)", as: .admin,
                               json: UnitUpdate(officeAddress: "红塔区红塔大道30号"))
                .expectProblem(.badRequest, field: "officeAddress", rule: "article-17")
            #expect(try await fixture.counts() == before)
            #expect(try await fixture.unit(Self.codeA).officeAddress == "玉溪市红塔区玉兴路1号")

            // Rewriting the same address differently is not a move.
            let same = try await api.send(.patch, "/api/v1/units/\(Self.codeA)", as: .admin,
                                          json: UnitUpdate(officeAddress: "云南省玉溪市红塔区 玉兴路1号"))
            #expect(same.status == .ok, "\(same.text)")
        }
    }

    @Test("a county authority shares links within its own division the same way")
    func countyShares() async throws {
        let fixture = try await RegistryFixture()
        try await fixture.withAPI { api in
            _ = try await Self.coLocatedUnits(api, as: .hongta)
            let link = try await api.send(.post, "/api/v1/links", as: .hongta,
                                          json: RegistryFixture.link(units: [Self.codeA, Self.codeB], port: "GigabitEthernet0/0/2"))
            #expect(link.status == .created, "\(link.text)")
            let audit = try await fixture.store.auditEntries(entity: "link")
            #expect(audit.last?.actor == "hongta@530402")
        }
    }

    @Test("naming one unit twice in a link, in any spelling, serves it once",
          arguments: [
              [RegistryFixture.hongtaCode, RegistryFixture.hongtaCode.lowercased()],
              [RegistryFixture.hongtaCode, " \(RegistryFixture.hongtaCode) "],
          ])
    func repeatedUnit(_ units: [String]) async throws {
        let fixture = try await RegistryFixture()
        try await fixture.withAPI { api in
            let response = try await api.send(.post, "/api/v1/links", as: .admin,
                                              json: RegistryFixture.link(units: units, port: "GigabitEthernet0/0/9", backup: true))
            #expect(response.status == .created, "\(response.text)")
            #expect(try response.decode(LinkView.self).units.map(\.creditCode) == [RegistryFixture.hongtaCode])
        }
    }

    @Test("a city unit and a county unit in one building each attach to their own hub (article 16 before 17)")
    func cityAndCountyInOneBuilding() async throws {
        let fixture = try await RegistryFixture()
        let code = RegistryFixture.creditCode(division: "530402", serial: 13)
        try await fixture.withAPI { api in
            // The city unit of the fixture sits at 玉溪市红塔区抚仙路2号 with its link on the city hub.
            #expect(try await api.send(.post, "/api/v1/units", as: .admin,
                                       json: RegistryFixture.unit("红塔区政务服务管理局", code: code, address: "红塔区抚仙路2号"))
                .status == .created)
            try await api.send(.post, "/api/v1/links", as: .admin,
                               json: RegistryFixture.link(units: [code, RegistryFixture.cityCode], hub: "YX", port: "GigabitEthernet0/0/2"))
                .expectProblem(.badRequest, field: "hubDevice", rule: "article-16")
            let own = try await api.send(.post, "/api/v1/links", as: .admin,
                                         json: RegistryFixture.link(units: [code], hub: "HT", port: "GigabitEthernet0/0/2"))
            #expect(own.status == .created, "\(own.text)")
        }
    }

    @Test("a withdrawn unit gets no link, and a unit cannot withdraw while it still has one")
    func withdrawnUnits() async throws {
        let fixture = try await RegistryFixture()
        try await fixture.withAPI { api in
            try await api.send(.patch, "/api/v1/units/\(RegistryFixture.hongtaCode)", as: .admin,
                               json: UnitUpdate(state: "已退网")).expectProblem(.badRequest, field: "state", rule: "unit-state")
            let code = RegistryFixture.creditCode(division: "530402", serial: 14)
            var unit = RegistryFixture.unit("红塔区撤并单位", code: code, address: "红塔区红塔大道40号")
            unit.state = "withdrawn"
            #expect(try await api.send(.post, "/api/v1/units", as: .admin, json: unit).status == .created)
            let before = try await fixture.counts()
            try await api.send(.post, "/api/v1/links", as: .admin,
                               json: RegistryFixture.link(units: [code], port: "GigabitEthernet0/0/2"))
                .expectProblem(.badRequest, field: "units", rule: "unit-state")
            #expect(try await fixture.counts() == before)

            let link = try await fixture.link(hub: "HT")
            #expect(try await api.send(.delete, "/api/v1/links/\(link.id)", as: .admin).status == .noContent)
            let withdrawn = try await api.send(.patch, "/api/v1/units/\(RegistryFixture.hongtaCode)", as: .admin,
                                               json: UnitUpdate(state: "withdrawn"))
            #expect(withdrawn.status == .ok, "\(withdrawn.text)")
            #expect(try withdrawn.decode(UnitView.self).state == .withdrawn)
        }
    }
}
