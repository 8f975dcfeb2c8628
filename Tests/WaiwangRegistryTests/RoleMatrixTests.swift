import Foundation
import Hummingbird
import HummingbirdTesting
import Testing
import WaiwangAPI
import WaiwangCore
import WaiwangRegistry
import WaiwangStore

/// Every endpoint of `RegistryEndpoints.all` against every role: the router, the OpenAPI document and this
/// matrix read one list, so a new endpoint is covered the day it is added.
@Suite("Role matrix and county confinement")
struct RoleMatrixTests {
    /// A request that exercises an endpoint on the fixture's 红塔区 samples, with a minimal valid body.
    struct SampleRequest {
        var uri: String
        var body: Data?
        var contentType = "application/json"
    }

    static func sample(for endpoint: Endpoint, in fixture: RegistryFixture) async throws -> SampleRequest? {
        let encoder = JSONEncoder()
        let code = RegistryFixture.hongtaCode
        switch (endpoint.method, endpoint.path) {
        case (.get, "/api/v1/divisions"), (.get, "/api/v1/units"), (.get, "/api/v1/links"), (.get, "/api/v1/prefixes"),
             (.get, "/api/v1/devices"), (.get, "/api/v1/credentials"), (.get, "/api/v1/audit"):
            return SampleRequest(uri: endpoint.path)
        case (.post, "/api/v1/units"):
            let unit = RegistryFixture.unit("红塔区教育体育局", code: RegistryFixture.creditCode(division: "530402", serial: 90),
                                            address: "红塔区红塔大道10号")
            return SampleRequest(uri: endpoint.path, body: try encoder.encode(unit))
        case (.get, "/api/v1/units/{unit}"):
            return SampleRequest(uri: "/api/v1/units/\(code)")
        case (.patch, "/api/v1/units/{unit}"):
            return SampleRequest(uri: "/api/v1/units/\(code)", body: try encoder.encode(UnitUpdate(contactName: "李四")))
        case (.post, "/api/v1/links"):
            let link = RegistryFixture.link(units: [code], port: "GigabitEthernet0/0/9", backup: true)
            return SampleRequest(uri: endpoint.path, body: try encoder.encode(link))
        case (.get, "/api/v1/links/{id}"), (.delete, "/api/v1/links/{id}"):
            return SampleRequest(uri: "/api/v1/links/\(try await fixture.link(hub: "HT").id)")
        case (.patch, "/api/v1/links/{id}"):
            return SampleRequest(uri: "/api/v1/links/\(try await fixture.link(hub: "HT").id)",
                                 body: try encoder.encode(LinkUpdate(bandwidthMbps: 200)))
        case (.post, "/api/v1/prefixes"):
            return SampleRequest(uri: endpoint.path, body: try encoder.encode(PrefixCreate(unit: code, cidr: "10.1.3.0/24")))
        case (.delete, "/api/v1/prefixes"):
            return SampleRequest(uri: "/api/v1/prefixes?cidr=10.1.2.0/24")
        case (.delete, "/api/v1/prefixes/{id}"):
            return SampleRequest(uri: "/api/v1/prefixes/\(try await fixture.prefix("10.1.2.0/24").id)")
        case (.get, "/api/v1/attribution/{address}"):
            return SampleRequest(uri: "/api/v1/attribution/10.1.2.77")
        case (.post, "/api/v1/devices"):
            return SampleRequest(uri: endpoint.path, body: try encoder.encode(
                DeviceCreate(hub: "HT", name: "HT-AGG-02", snmpAddress: "udp:10.53.1.2:161")))
        case (.post, "/api/v1/credentials"):
            return SampleRequest(uri: endpoint.path, body: try encoder.encode(CredentialCreate(
                name: "hub-v3", version: "v3", user: "waiwang", authProtocol: "SHA", authPassphrase: "auth-secret-1",
                privProtocol: "AES", privPassphrase: "priv-secret-1")))
        case (.post, "/api/v1/import/{kind}"):
            let csv = """
                单位名称,统一社会信用代码,级别,所属区县,办公地址,联系人,联系电话
                红塔区财政局,\(RegistryFixture.creditCode(division: "530402", serial: 91)),县级,红塔区,红塔区红塔大道12号,王五,13812345678

                """
            return SampleRequest(uri: "/api/v1/import/units", body: Data(csv.utf8), contentType: "text/csv")
        case (.get, "/api/v1/export/{kind}"):
            return SampleRequest(uri: "/api/v1/export/units")
        case (.get, "/api/v1/applications"):
            return SampleRequest(uri: endpoint.path)
        case (.post, "/api/v1/applications"):
            return SampleRequest(uri: endpoint.path, body: try encoder.encode(
                ApplicationCreate(kind: "new-access", form: RegistryFixture.newAccessForm())))
        case (.get, "/api/v1/applications/{id}"):
            return SampleRequest(uri: "/api/v1/applications/\(try await fixture.application(in: .draft))")
        case (.patch, "/api/v1/applications/{id}"):
            return SampleRequest(uri: "/api/v1/applications/\(try await fixture.application(in: .draft))",
                                 body: try encoder.encode(ApplicationForm(reason: "补充理由")))
        case (.post, "/api/v1/applications/{id}/attachments"):
            return SampleRequest(
                uri: "/api/v1/applications/\(try await fixture.application(in: .draft))/attachments?kind=form&filename=a.pdf",
                body: RegistryFixture.samplePDF, contentType: "application/pdf")
        case (.post, let path) where path.hasPrefix("/api/v1/applications/{id}/"):
            let action = ApplicationAction(rawValue: String(path.split(separator: "/").last ?? ""))
            let from: ApplicationState = switch action {
            case .submit, .withdraw, nil: .draft
            case .startReview: .submitted
            case .approve, .reject: .underReview
            case .startProvisioning: .approved
            case .completeProvisioning: .provisioning
            }
            let id = try await fixture.application(in: from)
            let body: Data? = switch action {
            case .approve: try encoder.encode(ApprovalInput(hubDevice: RegistryFixture.device(ofHub: "HT"), port: "Gi0/0/7"))
            case .reject: try encoder.encode(ApplicationNote(note: "材料不全"))
            default: nil
            }
            return SampleRequest(uri: "/api/v1/applications/\(id)/\(action?.rawValue ?? "")", body: body)
        case (.get, "/api/v1/calendar/deadline"):
            return SampleRequest(uri: "/api/v1/calendar/deadline?from=2026-09-30&days=5")
        case (.post, "/api/v1/agents"):
            return SampleRequest(uri: endpoint.path, body: try encoder.encode(AgentEnrollmentCreate(hub: "HT")))
        case (.get, "/api/v1/agents"), (.get, "/api/v1/agent/assignment"):
            return SampleRequest(uri: endpoint.path)
        case (.post, "/api/v1/agents/{id}/commands"):
            return SampleRequest(uri: "/api/v1/agents/\(try await fixture.fixtureAgent().id)/commands",
                                 body: try encoder.encode(AgentCommandCreate(
                                    kind: .portShutdown, device: RegistryFixture.device(ofHub: "HT"),
                                    ifName: RegistryFixture.samplePort)))
        case (.post, "/api/v1/agents/{id}/revoke"):
            // A fresh agent each time: revoking the fixture's agent would cut off the agent endpoints' samples.
            let ticket = try await fixture.store.createAgent(AgentEnrollmentCreate(hub: "HT"), as: .system)
            return SampleRequest(uri: "/api/v1/agents/\(ticket.agentId)/revoke",
                                 body: try encoder.encode(AgentRevocation(reason: "矩阵测试")))
        case (.get, "/api/v1/agents/{id}/commands"):
            return SampleRequest(uri: "/api/v1/agents/\(try await fixture.fixtureAgent().id)/commands")
        case (.get, "/api/v1/agents/{id}/observations"):
            return SampleRequest(uri: "/api/v1/agents/\(try await fixture.fixtureAgent().id)/observations")
        case (.get, "/api/v1/links/{id}/state"):
            return SampleRequest(uri: "/api/v1/links/\(try await fixture.link(hub: "HT").id)/state")
        case (.post, "/api/v1/agent/observations"):
            let heartbeat = HeartbeatObservation(
                version: "test", uptimeSeconds: 1, assignmentVersion: nil, outboxDepth: 0, droppedSamples: 0,
                pollsCompleted: 0, devicesUnreachable: 0, capturePackets: 0, captureDrops: 0)
            let batch = ObservationBatch(observations: [Observation(
                key: "hb-1", kind: .heartbeat, observedAt: "2026-11-27T04:00:00Z", heartbeat: heartbeat)])
            return SampleRequest(uri: endpoint.path, body: try encoder.encode(batch))
        case (.get, "/api/v1/agent/commands"):
            return SampleRequest(uri: "/api/v1/agent/commands?wait=0")
        case (.post, "/api/v1/agent/commands/{id}/result"):
            let command = try await fixture.store.queueAgentCommand(
                AgentCommandCreate(kind: .portShutdown, device: RegistryFixture.device(ofHub: "HT"),
                                   ifName: RegistryFixture.samplePort),
                agentId: try await fixture.fixtureAgent().id, as: .system).command
            let result = AgentCommandResult(id: command.id, outcome: .confirmed, adminStatus: "down",
                                            operStatus: "down", message: "", finishedAt: "2026-11-27T04:00:01Z")
            return SampleRequest(uri: "/api/v1/agent/commands/\(command.id)/result", body: try encoder.encode(result))
        case (.get, "/api/v1/deliveries"):
            return SampleRequest(uri: endpoint.path)
        case (.get, "/api/v1/deliveries/{id}"):
            return SampleRequest(uri: "/api/v1/deliveries/\(try await fixture.sampleDelivery())")
        case (.post, "/api/v1/deliveries/{id}/acknowledge"):
            return SampleRequest(uri: "/api/v1/deliveries/\(try await fixture.sampleDelivery())/acknowledge",
                                 body: try encoder.encode(DeliveryAcknowledge(note: "市数据局值班室电话确认已收到")))
        case (.get, "/api/v1/incidents"), (.get, "/api/v1/orders"):
            return SampleRequest(uri: endpoint.path)
        case (.get, "/api/v1/incidents/{id}"):
            return SampleRequest(uri: "/api/v1/incidents/\(try await fixture.incident().id)")
        case (.get, "/api/v1/incidents/{id}/report"):
            return SampleRequest(uri: "/api/v1/incidents/\(try await fixture.incident().id)/report")
        case (.post, "/api/v1/incidents/{id}/grade"):
            return SampleRequest(uri: "/api/v1/incidents/\(try await fixture.incident().id)/grade",
                                 body: try encoder.encode(GradeInput(grade: "major", reason: "涉及重要业务系统")))
        case (.post, "/api/v1/incidents/{id}/close"):
            return SampleRequest(uri: "/api/v1/incidents/\(try await fixture.incident().id)/close",
                                 body: try encoder.encode(IncidentClosing(reason: "误报")))
        case (.post, "/api/v1/orders"):
            return SampleRequest(uri: endpoint.path,
                                 body: try encoder.encode(OrderProposal(incidentId: try await fixture.incident().id)))
        case (.post, "/api/v1/orders/isolate-now"):
            return SampleRequest(uri: endpoint.path,
                                 body: try encoder.encode(IsolateNowInput(incidentId: try await fixture.incident().id)))
        case (.get, "/api/v1/orders/{id}"):
            return SampleRequest(uri: "/api/v1/orders/\(try await fixture.order(in: .proposed).id)")
        case (.post, let path) where path.hasPrefix("/api/v1/orders/{id}/"):
            let action = String(path.split(separator: "/").last ?? "")
            let id = try await fixture.orderReady(for: action).id
            let body: Data? = switch action {
            case "reject", "cancel": try encoder.encode(OrderNote(reason: "证据不足"))
            case "remediate": try encoder.encode(RemediationInput(summary: "已查杀并加固"))
            case "verify": try encoder.encode(VerificationInput(accepted: true, note: "复核通过"))
            default: nil
            }
            return SampleRequest(uri: "/api/v1/orders/\(id)/\(action)", body: body)
        default:
            return nil
        }
    }

