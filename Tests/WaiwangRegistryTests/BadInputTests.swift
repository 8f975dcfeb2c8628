import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WaiwangAPI
import WaiwangCore
import WaiwangRegistry

/// A refused request answers `application/problem+json` naming the field and the rule, and leaves the
/// units, links, prefixes and audit log exactly as they were.
@Suite("Bad input leaves the registry unchanged")
struct BadInputTests {
    /// One refused request: what is sent, and the answer expected.
    struct Case: Sendable, CustomTestStringConvertible {
        var name: String
        var method: HTTPRequest.Method = .post
        var uri: String
        var body: @Sendable () throws -> Data
        var contentType = "application/json"
        var status: HTTPResponse.Status
        var field: String?
        var rule: String?
        /// Text the problem's detail must contain, when it tells what to do.
        var detail: String?
        var testDescription: String { name }
    }

    static func json(_ value: some Encodable & Sendable) -> @Sendable () throws -> Data {
        { try JSONEncoder().encode(value) }
    }

    static func text(_ value: String) -> @Sendable () throws -> Data { { Data(value.utf8) } }

    static let newCode = RegistryFixture.creditCode(division: "530402", serial: 50)

    static func unit(_ change: (inout UnitCreate) -> Void) -> @Sendable () throws -> Data {
        var unit = RegistryFixture.unit("红塔区审计局", code: newCode, address: "红塔区红塔大道20号")
        change(&unit)
        return json(unit)
    }

