import Foundation
import Hummingbird
import Testing
import WaiwangAPI
import WaiwangCore

/// "Whose address is this?": the unit owning the longest registered prefix, with its links, hubs and ports.
/// Registered prefixes never nest (overlaps are refused), so the match is tested between neighbours.
@Suite("Attribution of an address")
struct AttributionTests {
    static let neighbour = RegistryFixture.creditCode(division: "530402", serial: 40)

    /// The fixture plus a neighbouring 红塔区 unit with 10.1.3.0/24 next to 10.1.2.0/24, and an IPv6 /48 each.
    static func registry() async throws -> RegistryFixture {
        let fixture = try await RegistryFixture()
        _ = try await fixture.store.createUnit(
            RegistryFixture.unit("红塔区教育体育局", code: neighbour, address: "红塔区红塔大道10号"), as: .system)
        _ = try await fixture.store.createLink(
            RegistryFixture.link(units: [neighbour], port: "GigabitEthernet0/0/4"), as: .system)
        for (unit, cidr) in [(neighbour, "10.1.3.0/24"), (RegistryFixture.hongtaCode, "2001:db8:1::/48"),
                             (neighbour, "2001:db8:2::/48")] {
            _ = try await fixture.store.createPrefix(PrefixCreate(unit: unit, cidr: cidr), as: .system)
        }
        return fixture
    }

    @Test("an address is attributed to the unit whose prefix contains it, with its links, hub and port")
    func attributes() async throws {
        let fixture = try await Self.registry()
        try await fixture.withAPI { api in
            let view = try await api.fetch(AttributionView.self, "/api/v1/attribution/10.1.2.77", as: .security)
            #expect(view.address == "10.1.2.77")
            #expect(view.prefix == "10.1.2.0/24")
            #expect(view.unit.creditCode == RegistryFixture.hongtaCode)
            #expect(view.unitName == "红塔区人民政府办公室")
            #expect(view.links.count == 1)
            let link = try #require(view.links.first)
            #expect(link.hubCode == "HT")
            #expect(link.hubName == "红塔区政务外网汇聚节点")
            #expect(link.hubDevice == "HT-AGG-01")
            #expect(link.port == RegistryFixture.samplePort)
        }
    }

    @Test("neighbouring prefixes split at their boundary", arguments: [
        ("10.1.2.0", "10.1.2.0/24", RegistryFixture.hongtaCode),
        ("10.1.2.255", "10.1.2.0/24", RegistryFixture.hongtaCode),
        ("10.1.3.0", "10.1.3.0/24", neighbour),
        ("10.1.3.254", "10.1.3.0/24", neighbour),
        ("10.4.200.1", "10.4.0.0/16", RegistryFixture.tonghaiCode),
        ("2001:db8:1::1", "2001:db8:1::/48", RegistryFixture.hongtaCode),
        ("2001:db8:1:ffff:ffff:ffff:ffff:ffff", "2001:db8:1::/48", RegistryFixture.hongtaCode),
        ("2001:DB8:2::abcd", "2001:db8:2::/48", neighbour),
    ])
    func boundaries(_ address: String, _ prefix: String, _ unit: String) async throws {
        let fixture = try await Self.registry()
        try await fixture.withAPI { api in
            let view = try await api.fetch(AttributionView.self, "/api/v1/attribution/\(address)")
            #expect(view.prefix == prefix)
            #expect(view.unit.creditCode == unit)
        }
    }

    @Test("the neighbour's links are its own: port and hub of its link")
    func neighbourLinks() async throws {
        let fixture = try await Self.registry()
        try await fixture.withAPI { api in
            let view = try await api.fetch(AttributionView.self, "/api/v1/attribution/10.1.3.9")
            #expect(view.links.map(\.port) == ["GigabitEthernet0/0/4"])
            #expect(view.links.map(\.hubCode) == ["HT"])
        }
    }

    @Test("a prefix nested in a registered one is refused, so longest match never has to choose")
    func nestedRefused() async throws {
        let fixture = try await Self.registry()
        try await fixture.withAPI { api in
            for cidr in ["10.1.2.128/25", "10.1.0.0/22", "2001:db8:1:1::/64", "2001:db8::/32"] {
                try await api.send(.post, "/api/v1/prefixes", as: .admin, json: PrefixCreate(unit: Self.neighbour, cidr: cidr))
                    .expectProblem(.conflict, field: "cidr", rule: "prefix-overlap")
            }
        }
    }

    @Test("an address no prefix contains is 404; text that is not an address is 400", arguments: [
        ("10.9.9.9", 404), ("10.1.4.0", 404), ("2001:db8:3::1", 404), ("192.168.1.1", 404),
        ("10.1.2.300", 400), ("not-an-ip", 400), ("10.1.2.0%2F24", 400),
    ])
    func missesAndBadAddresses(_ address: String, _ status: Int) async throws {
        let fixture = try await Self.registry()
        try await fixture.withAPI { api in
            let response = try await api.get("/api/v1/attribution/\(address)")
            if status == 404 {
                try response.expectProblem(.notFound, field: "address")
            } else {
                try response.expectProblem(.badRequest, field: "address", rule: "ip-address")
            }
        }
    }

    @Test("attribution follows prefixes added and removed after the first lookup")
    func followsChanges() async throws {
        let fixture = try await Self.registry()
        try await fixture.withAPI { api in
            try await api.get("/api/v1/attribution/10.1.7.1").expectProblem(.notFound)
            #expect(try await api.send(.post, "/api/v1/prefixes", as: .hongta,
                                       json: PrefixCreate(unit: Self.neighbour, cidr: "10.1.7.0/24")).status == .created)
            #expect(try await api.fetch(AttributionView.self, "/api/v1/attribution/10.1.7.1").unit.creditCode == Self.neighbour)

            #expect(try await api.send(.delete, "/api/v1/prefixes?cidr=10.1.7.0/24", as: .hongta).status == .noContent)
            try await api.get("/api/v1/attribution/10.1.7.1").expectProblem(.notFound)

            let id = try await fixture.prefix("10.1.2.0/24").id
            #expect(try await api.send(.delete, "/api/v1/prefixes/\(id)", as: .admin).status == .noContent)
            try await api.get("/api/v1/attribution/10.1.2.77").expectProblem(.notFound)

            #expect(try await api.importCSV("prefixes", "统一社会信用代码,IP地址段\n\(Self.neighbour),10.1.2.0/24\n").status == .ok)
            #expect(try await api.fetch(AttributionView.self, "/api/v1/attribution/10.1.2.77").unit.creditCode == Self.neighbour)
        }
    }
}
