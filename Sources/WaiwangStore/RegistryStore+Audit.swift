import Foundation
import GRDB
import WaiwangAPI
import WaiwangCore

/// Appends hash-chained entries to the audit log inside the caller's transaction.
struct AuditAppender {
    let actor: Principal
    let at: String
    private static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    func append(
        _ db: Database, action: String, entity: String, entityId: String,
        before: (some Encodable)?, after: (some Encodable)?
    ) throws {
        let beforeText = try before.map { String(decoding: try Self.encoder.encode($0), as: UTF8.self) } ?? ""
        let afterText = try after.map { String(decoding: try Self.encoder.encode($0), as: UTF8.self) } ?? ""
        let last = try Row.fetchOne(
            db.cachedStatement(sql: "SELECT seq, hash FROM auditEntry ORDER BY seq DESC LIMIT 1"))
        let seq: Int64 = (last?["seq"] ?? 0) + 1
        let prevHash: String = last?["hash"] ?? AuditChain.genesis
        let actorName = actor.role == .county ? "\(actor.name)@\(actor.divisionCode ?? "")" : actor.name
        let hash = AuditChain.hash(
            seq: seq, at: at, actor: actorName, action: action, entity: entity,
            entityId: entityId, before: beforeText, after: afterText, prevHash: prevHash)
        try db.cachedStatement(
            sql: """
                INSERT INTO auditEntry (seq, at, actor, action, entity, entityId, before, after, prevHash, hash)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
                """
        ).execute(arguments: [seq, at, actorName, action, entity, entityId, beforeText, afterText, prevHash, hash])
    }
}

extension RegistryStore {
    func auditor(_ principal: Principal) -> AuditAppender { AuditAppender(actor: principal, at: timestamp()) }

    /// Audit entries after `seq`, oldest first.
    public func auditEntries(after seq: Int64 = 0, limit: Int = 1000, entity: String? = nil) async throws
        -> [AuditEntryView]
    {
        try await writer.read { db in
            var sql = "SELECT * FROM auditEntry WHERE seq > ?"
            var arguments: StatementArguments = [seq]
            if let entity {
                sql += " AND entity = ?"
                arguments += [entity]
            }
            sql += " ORDER BY seq LIMIT ?"
            arguments += [limit]
            return try Row.fetchAll(db, sql: sql, arguments: arguments).map {
                AuditEntryView(
                    seq: $0["seq"], at: $0["at"], actor: $0["actor"], action: $0["action"],
                    entity: $0["entity"], entityId: $0["entityId"], before: $0["before"],
                    after: $0["after"], prevHash: $0["prevHash"], hash: $0["hash"])
            }
        }
    }
}
