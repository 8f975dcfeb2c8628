import Foundation
import GRDB
import Synchronization
import WaiwangAPI
import WaiwangCore

/// The registry's SQLite store: one file in WAL mode (or memory for tests), migrated on open.
///
/// Every write runs in one transaction with its audit entries; a refused write leaves nothing behind.
public final class RegistryStore: Sendable {
    let writer: any DatabaseWriter
    /// The administrative tree the store was seeded with.
    public let tree: DivisionTree
    let normalizer: OfficeAddressNormalizer
    let now: @Sendable () -> Date
    let attribution = Mutex<AttributionIndex?>(nil)
    /// The working-day calendar of application deadlines; nil when none is configured.
    public let calendar: WorkingDayCalendar?
    public let policy: ApplicationPolicy
    let attachments: AttachmentStore
    /// How hub agents are enrolled, assigned and judged stale (`Config/agents.json`).
    public let agentPolicy: AgentPolicy
    /// Wakes the long polls of agents when a command is queued for them.
    let commandSignal = AgentCommandSignal()
    /// How alerts become incidents and orders (`Config/severity.json`, `Config/isolation.json`).
    public let incidentPolicy: IncidentPolicy
    /// Moves when an ingest stored alerts, so the incident service folds them at once.
    let alertSignal = AgentCommandSignal()
    /// The escalation hook's storage (see `onEscalation`).
    let escalationHook = Mutex<EscalationHook?>(nil)
    /// When the bulk agent rows (samples, heartbeats, idempotency keys) were last pruned.
    let lastAgentPruning = Mutex<Date?>(nil)
    /// A temporary attachments folder this store made for itself, removed with the store.
    private let temporaryAttachments: String?

    /// Opens (creating and migrating if needed) the database at `path`, or an in-memory one when `path` is nil,
    /// and brings the divisions and hubs in line with `tree`.
    /// - Parameter attachmentsDirectory: where application attachments go; by default `attachments/` beside the
    ///   database, or a fresh temporary folder for an in-memory store.
    public init(
        path: String?, tree: DivisionTree, calendar: WorkingDayCalendar? = nil,
        policy: ApplicationPolicy = ApplicationPolicy(), attachmentsDirectory: String? = nil,
        agentPolicy: AgentPolicy = AgentPolicy(), incidentPolicy: IncidentPolicy = IncidentPolicy(),
        now: @escaping @Sendable () -> Date = { Date() }
    ) throws {
        try tree.validate()
        try incidentPolicy.validate()
        self.incidentPolicy = incidentPolicy
        try policy.validate()
        try agentPolicy.validate()
        self.agentPolicy = agentPolicy
        self.calendar = calendar
        self.policy = policy
        let beside = path.map {
            (($0 as NSString).deletingLastPathComponent as NSString).appendingPathComponent("attachments")
        }
        temporaryAttachments =
            attachmentsDirectory == nil && beside == nil
            ? (NSTemporaryDirectory() as NSString).appendingPathComponent("waiwang-attachments-\(UUID().uuidString)")
            : nil
        attachments = try AttachmentStore(directory: attachmentsDirectory ?? beside ?? temporaryAttachments!)
        var configuration = Configuration()
        configuration.foreignKeysEnabled = true
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        if let path {
            writer = try DatabasePool(path: path, configuration: configuration)
        } else {
            writer = try DatabaseQueue(configuration: configuration)
        }
        self.tree = tree
        self.normalizer = OfficeAddressNormalizer(tree: tree)
        self.now = now
        try RegistrySchema.migrator.migrate(writer)
        try seed()
    }

    deinit {
        if let temporaryAttachments { try? FileManager.default.removeItem(atPath: temporaryAttachments) }
    }

    /// Inserts divisions and hubs that are new in the tree and renames changed ones; never deletes.
    private func seed() throws {
        try writer.write { db in
            for division in tree.divisions {
                try db.cachedStatement(
                    sql: """
                        INSERT INTO division (code, name, level, parentCode) VALUES (?, ?, ?, ?)
                        ON CONFLICT(code) DO UPDATE SET name = excluded.name, level = excluded.level,
                            parentCode = excluded.parentCode
                        """
                ).execute(arguments: [division.code, division.name, division.level.rawValue, division.parentCode])
            }
            for hub in tree.hubs {
                try db.cachedStatement(
                    sql: """
                        INSERT INTO hub (code, name, divisionCode) VALUES (?, ?, ?)
                        ON CONFLICT(code) DO UPDATE SET name = excluded.name
                        """
                ).execute(arguments: [hub.code, hub.name, hub.divisionCode])
            }
        }
    }

    /// The timestamp format of every stored time: ISO 8601 in UTC with milliseconds.
    func timestamp() -> String {
        now().formatted(
            .iso8601.year().month().day().dateSeparator(.dash).time(includingFractionalSeconds: true)
                .timeSeparator(.colon).timeZone(separator: .omitted))
    }

    /// Divisions with their hubs.
    public func divisions() async throws -> [DivisionView] {
        try await writer.read { db in
            try Row.fetchAll(
                db.cachedStatement(
                    sql: """
                        SELECT d.code, d.name, d.level, d.parentCode, h.code AS hubCode, h.name AS hubName
                        FROM division d JOIN hub h ON h.divisionCode = d.code ORDER BY d.code
                        """)
            ).map {
                DivisionView(
                    code: $0["code"], name: $0["name"], level: DivisionLevel(rawValue: $0["level"]) ?? .county,
                    parentCode: $0["parentCode"], hubCode: $0["hubCode"], hubName: $0["hubName"])
            }
        }
    }

    /// Counts for the health check.
    public func unitCount() async throws -> Int {
        try await writer.read { db in try UnitRecord.fetchCount(db) }
    }

    func division(_ code: String, in db: Database, field: String) throws -> AdministrativeDivision {
        guard
            let row = try Row.fetchOne(
                db.cachedStatement(sql: "SELECT * FROM division WHERE code = ?"), arguments: [code])
        else {
            let known = tree.divisions.map { "\($0.code) \($0.name)" }.joined(separator: ", ")
            throw RegistryError.invalid(field, rule: "known-division", "unknown division \"\(code)\"; known: \(known)")
        }
        return AdministrativeDivision(
            code: row["code"], name: row["name"],
            level: DivisionLevel(rawValue: row["level"]) ?? .county,
            parentCode: row["parentCode"])
    }

    /// Resolves a division given by code or by name (区县 names as inventories write them).
    func divisionCode(parsing text: String) -> String {
        let trimmed = text.trimmingBlanks()
        if let match = tree.divisions.first(where: { $0.name == trimmed || $0.code == trimmed }) { return match.code }
        return trimmed
    }
}