    static func protectedEndpoints() async throws -> [Endpoint] {
        let fixture = try await RegistryFixture(seeded: false)
        return RegistryEndpoints.all(store: fixture.store, version: "test").filter { $0.roles != nil }
    }

    /// The success statuses the OpenAPI document gives each operation, by "METHOD path".
    static func documentedSuccess() async throws -> [String: Set<String>] {
        let fixture = try await RegistryFixture(seeded: false)
        let response = try await fixture.withAPI { api in try await api.get("/api/v1/openapi.json", as: nil) }
        let document = try JSONSerialization.jsonObject(with: response.data) as? [String: Any]
        let paths = document?["paths"] as? [String: [String: [String: Any]]] ?? [:]
        var success: [String: Set<String>] = [:]
        for (path, operations) in paths {
            for (method, operation) in operations {
                let responses = operation["responses"] as? [String: Any] ?? [:]
                success["\(method.uppercased()) \(path)"] = Set(responses.keys).subtracting(["default"])
            }
        }
        return success
    }

    @Test("every protected endpoint: no token is 401, a role not listed is 403, a listed role succeeds as documented",
          arguments: [nil] + Caller.onePerRole.map(Optional.some))
    func roleMatrix(_ caller: Caller?) async throws {
        let endpoints = try await Self.protectedEndpoints()
        #expect(endpoints.count >= 20)
        let documented = try await Self.documentedSuccess()
        for endpoint in endpoints {
            // A fresh registry per call, so what one call changes cannot decide the next one's answer.
            let fixture = try await RegistryFixture()
            guard let sample = try await Self.sample(for: endpoint, in: fixture) else {
                Issue.record("no sample request for \(endpoint.method) \(endpoint.path): add one to the role matrix")
                continue
            }
            let response = try await fixture.withAPI { api in
                try await api.send(endpoint.method, sample.uri, as: caller, body: sample.body,
                                   contentType: sample.contentType)
            }
            let call = "\(endpoint.method) \(sample.uri) as \(caller?.rawValue ?? "nobody")"
            guard let caller else {
                let problem = try response.expectProblem(.unauthorized, field: "Authorization", rule: "bearer-token")
                #expect(problem.status == 401, "\(call)")
                continue
            }
            if endpoint.roles?.contains(caller.role) == true {
                #expect(response.status != .unauthorized && response.status != .forbidden, "\(call): \(response.text)")
                #expect((200..<300).contains(response.status.code), "\(call): \(response.text)")
                let success = documented["\(endpoint.method.rawValue) \(endpoint.path)"] ?? []
                #expect(success.contains(String(response.status.code)), "\(call) answered \(response.status.code), documented \(success)")
            } else {
                try response.expectProblem(.forbidden, rule: "role-scope")
                #expect(response.status == .forbidden, "\(call)")
            }
        }
    }

