import Foundation
import Hummingbird
import HummingbirdTesting
import Logging
import Synchronization
import Testing
import WaiwangAPI
import WaiwangCore
import WaiwangRegistry
import WaiwangStore

/// The specifications of access applications (articles 18/19), one suite per part of the workflow.
enum AccessApplications {}

/// The registry's clock as a test sets it: pinned to an instant, moved forward by hand.
final class PinnedClock: Sendable {
    private let instant: Mutex<Date>

    /// Pinned at `text`, an ISO 8601 instant with its offset, e.g. `2025-09-30T10:00:00+08:00` (China time).
    init(_ text: String) {
        instant = Mutex(Self.date(text))
    }

    var now: Date { instant.withLock { $0 } }

    func set(_ text: String) {
        let date = Self.date(text)
        instant.withLock { $0 = date }
    }

    private static func date(_ text: String) -> Date {
        guard let date = try? Date(text, strategy: .iso8601) else { fatalError("not an ISO 8601 instant: \(text)") }
        return date
    }
}

/// A registry as deployed: `RegistryFixture.configuration` (the shipped division tree, working-day calendar and
/// application policy), a pinned clock (10:00 China time on Tue 2025-09-30, the eve of National Day, unless told
/// otherwise), attachments in a fresh folder, a token per caller, a device at every hub (HT-AGG-01 at 红塔区's hub
/// HT) and `RegistryFixture`'s three units with their links and prefixes.
final class ApplicationFixture: Sendable {
    let store: RegistryStore
    let tokens: [Caller: String]
    /// A second city authority (admin) named `reviewer`: four eyes on what the admin files.
    let reviewerToken: String
    let clock: PinnedClock
    let attachmentsDirectory: String

    init(at instant: String = "2025-09-30T10:00:00+08:00", policy: ApplicationPolicy? = nil) async throws {
        let configuration = RegistryFixture.configuration
        let clock = PinnedClock(instant)
        self.clock = clock
        attachmentsDirectory = (NSTemporaryDirectory() as NSString)
            .appendingPathComponent("waiwang-application-tests-\(UUID().uuidString)")
        store = try RegistryStore(
            path: nil, tree: configuration.tree, calendar: configuration.calendar,
            policy: policy ?? configuration.policy, attachmentsDirectory: attachmentsDirectory, now: { clock.now })
        var tokens: [Caller: String] = [:]
        for caller in Caller.allCases {
            tokens[caller] = try await store.createToken(
                name: caller.rawValue, role: caller.role, divisionCode: caller.divisionCode)
        }
        self.tokens = tokens
        reviewerToken = try await store.createToken(name: "reviewer", role: .admin, divisionCode: nil)
        for (index, hub) in configuration.tree.hubs.enumerated() {
            _ = try await store.createDevice(
                DeviceCreate(
                    hub: hub.code, name: RegistryFixture.device(ofHub: hub.code),
                    snmpAddress: "udp:10.53.\(index).1:161"), as: .system)
        }
        let samples: [(UnitCreate, String, String)] = [
            (
                RegistryFixture.unit(
                    "红塔区人民政府办公室", code: RegistryFixture.hongtaCode, address: RegistryFixture.hongtaAddress),
                "HT", "10.1.2.0/24"
            ),
            (
                RegistryFixture.unit(
                    "通海县人民政府办公室", code: RegistryFixture.tonghaiCode, division: "530423",
                    address: "通海县秀山街道文庙路1号"), "TH", "10.4.0.0/16"
            ),
            (
                RegistryFixture.unit(
                    "玉溪市数据局", code: RegistryFixture.cityCode, level: "city", division: "530400",
                    address: "玉溪市红塔区抚仙路2号"), "YX", "10.0.0.0/24"
            ),
        ]
        for (unit, hub, cidr) in samples {
            _ = try await store.createUnit(unit, as: .system)
            _ = try await store.createLink(RegistryFixture.link(units: [unit.creditCode], hub: hub), as: .system)
            _ = try await store.createPrefix(
                PrefixCreate(unit: unit.creditCode, cidr: cidr, description: "办公网"), as: .system)
        }
    }

    deinit {
        try? FileManager.default.removeItem(atPath: attachmentsDirectory)
    }