    static let cases: [Case] = [
        Case(name: "bad check character", uri: "/api/v1/units",
             body: unit { $0.creditCode = "91350100M000100Y44" }, status: .badRequest,
             field: "creditCode", rule: "gb32100-check-character", detail: "gives \"3\""),
        Case(name: "credit code of 17 characters", uri: "/api/v1/units",
             body: unit { $0.creditCode = "91350100M000100Y4" }, status: .badRequest,
             field: "creditCode", rule: "gb32100-length"),
        Case(name: "unknown division", uri: "/api/v1/units",
             body: unit { $0.divisionCode = "530499" }, status: .badRequest,
             field: "divisionCode", rule: "known-division", detail: "530402 红塔区"),
        Case(name: "city-level unit in a county (article 16)", uri: "/api/v1/units",
             body: unit { $0.level = "市级" }, status: .badRequest, field: "divisionCode", rule: "article-16"),
        Case(name: "county-level unit in the city (article 16)", uri: "/api/v1/units",
             body: unit { $0.divisionCode = "530400" }, status: .badRequest, field: "divisionCode", rule: "article-16"),
        Case(name: "unknown level", uri: "/api/v1/units",
             body: unit { $0.level = "省级" }, status: .badRequest, field: "level", rule: "unit-level"),
        Case(name: "duplicate credit code", uri: "/api/v1/units",
             body: unit { $0.creditCode = RegistryFixture.hongtaCode }, status: .conflict,
             field: "creditCode", rule: "unique-credit-code"),
        Case(name: "duplicate credit code in lower case", uri: "/api/v1/units",
             body: unit { $0.creditCode = RegistryFixture.hongtaCode.lowercased() }, status: .conflict,
             field: "creditCode", rule: "unique-credit-code"),
        Case(name: "empty name", uri: "/api/v1/units",
             body: unit { $0.name = "  " }, status: .badRequest, field: "name", rule: "required"),
        Case(name: "empty office address", uri: "/api/v1/units",
             body: unit { $0.officeAddress = "" }, status: .badRequest, field: "officeAddress", rule: "required"),
        Case(name: "empty contact", uri: "/api/v1/units",
             body: unit { $0.contactName = "" }, status: .badRequest, field: "contactName", rule: "required"),
        Case(name: "bad phone", uri: "/api/v1/units",
             body: unit { $0.contactPhone = "12345" }, status: .badRequest, field: "contactPhone", rule: "phone"),
        Case(name: "unknown state", uri: "/api/v1/units",
             body: unit { $0.state = "online" }, status: .badRequest, field: "state", rule: "unit-state"),
        Case(name: "prefix containing a registered one (10.1.0.0/16 over 10.1.2.0/24)", uri: "/api/v1/prefixes",
             body: json(PrefixCreate(unit: RegistryFixture.hongtaCode, cidr: "10.1.0.0/16")), status: .conflict,
             field: "cidr", rule: "prefix-overlap", detail: "10.1.2.0/24"),
        Case(name: "prefix inside a registered one (10.4.5.0/24 in 10.4.0.0/16)", uri: "/api/v1/prefixes",
             body: json(PrefixCreate(unit: RegistryFixture.hongtaCode, cidr: "10.4.5.0/24")), status: .conflict,
             field: "cidr", rule: "prefix-overlap", detail: "10.4.0.0/16"),
        Case(name: "prefix already registered", uri: "/api/v1/prefixes",
             body: json(PrefixCreate(unit: RegistryFixture.tonghaiCode, cidr: "10.1.2.0/24")), status: .conflict,
             field: "cidr", rule: "prefix-overlap"),
        Case(name: "invalid CIDR", uri: "/api/v1/prefixes",
             body: json(PrefixCreate(unit: RegistryFixture.hongtaCode, cidr: "10.1.300.0/24")), status: .badRequest,
             field: "cidr", rule: "cidr"),
        Case(name: "CIDR length out of range", uri: "/api/v1/prefixes",
             body: json(PrefixCreate(unit: RegistryFixture.hongtaCode, cidr: "10.1.3.0/33")), status: .badRequest,
             field: "cidr", rule: "cidr"),
        Case(name: "CIDR with host bits set suggests the network", uri: "/api/v1/prefixes",
             body: json(PrefixCreate(unit: RegistryFixture.hongtaCode, cidr: "10.9.9.1/24")), status: .badRequest,
             field: "cidr", rule: "cidr", detail: "did you mean 10.9.9.0/24"),
        Case(name: "prefix of an unknown unit", uri: "/api/v1/prefixes",
             body: json(PrefixCreate(unit: "no-such-unit", cidr: "10.9.9.0/24")), status: .notFound, field: "unit"),
        Case(name: "county unit's link on the city hub (article 16)", uri: "/api/v1/links",
             body: json(RegistryFixture.link(units: [RegistryFixture.hongtaCode], hub: "YX", port: "GigabitEthernet0/0/7",
                                             backup: true)),
             status: .badRequest, field: "hubDevice", rule: "article-16", detail: "its own county's hub"),
        Case(name: "county unit's link on another county's hub (article 16)", uri: "/api/v1/links",
             body: json(RegistryFixture.link(units: [RegistryFixture.hongtaCode], hub: "TH", port: "GigabitEthernet0/0/7",
                                             backup: true)),
             status: .badRequest, field: "hubDevice", rule: "article-16"),
        Case(name: "city unit's link on a county hub (article 16)", uri: "/api/v1/links",
             body: json(RegistryFixture.link(units: [RegistryFixture.cityCode], hub: "HT", port: "GigabitEthernet0/0/7",
                                             backup: true)),
             status: .badRequest, field: "hubDevice", rule: "article-16", detail: "the city hub"),
        Case(name: "link kind article 17 does not allow", uri: "/api/v1/links",
             body: json(LinkCreate(kind: "卫星", carrier: "中国电信", bandwidthMbps: 100, hubDevice: "HT-AGG-01",
                                   port: "GigabitEthernet0/0/7", units: [RegistryFixture.hongtaCode], backup: true)),
             status: .badRequest, field: "kind", rule: "article-17"),
        Case(name: "link on a port already in use", uri: "/api/v1/links",
             body: json(RegistryFixture.link(units: [RegistryFixture.hongtaCode], backup: true)),
             status: .conflict, field: "port", rule: "unique-port"),
        Case(name: "link on an unknown device", uri: "/api/v1/links",
             body: json(RegistryFixture.link(units: [RegistryFixture.hongtaCode], hub: "XX", backup: true)),
             status: .badRequest, field: "hubDevice", rule: "known-device"),
        Case(name: "link serving no unit", uri: "/api/v1/links",
             body: json(RegistryFixture.link(units: [], port: "GigabitEthernet0/0/7")),
             status: .badRequest, field: "units", rule: "required"),
        Case(name: "link with zero bandwidth", uri: "/api/v1/links",
             body: json(LinkCreate(kind: "vpdn", carrier: "中国电信", bandwidthMbps: 0, hubDevice: "HT-AGG-01",
                                   port: "GigabitEthernet0/0/7", units: [RegistryFixture.hongtaCode], backup: true)),
             status: .badRequest, field: "bandwidthMbps", rule: "bandwidth"),
        Case(name: "non-numeric bandwidth in a links CSV", uri: "/api/v1/import/links",
             body: text("""
                 接入单位,接入方式,运营商,带宽,汇聚设备,端口
                 \(RegistryFixture.hongtaCode),VPDN专线,中国电信,abc,HT-AGG-01,GigabitEthernet0/0/7

                 """),
             contentType: "text/csv", status: .unprocessableContent, rule: "import-all-or-nothing"),
        Case(name: "JSON body over 1 MiB", uri: "/api/v1/units",
             body: unit { $0.name = String(repeating: "长", count: 400_000) }, status: .contentTooLarge,
             field: "body", rule: "body-size"),
        Case(name: "malformed JSON", uri: "/api/v1/units", body: text(#"{"name": "红塔区审计局", "#),
             status: .badRequest, rule: "json-schema", detail: "not valid JSON"),
        Case(name: "empty body", uri: "/api/v1/units", body: text(""), status: .badRequest, field: "body",
             rule: "json-schema"),
        Case(name: "bandwidth given as text in JSON", uri: "/api/v1/links",
             body: text(#"{"kind":"vpdn","carrier":"中国电信","bandwidthMbps":"100M","hubDevice":"HT-AGG-01","port":"Gi0/0/7","units":["x"]}"#),
             status: .badRequest, field: "bandwidthMbps", rule: "json-schema", detail: "whole number"),
        Case(name: "a JSON array where an object belongs", uri: "/api/v1/prefixes", body: text("[]"),
             status: .badRequest, rule: "json-schema"),
        Case(name: "a required JSON field missing", uri: "/api/v1/prefixes", body: text(#"{"unit":"x"}"#),
             status: .badRequest, field: "cidr", rule: "json-schema", detail: "\"cidr\" is missing"),
        Case(name: "null for a required JSON field", uri: "/api/v1/prefixes", body: text(#"{"unit":null,"cidr":"10.9.9.0/24"}"#),
             status: .badRequest, field: "unit", rule: "json-schema"),
        Case(name: "update making a county unit city-level (article 16)", method: .patch,
             uri: "/api/v1/units/\(RegistryFixture.hongtaCode)", body: json(UnitUpdate(level: "city")),
             status: .badRequest, field: "divisionCode", rule: "article-16"),
        Case(name: "update with a bad phone", method: .patch, uri: "/api/v1/units/\(RegistryFixture.hongtaCode)",
             body: json(UnitUpdate(name: "新名称", contactPhone: "abc")), status: .badRequest,
             field: "contactPhone", rule: "phone"),
        Case(name: "update moving a unit to another county whose hub its link does not reach (article 16)",
             method: .patch, uri: "/api/v1/units/\(RegistryFixture.hongtaCode)", body: json(UnitUpdate(divisionCode: "530423")),
             status: .badRequest, field: "divisionCode", rule: "article-16"),
        // The fixture's first link is 红塔区's.
        Case(name: "link update onto another county's device (article 16)", method: .patch, uri: "/api/v1/links/1",
             body: json(LinkUpdate(hubDevice: "TH-AGG-01", port: "GigabitEthernet0/0/7")),
             status: .badRequest, field: "hubDevice", rule: "article-16"),
        Case(name: "SNMP credential with a short passphrase", uri: "/api/v1/credentials",
             body: json(CredentialCreate(name: "v3", version: "v3", user: "u", authProtocol: "SHA",
                                         authPassphrase: "short")),
             status: .badRequest, field: "authPassphrase", rule: "rfc3414"),
        Case(name: "device with a bad SNMP address", uri: "/api/v1/devices",
             body: json(DeviceCreate(hub: "HT", name: "HT-AGG-02", snmpAddress: "udp:10.53.1.2:99999")),
             status: .badRequest, field: "snmpAddress", rule: "snmp-address"),
        Case(name: "device of an unknown hub", uri: "/api/v1/devices",
             body: json(DeviceCreate(hub: "ZZ", name: "ZZ-AGG-01", snmpAddress: "10.53.99.1")),
             status: .badRequest, field: "hub", rule: "known-hub"),
    ]

    @Test("a refused request names the field and rule and changes nothing", arguments: cases)
    func refused(_ input: Case) async throws {
        let fixture = try await RegistryFixture()
        let before = try await fixture.counts()
        let hongtaBefore = try await fixture.unit(RegistryFixture.hongtaCode)
        let response = try await fixture.withAPI { api in
            try await api.send(input.method, input.uri, as: .admin, body: try input.body(), contentType: input.contentType)
        }
        let problem = try response.expectProblem(input.status, field: input.field, rule: input.rule)
        if let detail = input.detail { #expect(problem.detail.contains(detail), "\(problem.detail)") }
        #expect(!problem.detail.lowercased().contains("sqlite"))
        #expect(try await fixture.counts() == before)
        #expect(try await fixture.unit(RegistryFixture.hongtaCode) == hongtaBefore)
    }

    @Test("a bad row of a links CSV is reported with its line, field and rule")
    func badBandwidthRow() async throws {
        let fixture = try await RegistryFixture()
        let csv = """
            接入单位,接入方式,运营商,带宽,汇聚设备,端口,备份
            \(RegistryFixture.hongtaCode),VPDN专线,中国电信,100M,HT-AGG-01,GigabitEthernet0/0/7,是
            \(RegistryFixture.hongtaCode),VPDN专线,中国电信,abc,HT-AGG-01,GigabitEthernet0/0/8,是

            """
        let before = try await fixture.counts()
        let response = try await fixture.withAPI { api in try await api.importCSV("links", csv) }
        let problem = try response.expectProblem(.unprocessableContent, rule: "import-all-or-nothing")
        let errors = try #require(problem.errors)
        #expect(errors == [Problem.Item(line: 3, field: "bandwidth", rule: "bandwidth", message: errors.first?.message ?? "")])
        #expect(errors.first?.message.contains("\"abc\"") == true)
        #expect(try await fixture.counts() == before)
    }

    @Test("an unknown inventory kind or export header choice is refused")
    func unknownKind() async throws {
        let fixture = try await RegistryFixture()
        try await fixture.withAPI { api in
            try await api.importCSV("hubs", "name\nx\n").expectProblem(.notFound, field: "kind")
            try await api.get("/api/v1/export/hubs").expectProblem(.notFound, field: "kind")
            try await api.get("/api/v1/export/units?headers=fr").expectProblem(.badRequest, field: "headers", rule: "query")
            try await api.get("/api/v1/units?limit=0").expectProblem(.badRequest, field: "limit", rule: "query")
            try await api.get("/api/v1/links?shared=perhaps").expectProblem(.badRequest, field: "shared", rule: "flag")
        }
    }

    @Test("a JSON body of exactly 1 MiB is read; one byte more is 413")
    func bodyLimitBoundary() async throws {
        let fixture = try await RegistryFixture()
        let body = try JSONEncoder().encode(RegistryFixture.unit("红塔区审计局", code: Self.newCode, address: "红塔区红塔大道20号"))
        let limit = 1024 * 1024
        let exact = body + Data(repeating: 0x20, count: limit - body.count)
        try await fixture.withAPI { api in
            let over = try await api.send(.post, "/api/v1/units", as: .admin, body: exact + Data([0x20]))
            try over.expectProblem(.contentTooLarge, field: "body", rule: "body-size")
            let within = try await api.send(.post, "/api/v1/units", as: .admin, body: exact)
            #expect(within.status == .created, "\(within.text.prefix(300))")
        }
    }
}