    @Test("the endpoints without roles answer anyone")
    func openEndpoints() async throws {
        let fixture = try await RegistryFixture()
        let open = RegistryEndpoints.all(store: fixture.store, version: "test").filter { $0.roles == nil }
        #expect(Set(open.map(\.path)) == ["/healthz", "/api/v1/openapi.json", "/metrics", "/api/v1/agents/enroll"])
        try await fixture.withAPI { api in
            // Enrolment is open because its one-time token is the credential (tested in Agents/).
            for endpoint in open where endpoint.method == .get {
                #expect(try await api.get(endpoint.path, as: nil).status == .ok)
            }
            let health = try await api.fetch(HealthView.self, "/healthz")
            #expect(health == HealthView(status: "ok", version: RegistryApplication.version, units: 3))
        }
    }

    @Test("an unknown token or a header that is not a bearer token is 401, even on an open endpoint")
    func badCredentials() async throws {
        let fixture = try await RegistryFixture()
        try await fixture.withAPI { api in
            for header in ["Bearer ww_0000", "Basic YWRtaW46YWRtaW4=", "Bearer", "ww_0000"] {
                for uri in ["/api/v1/units", "/healthz"] {
                    let response = try await api.client.execute(uri: uri, method: .get, headers: [.authorization: header])
                    try response.expectProblem(.unauthorized, field: "Authorization", rule: "bearer-token")
                }
            }
        }
    }