    /// Runs `body` against the registry's router, without sockets.
    func withAPI<Value: Sendable>(_ body: @Sendable (RegistryAPI) async throws -> Value) async throws -> Value {
        var logger = Logger(label: "waiwang-application-test")
        logger.logLevel = .warning
        let app = Application(router: RegistryApplication.router(store: store), logger: logger)
        let tokens = tokens
        return try await app.test(.router) { client in try await body(RegistryAPI(client: client, tokens: tokens)) }
    }

    /// The API as the second city reviewer: `.admin` calls carry the reviewer's token.
    func reviewer(_ api: RegistryAPI) -> RegistryAPI {
        RegistryAPI(client: api.client, tokens: [.admin: reviewerToken])
    }

    /// What a refused request must leave as it was.
    func counts() async throws -> RegistryFixture.Counts {
        RegistryFixture.Counts(
            units: try await store.listUnits(UnitFilter(limit: 1), as: .system).total,
            links: try await store.listLinks(LinkFilter(limit: 1), as: .system).total,
            prefixes: try await store.listPrefixes(unit: nil, limit: 1, offset: 0, as: .system).total,
            auditEntries: try await store.auditEntries(limit: 1_000_000).count)
    }

    func unit(_ code: String) async throws -> UnitView { try await store.unit(code, as: .system) }

    /// The link on a hub device's port, or nil.
    func link(hub: String, port: String = RegistryFixture.samplePort) async throws -> LinkView? {
        try await store.listLinks(LinkFilter(hubCode: hub, limit: 1000), as: .system).items.first { $0.port == port }
    }

    func prefixes() async throws -> [PrefixView] {
        try await store.listPrefixes(unit: nil, limit: 1000, offset: 0, as: .system).items
    }

    /// The file kept for a digest, or nil when there is none.
    func storedFile(_ sha256: String) -> Data? {
        FileManager.default.contents(atPath: (attachmentsDirectory as NSString).appendingPathComponent(sha256))
    }

    /// The files in the attachments folder.
    func storedFiles() throws -> [String] {
        try FileManager.default.contentsOfDirectory(atPath: attachmentsDirectory).sorted()
    }

    /// A new 红塔区 unit of the county level.
    static let newCode = RegistryFixture.creditCode(division: "530402", serial: 20)

    /// A complete new-access form (新接入申请表) of 红塔区教育体育局 at 红塔大道30号, asking for 10.1.8.0/24 by VPDN.
    static func newAccessForm(
        code: String = newCode, name: String = "红塔区教育体育局", address: String = "玉溪市红塔区红塔大道30号",
        prefixes: [String] = ["10.1.8.0/24"]
    ) -> ApplicationForm {
        ApplicationForm(
            unitName: name, creditCode: code, level: "county", divisionCode: "530402", officeAddress: address,
            contactName: "李四", contactPhone: "13812345678", reason: "教育政务办公系统接入政务外网",
            business: "教育政务办公、视频会议", protectiveMeasures: "边界防火墙、终端防病毒、专人管理", linkKind: "vpdn",
            carrier: "中国联通", bandwidthMbps: 50, prefixes: prefixes)
    }
}

/// Scanned documents as an applicant uploads them; each digest computed with `sha256sum`.
enum Scan {
    static let formPDF = RegistryFixture.samplePDF
    static let formPDFSHA256 = "4579fbf2740104b473bd355e10bad2bc7534f0496119a9390915199f1db01180"
    static let letterPNG =
        Data([0x89, 0x50, 0x4E, 0x47, 0x0D, 0x0A, 0x1A, 0x0A]) + Data("commitment letter, signed and sealed".utf8)
    static let letterPNGSHA256 = "8a8f34cd63a4af62b0e83e0690005393c54471c2d41ba45924d62b04b842071d"
    static let letterJPEG = Data([0xFF, 0xD8, 0xFF, 0xE0]) + Data("JFIF 安全承诺书".utf8)

    /// A PDF of exactly `size` bytes.
    static func pdf(size: Int) -> Data {
        let head = Data("%PDF-1.4\n".utf8)
        return head + Data(repeating: UInt8(ascii: "0"), count: size - head.count)
    }
}

/// One line of an application's history, as a test states it.
struct Step: Equatable, CustomStringConvertible {
    var actor: String
    var action: String
    var from: ApplicationState
    var to: ApplicationState

