import Foundation
import Hummingbird
import Testing
import WaiwangAPI
import WaiwangCore

/// Every change is an append-only, hash-chained audit entry with who, when, before and after.
@Suite("Audit log over the API")
struct AuditLogTests {
    static let code = RegistryFixture.creditCode(division: "530402", serial: 60)

    /// A few changes by the 红塔区 authority and the admin: a unit created and updated, a link, a prefix.
    static func changes(_ api: RegistryAPI) async throws -> Int64 {
        #expect(try await api.send(.post, "/api/v1/units", as: .hongta,
                                   json: RegistryFixture.unit("红塔区审计局", code: code, address: "红塔区红塔大道20号"))
            .status == .created)
        #expect(try await api.send(.patch, "/api/v1/units/\(code)", as: .admin,
                                   json: UnitUpdate(contactName: "李四", contactPhone: "13812345678", state: "isolated"))
            .status == .ok)
        let link = try await api.send(.post, "/api/v1/links", as: .hongta,
                                      json: RegistryFixture.link(units: [code], port: "GigabitEthernet0/0/8"))
        #expect(link.status == .created)
        #expect(try await api.send(.post, "/api/v1/prefixes", as: .hongta, json: PrefixCreate(unit: code, cidr: "10.1.8.0/24"))
            .status == .created)
        let id = try link.decode(LinkView.self).id
        #expect(try await api.send(.delete, "/api/v1/links/\(id)", as: .admin).status == .noContent)
        return id
    }

    @Test("the log read over the API verifies as one unbroken chain")
    func chainVerifies() async throws {
        let fixture = try await RegistryFixture()
        try await fixture.withAPI { api in
            let linkId = try await Self.changes(api)
            let entries = try await api.fetch([AuditEntryView].self, "/api/v1/audit", as: .auditor)
            #expect(AuditChain.verify(entries) == nil)
            #expect(entries.map(\.seq) == Array(1...Int64(entries.count)))
            #expect(entries.first?.prevHash == AuditChain.genesis)
            #expect(entries.allSatisfy { $0.at.wholeMatch(of: /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z/) != nil },
                    "times are ISO 8601 UTC with milliseconds: \(entries.map(\.at).prefix(3))")
            #expect(entries.count == (try await fixture.counts()).auditEntries)
            let last = entries.suffix(5).map { "\($0.actor) \($0.action) \($0.entityId)" }
            #expect(last == [
                "hongta@530402 unit.create \(Self.code)",
                "admin unit.update \(Self.code)",
                "hongta@530402 link.create \(linkId)",
                "hongta@530402 prefix.create 10.1.8.0/24",
                "admin link.delete \(linkId)",
            ])
        }
    }

    @Test("an update records the unit before and after")
    func updateBeforeAfter() async throws {
        let fixture = try await RegistryFixture()
        try await fixture.withAPI { api in
            _ = try await Self.changes(api)
            let entries = try await api.fetch([AuditEntryView].self, "/api/v1/audit?entity=unit", as: .admin)
            let update = try #require(entries.first { $0.action == "unit.update" })
            #expect(update.entity == "unit")
            #expect(update.entityId == Self.code)
            let before = try JSONSerialization.jsonObject(with: Data(update.before.utf8)) as? [String: Any]
            let after = try JSONSerialization.jsonObject(with: Data(update.after.utf8)) as? [String: Any]
            #expect(before?["contactName"] as? String == "张三")
            #expect(after?["contactName"] as? String == "李四")
            #expect(before?["state"] as? String == "active")
            #expect(after?["state"] as? String == "isolated")
            #expect(after?["contactPhone"] as? String == "13812345678")
            #expect(before?["name"] as? String == after?["name"] as? String)

            let create = try #require(entries.first { $0.action == "unit.create" && $0.entityId == Self.code })
            #expect(create.before.isEmpty)
            let delete = try #require(try await api.fetch([AuditEntryView].self, "/api/v1/audit?entity=link").last)
            #expect(delete.action == "link.delete")
            #expect(delete.after.isEmpty)
            #expect(delete.before.contains("GigabitEthernet0/0/8"))
        }
    }

    @Test("a page of the log verifies from the entry before it")
    func pages() async throws {
        let fixture = try await RegistryFixture()
        try await fixture.withAPI { api in
            _ = try await Self.changes(api)
            let all = try await api.fetch([AuditEntryView].self, "/api/v1/audit")
            let page = try await api.fetch([AuditEntryView].self, "/api/v1/audit?after=10&limit=5")
            #expect(page.map(\.seq) == [11, 12, 13, 14, 15])
            #expect(AuditChain.verify(page, previous: all[9].hash, previousSeq: 10) == nil)
        }
    }

    @Test("admin and auditor may read the log; county, security and agent may not", arguments: Caller.allCases)
    func whoReads(_ caller: Caller) async throws {
        let fixture = try await RegistryFixture()
        try await fixture.withAPI { api in
            let response = try await api.get("/api/v1/audit", as: caller)
            if caller == .admin || caller == .auditor {
                #expect(response.status == .ok)
            } else {
                try response.expectProblem(.forbidden, rule: "role-scope")
            }
        }
    }

    @Test("the secrets of an SNMP credential never reach the log")
    func credentialsRedacted() async throws {
        let fixture = try await RegistryFixture()
        try await fixture.withAPI { api in
            let response = try await api.send(.post, "/api/v1/credentials", as: .admin, json: CredentialCreate(
                name: "hub-v3", version: "v3", user: "waiwang", authProtocol: "sha", authPassphrase: "auth-secret-1",
                privProtocol: "aes", privPassphrase: "priv-secret-1"))
            #expect(response.status == .created)
            #expect(!response.text.contains("secret-1"))
            let log = try await api.get("/api/v1/audit?entity=snmpCredential").text
            #expect(log.contains("hub-v3"))
            #expect(!log.contains("auth-secret-1"))
            #expect(!log.contains("priv-secret-1"))
            #expect(!(try await api.get("/api/v1/credentials").text.contains("secret-1")))
        }
    }
}