    @Test("a county sees only its own division: another division's unit, link and prefix do not exist for it")
    func countyReadsOwnDivisionOnly() async throws {
        let fixture = try await RegistryFixture()
        let tonghaiLink = try await fixture.link(hub: "TH")
        try await fixture.withAPI { api in
            let units = try await api.fetch(Page<UnitView>.self, "/api/v1/units", as: .hongta)
            #expect(units.items.map(\.creditCode) == [RegistryFixture.hongtaCode])
            #expect(units.total == 1)
            let asked = try await api.fetch(Page<UnitView>.self, "/api/v1/units?division=530423", as: .hongta)
            #expect(asked.items.isEmpty)
            let links = try await api.fetch(Page<LinkView>.self, "/api/v1/links", as: .hongta)
            #expect(links.items.map(\.hubCode) == ["HT"])
            let prefixes = try await api.fetch(Page<PrefixView>.self, "/api/v1/prefixes", as: .hongta)
            #expect(prefixes.items.map(\.cidr) == ["10.1.2.0/24"])
            let devices = try await api.fetch([DeviceView].self, "/api/v1/devices", as: .hongta)
            #expect(devices.map(\.hubCode) == ["HT"])

            try await api.get("/api/v1/units/\(RegistryFixture.tonghaiCode)", as: .hongta).expectProblem(.notFound, field: "unit")
            try await api.get("/api/v1/units/\(RegistryFixture.cityCode)", as: .hongta).expectProblem(.notFound)
            try await api.get("/api/v1/links/\(tonghaiLink.id)", as: .hongta).expectProblem(.notFound, field: "link")
            try await api.get("/api/v1/attribution/10.4.0.1", as: .hongta).expectProblem(.notFound, field: "address")
            try await api.get("/api/v1/prefixes?unit=\(RegistryFixture.tonghaiCode)", as: .hongta).expectProblem(.notFound)

            let export = try await api.get("/api/v1/export/units?headers=en", as: .hongta)
            #expect(export.text.contains(RegistryFixture.hongtaCode))
            #expect(!export.text.contains(RegistryFixture.tonghaiCode))

            // The other county and the readers of the whole city do see it.
            #expect(try await api.get("/api/v1/units/\(RegistryFixture.tonghaiCode)", as: .tonghai).status == .ok)
            #expect(try await api.get("/api/v1/units/\(RegistryFixture.tonghaiCode)", as: .security).status == .ok)
            #expect(try await api.fetch(Page<UnitView>.self, "/api/v1/units", as: .auditor).total == 3)
        }
    }