    init(_ actor: String, _ action: String, _ from: ApplicationState, _ to: ApplicationState) {
        (self.actor, self.action, self.from, self.to) = (actor, action, from, to)
    }

    init(_ event: ApplicationEventView) {
        self.init(
            event.actor, event.action, ApplicationState(rawValue: event.from) ?? .draft,
            ApplicationState(rawValue: event.to) ?? .draft)
    }

    var description: String { "\(actor) \(action) \(from.rawValue)→\(to.rawValue)" }
}

extension ApplicationView {
    var steps: [Step] { history.map(Step.init) }
}

extension RegistryAPI {
    /// Files a draft, which must be created.
    func file(
        _ kind: ApplicationKind, _ form: ApplicationForm, as caller: Caller = .hongta,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> ApplicationView {
        let response = try await send(
            .post, "/api/v1/applications", as: caller, json: ApplicationCreate(kind: kind.rawValue, form: form))
        #expect(response.status == .created, "\(response.text)", sourceLocation: sourceLocation)
        return try response.decode(ApplicationView.self)
    }

    /// Uploads an attachment's raw bytes.
    func attach(_ data: Data, kind: String, filename: String, to id: Int64, as caller: Caller = .hongta)
        async throws -> TestResponse
    {
        let unreserved = CharacterSet(
            charactersIn: "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-._~")
        let name = filename.addingPercentEncoding(withAllowedCharacters: unreserved) ?? filename
        return try await send(
            .post, "/api/v1/applications/\(id)/attachments?kind=\(kind)&filename=\(name)", as: caller, body: data,
            contentType: "application/octet-stream")
    }

    /// One step of the workflow, with no body.
    func act(_ action: ApplicationAction, _ id: Int64, as caller: Caller = .admin) async throws -> TestResponse {
        try await send(.post, "/api/v1/applications/\(id)/\(action.rawValue)", as: caller)
    }

    /// One step of the workflow with a JSON body (`ApprovalInput` or `ApplicationNote`).
    func act(_ action: ApplicationAction, _ id: Int64, as caller: Caller = .admin, json: some Encodable)
        async throws -> TestResponse
    {
        try await send(.post, "/api/v1/applications/\(id)/\(action.rawValue)", as: caller, json: json)
    }

    /// Steps that must succeed, in order; returns the application after the last.
    @discardableResult
    func take(
        _ actions: [ApplicationAction], on id: Int64, as caller: Caller = .admin,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> ApplicationView {
        var view = try await application(id, as: caller)
        for action in actions {
            let response = try await act(action, id, as: caller)
            #expect(response.status == .ok, "\(action.rawValue): \(response.text)", sourceLocation: sourceLocation)
            view = try response.decode(ApplicationView.self)
        }
        return view
    }

    func application(_ id: Int64, as caller: Caller = .admin, sourceLocation: SourceLocation = #_sourceLocation)
        async throws -> ApplicationView
    {
        try await fetch(ApplicationView.self, "/api/v1/applications/\(id)", as: caller, sourceLocation: sourceLocation)
    }

    /// Files a draft with its scanned form (and, for a new access, the commitment letter) and submits it.
    func submitted(
        _ kind: ApplicationKind, _ form: ApplicationForm, as caller: Caller = .hongta,
        sourceLocation: SourceLocation = #_sourceLocation
    ) async throws -> ApplicationView {
        let draft = try await file(kind, form, as: caller, sourceLocation: sourceLocation)
        var uploads = [(Scan.formPDF, "form", "\(kind.label).pdf")]
        if kind == .newAccess { uploads.append((Scan.letterPNG, "commitment-letter", "安全承诺书.png")) }
        for (data, attachment, filename) in uploads {
            let response = try await attach(data, kind: attachment, filename: filename, to: draft.id, as: caller)
            #expect(response.status == .created, "\(response.text)", sourceLocation: sourceLocation)
        }
        return try await take([.submit], on: draft.id, as: caller, sourceLocation: sourceLocation)
    }

    /// The Prometheus text of `/metrics`, which needs no token.
    func metrics() async throws -> String {
        let response = try await get("/metrics", as: nil)
        #expect(response.status == .ok, "\(response.text)")
        return response.text
    }
}
