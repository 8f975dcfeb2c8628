import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Testing
import WaiwangAPI
import WaiwangCore
import WaiwangRegistry
import WaiwangStore

/// Who calls the API in a test: one token per role, and two county authorities to test confinement.
enum Caller: String, CaseIterable, Sendable {
    case admin
    /// The county authority of 红塔区 (530402).
    case hongta
    /// The county authority of 通海县 (530423).
    case tonghai
    case security
    case auditor
    case agent

    var role: Role {
        switch self {
        case .admin: .admin
        case .hongta, .tonghai: .county
        case .security: .security
        case .auditor: .auditor
        case .agent: .agent
        }
    }

    var divisionCode: String? {
        switch self {
        case .hongta: "530402"
        case .tonghai: "530423"
        default: nil
        }
    }

    /// One caller per role; the county role is played by 红塔区, in whose division the fixture's samples live.
    static let onePerRole: [Caller] = [.admin, .hongta, .security, .auditor, .agent]
}

/// A registry on the shipped division tree with a token per caller and a device at every hub, and unless
/// `seeded` is false, three units (红塔区, 通海县 and the city), each with a link and a prefix.
struct RegistryFixture: Sendable {
    /// The shipped configuration: division tree, working-day calendar, application policy.
    static let configuration: RegistryConfiguration = {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent()
        do {
            return try RegistryConfiguration.load(directory: root.appending(path: "Config").path)
        } catch {
            fatalError("Config/ cannot be read: \(error)")
        }
    }()
    static var tree: DivisionTree { configuration.tree }
    /// The shipped incident policy, with the `security` caller an emergency lead (it may isolate at once).
    static let incidentPolicy: IncidentPolicy = {
        var policy = configuration.incidents
        policy.isolation.emergencyLeads.append("security")
        return policy
    }()

    /// A county-level unit of 红塔区 on HT-AGG-01 GigabitEthernet0/0/1 with 10.1.2.0/24.
    static let hongtaCode = creditCode(division: "530402", serial: 1)
    static let hongtaAddress = "玉溪市红塔区聂耳路28号"
    /// A county-level unit of 通海县 on TH-AGG-01 GigabitEthernet0/0/1 with 10.4.0.0/16.
    static let tonghaiCode = creditCode(division: "530423", serial: 1)
    /// A city-level unit on YX-AGG-01 GigabitEthernet0/0/1 with 10.0.0.0/24.
    static let cityCode = creditCode(division: "530400", serial: 1)
    static let samplePort = "GigabitEthernet0/0/1"

    let store: RegistryStore
    let tokens: [Caller: String]

    /// `now` is the store's clock (agents' staleness and ticket expiry are tested against it).
    /// `path` is a database file (nil: in memory).
    init(seeded: Bool = true, agentPolicy: AgentPolicy = configuration.agents,
         incidentPolicy: IncidentPolicy = incidentPolicy, path: String? = nil,
         now: @escaping @Sendable () -> Date = { Date() }) async throws {
        store = try RegistryStore(path: path, tree: Self.tree, calendar: Self.configuration.calendar,
                                  policy: Self.configuration.policy, agentPolicy: agentPolicy,
                                  incidentPolicy: incidentPolicy, now: now)
        var tokens: [Caller: String] = [:]
        for caller in Caller.allCases where caller != .agent {
            tokens[caller] = try await store.createToken(name: caller.rawValue, role: caller.role,
                                                         divisionCode: caller.divisionCode)
        }
        // The agent caller is an enrolled agent of the 红塔区 hub: agent endpoints know an agent by its credential.
        tokens[.agent] = try await Self.enrollAgent(hub: "HT", in: store).secret
        self.tokens = tokens
        for (index, hub) in Self.tree.hubs.enumerated() {
            _ = try await store.createDevice(DeviceCreate(hub: hub.code, name: Self.device(ofHub: hub.code),
                                                          snmpAddress: "udp:10.53.\(index).1:161"), as: .system)
        }
        guard seeded else { return }
        let samples: [(UnitCreate, String, String)] = [
            (Self.unit("红塔区人民政府办公室", code: Self.hongtaCode, level: "county", division: "530402",
                       address: Self.hongtaAddress), "HT", "10.1.2.0/24"),
            (Self.unit("通海县人民政府办公室", code: Self.tonghaiCode, level: "county", division: "530423",
                       address: "通海县秀山街道文庙路1号"), "TH", "10.4.0.0/16"),
            (Self.unit("玉溪市数据局", code: Self.cityCode, level: "city", division: "530400",
                       address: "玉溪市红塔区抚仙路2号"), "YX", "10.0.0.0/24"),
        ]
        for (unit, hub, cidr) in samples {
            _ = try await store.createUnit(unit, as: .system)
            _ = try await store.createLink(Self.link(units: [unit.creditCode], hub: hub), as: .system)
            _ = try await store.createPrefix(PrefixCreate(unit: unit.creditCode, cidr: cidr, description: "办公网"),
                                             as: .system)
        }
    }

    /// A valid credit code of an organ (机关) registered in `division`, distinct per serial.
    static func creditCode(division: String, serial: Int) -> String {
        let first17 = "11" + division + "MB" + String(repeating: "0", count: 7 - String(serial).count) + String(serial)
        guard let code = UnifiedSocialCreditCode.completing(first17) else { fatalError("cannot complete \(first17)") }
        return code
    }

    static func device(ofHub code: String) -> String { "\(code)-AGG-01" }