    @Test("a county cannot change another division: its units are 404, creating in it is 403, and nothing changes")
    func countyWritesOwnDivisionOnly() async throws {
        let fixture = try await RegistryFixture()
        let before = try await fixture.counts()
        let tonghaiLink = try await fixture.link(hub: "TH")
        try await fixture.withAPI { api in
            try await api.send(.patch, "/api/v1/units/\(RegistryFixture.tonghaiCode)", as: .hongta,
                               json: UnitUpdate(contactName: "李四")).expectProblem(.notFound, field: "unit")
            let elsewhere = RegistryFixture.unit("通海县教育体育局", code: RegistryFixture.creditCode(division: "530423", serial: 2),
                                                 division: "530423", address: "通海县秀山街道2号")
            try await api.send(.post, "/api/v1/units", as: .hongta, json: elsewhere).expectProblem(.forbidden, rule: "role-scope")
            try await api.send(.post, "/api/v1/units", as: .hongta,
                               json: RegistryFixture.unit("玉溪市公安局", code: RegistryFixture.creditCode(division: "530400", serial: 2),
                                                          level: "city", division: "530400", address: "玉溪市抚仙路3号"))
                .expectProblem(.forbidden, rule: "role-scope")
            try await api.send(.patch, "/api/v1/units/\(RegistryFixture.hongtaCode)", as: .hongta,
                               json: UnitUpdate(divisionCode: "530423")).expectProblem(.forbidden, rule: "role-scope")
            try await api.send(.patch, "/api/v1/links/\(tonghaiLink.id)", as: .hongta,
                               json: LinkUpdate(bandwidthMbps: 1000)).expectProblem(.notFound)
            try await api.send(.delete, "/api/v1/links/\(tonghaiLink.id)", as: .hongta).expectProblem(.notFound)
            try await api.send(.post, "/api/v1/prefixes", as: .hongta,
                               json: PrefixCreate(unit: RegistryFixture.tonghaiCode, cidr: "10.9.0.0/24")).expectProblem(.notFound)
            try await api.send(.post, "/api/v1/devices", as: .hongta,
                               json: DeviceCreate(hub: "TH", name: "TH-AGG-02", snmpAddress: "10.53.4.2"))
                .expectProblem(.forbidden, rule: "role-scope")
            let prefix = try await api.send(.delete, "/api/v1/prefixes?cidr=10.4.0.0/16", as: .hongta)
            #expect([.forbidden, .notFound].contains(prefix.status), "\(prefix.text)")
        }
        #expect(try await fixture.counts() == before)
        #expect(try await fixture.unit(RegistryFixture.tonghaiCode).contactName == "张三")
    }

