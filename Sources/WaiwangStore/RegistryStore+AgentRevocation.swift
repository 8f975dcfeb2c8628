import Foundation
import GRDB
import WaiwangAPI
import WaiwangCore

extension RegistryStore {
    /// Revokes an agent (admin): its credential stops working at once (401 on its next call), its enrolment token
    /// if still unused can no longer be traded, and the agent list shows when, by whom and why. Commands still
    /// queued for it are left as they are, undelivered, for the record. A revoked agent stays revoked: a
    /// replacement probe is a new agent with a new token.
    public func revokeAgent(_ id: Int64, _ input: AgentRevocation, as principal: Principal) async throws -> AgentView {
        guard principal.role == .admin else { throw RegistryError.forbidden("only admin revokes hub agents") }
        let reason = try FieldRules.required(input.reason, field: "reason", label: "撤销原因 (reason)")
        return try await writer.write { db in
            let row = try resolveAgent(id, in: db, as: principal)
            let before = agentView(row: row)
            if let revoked = before.revokedAt {
                throw RegistryError.conflict(
                    "agent", rule: "revoke-once", "agent \(id) was revoked at \(revoked) by \(before.revokedBy ?? "?")")
            }
            let at = timestamp()
            if let credential: String = row["credentialHash"] {
                try db.execute(
                    sql: "UPDATE apiToken SET revokedAt = ? WHERE tokenHash = ? AND revokedAt IS NULL",
                    arguments: [at, credential])
            }
            try db.execute(
                sql: "UPDATE agent SET revokedAt = ?, revokedBy = ?, revokeReason = ? WHERE id = ?",
                arguments: [at, principal.name, reason, id])
            let after = agentView(row: try resolveAgent(id, in: db, as: principal))
            try auditor(principal).append(
                db, action: "agent.revoke", entity: "agent", entityId: String(id), before: before, after: after)
            return after
        }
    }
}