    /// A unit body with a valid contact; only what the test cares about is given.
    static func unit(_ name: String, code: String, level: String = "county", division: String = "530402",
                     address: String = hongtaAddress) -> UnitCreate {
        UnitCreate(name: name, creditCode: code, level: level, divisionCode: division, officeAddress: address,
                   contactName: "张三", contactPhone: "0877-2012345", commitmentLetterOnFile: true)
    }

    /// A link body on the hub's device.
    static func link(units: [String], hub: String = "HT", port: String = samplePort, backup: Bool? = nil)
        -> LinkCreate
    {
        LinkCreate(kind: "vpdn", carrier: "中国电信", bandwidthMbps: 100, hubDevice: device(ofHub: hub), port: port,
                   units: units, backup: backup)
    }

    /// Runs `body` against the registry's router, without sockets.
    func withAPI<Value: Sendable>(_ body: @Sendable (RegistryAPI) async throws -> Value) async throws -> Value {
        var logger = Logger(label: "waiwang-registry-test")
        logger.logLevel = .warning  // the request log at info would bury the test report
        let app = Application(router: RegistryApplication.router(store: store), logger: logger)
        let tokens = tokens
        return try await app.test(.router) { client in try await body(RegistryAPI(client: client, tokens: tokens)) }
    }

    /// What a refused request must leave as it was.
    struct Counts: Equatable, CustomStringConvertible {
        var units, links, prefixes, auditEntries: Int
        var description: String { "\(units) units, \(links) links, \(prefixes) prefixes, \(auditEntries) audit entries" }
    }

    func counts() async throws -> Counts {
        Counts(units: try await store.listUnits(UnitFilter(limit: 1), as: .system).total,
               links: try await store.listLinks(LinkFilter(limit: 1), as: .system).total,
               prefixes: try await store.listPrefixes(unit: nil, limit: 1, offset: 0, as: .system).total,
               auditEntries: try await store.auditEntries(limit: 1_000_000).count)
    }

    func unit(_ code: String) async throws -> UnitView { try await store.unit(code, as: .system) }

    /// The link on a hub device's port.
    func link(hub: String, port: String = samplePort) async throws -> LinkView {
        let links = try await store.listLinks(LinkFilter(hubCode: hub, limit: 5000), as: .system).items
        return try #require(links.first { $0.port == port }, "no link on \(hub) \(port)")
    }

    func prefix(_ cidr: String) async throws -> PrefixView {
        let prefixes = try await store.listPrefixes(unit: nil, limit: 5000, offset: 0, as: .system).items
        return try #require(prefixes.first { $0.cidr == cidr }, "no prefix \(cidr)")
    }
}

/// The registry's HTTP API as a test calls it: a router test client and the fixture's tokens.
struct RegistryAPI: Sendable {
    let client: any TestClientProtocol
    let tokens: [Caller: String]

    func send(_ method: HTTPRequest.Method, _ uri: String, as caller: Caller?, body: Data? = nil,
              contentType: String = "application/json") async throws -> TestResponse {
        var headers: HTTPFields = [:]
        if let caller, let token = tokens[caller] { headers[.authorization] = "Bearer \(token)" }
        if body != nil { headers[.contentType] = contentType }
        return try await client.execute(uri: uri, method: method, headers: headers,
                                        body: body.map { ByteBuffer(bytes: $0) })
    }

    func send(_ method: HTTPRequest.Method, _ uri: String, as caller: Caller?, json: some Encodable) async throws
        -> TestResponse
    {
        try await send(method, uri, as: caller, body: try JSONEncoder().encode(json))
    }

    func get(_ uri: String, as caller: Caller? = .admin) async throws -> TestResponse {
        try await send(.get, uri, as: caller)
    }

    /// Posts a CSV file to an import endpoint.
    func importCSV(_ kind: String, _ text: String, as caller: Caller = .admin, dryRun: Bool = false) async throws
        -> TestResponse
    {
        try await send(.post, "/api/v1/import/\(kind)\(dryRun ? "?dryRun=true" : "")", as: caller,
                       body: Data(text.utf8), contentType: "text/csv")
    }

    /// GETs and decodes a JSON answer, which must be 200.
    func fetch<T: Decodable>(_ type: T.Type, _ uri: String, as caller: Caller = .admin,
                             sourceLocation: SourceLocation = #_sourceLocation) async throws -> T {
        let response = try await get(uri, as: caller)
        #expect(response.status == .ok, "\(uri): \(response.text)", sourceLocation: sourceLocation)
        return try response.decode(T.self)
    }
}

extension TestResponse {
    var text: String { String(decoding: body.readableBytesView, as: UTF8.self) }

    var data: Data { Data(body.readableBytesView) }

    func decode<T: Decodable>(_ type: T.Type) throws -> T { try JSONDecoder().decode(T.self, from: data) }

    var isProblemJSON: Bool { headers[.contentType]?.hasPrefix("application/problem+json") == true }

    /// Checks the answer is `application/problem+json` with `status` (and `field` and `rule` when given),
    /// and returns the problem.
    @discardableResult
    func expectProblem(_ status: HTTPResponse.Status, field: String? = nil, rule: String? = nil,
                       sourceLocation: SourceLocation = #_sourceLocation) throws -> Problem {
        #expect(self.status == status, "\(text)", sourceLocation: sourceLocation)
        #expect(isProblemJSON, "content type \(headers[.contentType] ?? "none")", sourceLocation: sourceLocation)
        let problem = try decode(Problem.self)
        #expect(problem.status == status.code, sourceLocation: sourceLocation)
        if let field { #expect(problem.field == field, "\(problem)", sourceLocation: sourceLocation) }
        if let rule { #expect(problem.rule == rule, "\(problem)", sourceLocation: sourceLocation) }
        return problem
    }
}