    @Test("a county's unit view lists only the co-located units it may see")
    func coLocatedWithinScope() async throws {
        let fixture = try await RegistryFixture()
        let code = RegistryFixture.creditCode(division: "530402", serial: 15)
        // The city unit of the fixture sits at 玉溪市红塔区抚仙路2号.
        _ = try await fixture.store.createUnit(
            RegistryFixture.unit("红塔区政务服务管理局", code: code, address: "红塔区抚仙路2号"), as: .system)
        try await fixture.withAPI { api in
            try await api.get("/api/v1/units/\(RegistryFixture.cityCode)", as: .hongta).expectProblem(.notFound)
            let view = try await api.fetch(UnitView.self, "/api/v1/units/\(code)", as: .hongta)
            #expect(view.coLocatedUnits.isEmpty, "\(view.coLocatedUnits)")
            let admin = try await api.fetch(UnitView.self, "/api/v1/units/\(code)", as: .admin)
            #expect(admin.coLocatedUnits.map(\.creditCode) == [RegistryFixture.cityCode])
        }
    }

    @Test("a credit code of 18 digits is a credit code, not an id")
    func allDigitCreditCode() async throws {
        let fixture = try await RegistryFixture()
        let code = try #require((1...100).lazy.compactMap { serial in
            UnifiedSocialCreditCode.completing("12530402" + String(repeating: "0", count: 9 - String(serial).count) + String(serial))
        }.first { $0.allSatisfy(\.isNumber) })
        try await fixture.withAPI { api in
            #expect(try await api.send(.post, "/api/v1/units", as: .hongta,
                                       json: RegistryFixture.unit("红塔区数字单位", code: code, address: "红塔区红塔大道50号"))
                .status == .created)
            #expect(try await api.fetch(UnitView.self, "/api/v1/units/\(code)", as: .hongta).creditCode == code)
            let link = try await api.send(.post, "/api/v1/links", as: .hongta,
                                          json: RegistryFixture.link(units: [code], port: "GigabitEthernet0/0/2"))
            #expect(link.status == .created, "\(link.text)")
            let id = try await fixture.unit(code).id
            #expect(try await api.fetch(UnitView.self, "/api/v1/units/\(id)", as: .hongta).creditCode == code)
        }
    }
}
