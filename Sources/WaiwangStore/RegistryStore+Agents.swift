import Foundation
import GRDB
import WaiwangAPI
import WaiwangCore

extension RegistryStore {
    /// Makes an agent at a hub with a one-time enrolment token; only the token's SHA-256 is stored, so it is shown
    /// once, here. It works once, until `agentPolicy.enrollmentTicketHours` have passed.
    public func createAgent(_ input: AgentEnrollmentCreate, as principal: Principal) async throws
        -> AgentEnrollmentTicket
    {
        guard principal.role == .admin else { throw RegistryError.forbidden("only admin enrols hub agents") }
        let hubText = try FieldRules.required(input.hub, field: "hub", label: "汇聚节点 (hub)")
        let token = "wwe_" + Self.randomHex(bytes: 32)
        let expires = RFC3339.string(now().addingTimeInterval(TimeInterval(agentPolicy.enrollmentTicketHours * 3600)))
        return try await writer.write { db in
            let hub = try resolveHub(hubText, in: db)
            let name = input.name?.trimmingBlanks().nilIfEmpty ?? "\(hub.name)探针"
            let at = timestamp()
            try db.execute(
                sql: """
                    INSERT INTO agent (hubCode, name, ticketHash, ticketExpiresAt, createdAt, createdBy)
                    VALUES (?, ?, ?, ?, ?, ?)
                    """, arguments: [hub.code, name, Self.tokenHash(token), expires, at, principal.name])
            let id = db.lastInsertedRowID
            try auditor(principal).append(
                db, action: "agent.create", entity: "agent", entityId: String(id),
                before: Optional<AgentView>.none,
                after: AgentView(id: id, hub: hub.code, name: name, stale: true))
            return AgentEnrollmentTicket(agentId: id, hub: hub.code, token: token, expiresAt: expires)
        }
    }

    /// Trades a one-time enrolment token for the agent's own bearer secret (role agent, bound to the agent and its
    /// hub); only the secret's SHA-256 is stored. A used token is a conflict, an unknown or expired one unauthorized.
    public func enrollAgent(_ request: AgentEnrollRequest) async throws -> AgentCredential {
        let hostname = try FieldRules.required(request.hostname, field: "hostname", label: "hostname")
        let version = try FieldRules.required(request.version, field: "version", label: "agent version")
        let secret = "wwa_" + Self.randomHex(bytes: 32)
        return try await writer.write { db in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT * FROM agent WHERE ticketHash = ?", arguments: [Self.tokenHash(request.token)])
            else {
                throw RegistryError(
                    .unauthorized, field: "token", rule: "enrollment-token",
                    "the enrolment token is unknown; ask an admin for one (waiwangctl agents create --hub HUB)")
            }
            let id: Int64 = row["id"]
            let hub: String = row["hubCode"]
            if let revoked: String = row["revokedAt"] {
                throw RegistryError(
                    .unauthorized, field: "token", rule: "agent-revoked",
                    "agent \(id) was revoked at \(revoked); ask an admin to make a new agent (waiwangctl agents create)")
            }
            if let enrolled: String = row["enrolledAt"] {
                throw RegistryError.conflict(
                    "token", rule: "enrollment-once",
                    "this enrolment token was used at \(enrolled); a token works once — ask an admin for a new one")
            }
            let expires: String = row["ticketExpiresAt"]
            guard let deadline = RFC3339.milliseconds(expires), RFC3339.milliseconds(now()) < deadline else {
                throw RegistryError(
                    .unauthorized, field: "token", rule: "enrollment-expired",
                    "this enrolment token expired at \(expires); ask an admin for a new one")
            }
            let principal = Self.agentPrincipal(id: id, hub: hub)
            let at = timestamp()
            try db.execute(
                sql: """
                    INSERT INTO apiToken (name, role, divisionCode, tokenHash, createdAt) VALUES (?, 'agent', NULL, ?, ?)
                    """, arguments: [principal.name, Self.tokenHash(secret), at])
            try db.execute(
                sql: """
                    UPDATE agent SET enrolledAt = ?, hostname = ?, version = ?, credentialHash = ? WHERE id = ?
                    """, arguments: [at, hostname, version, Self.tokenHash(secret), id])
            let view = try agentView(row: Row.fetchOne(db, sql: "SELECT * FROM agent WHERE id = ?", arguments: [id])!)
            try auditor(principal).append(
                db, action: "agent.enroll", entity: "agent", entityId: String(id),
                before: Optional<AgentView>.none, after: view)
            return AgentCredential(agentId: id, hub: hub, secret: secret)
        }
    }

    /// The enrolled agent a bearer secret belongs to, or nil when it is not an agent's credential.
    public func enrolledAgent(forToken token: String) async throws -> AgentIdentity? {
        let hash = Self.tokenHash(token)
        return try await writer.read { db in
            guard
                let row = try Row.fetchOne(
                    db.cachedStatement(
                        sql: """
                            SELECT agent.id, agent.hubCode, hub.divisionCode FROM agent
                            JOIN hub ON hub.code = agent.hubCode
                            JOIN apiToken ON apiToken.tokenHash = agent.credentialHash AND apiToken.revokedAt IS NULL
                            WHERE agent.credentialHash = ?
                            """), arguments: [hash])
            else { return nil }
            let id: Int64 = row["id"]
            let hub: String = row["hubCode"]
            return AgentIdentity(
                id: id, hubCode: hub, divisionCode: row["divisionCode"],
                principal: Self.agentPrincipal(id: id, hub: hub))
        }
    }

    /// Agents with their last heartbeat and staleness; a county sees its own hub's agents only.
    public func listAgents(hub: String? = nil, as principal: Principal) async throws -> [AgentView] {
        try await writer.read { db in
            let conditions = hubConditions(hub, as: principal)
            return try Row.fetchAll(
                db,
                sql: """
                    SELECT agent.* FROM agent JOIN hub ON hub.code = agent.hubCode\(conditions.whereClause)
                    ORDER BY agent.id
                    """, arguments: conditions.arguments
            ).map(agentView)
        }
    }

    /// One agent, within the caller's scope.
    public func agent(_ id: Int64, as principal: Principal) async throws -> AgentView {
        try await writer.read { db in try agentView(row: resolveAgent(id, in: db, as: principal)) }
    }

    func resolveAgent(_ id: Int64, in db: Database, as principal: Principal) throws -> Row {
        guard
            let row = try Row.fetchOne(
                db,
                sql:
                    "SELECT agent.*, hub.divisionCode FROM agent JOIN hub ON hub.code = agent.hubCode WHERE agent.id = ?",
                arguments: [id]), principal.covers(division: row["divisionCode"])
        else { throw RegistryError.notFound("agent", "no agent \(id)") }
        return row
    }

    func agentView(row: Row) -> AgentView {
        let last: String? = row["lastHeartbeatAt"]
        return AgentView(
            id: row["id"], hub: row["hubCode"], name: row["name"], hostname: row["hostname"], version: row["version"],
            enrolledAt: row["enrolledAt"], lastHeartbeatAt: last, stale: isStale(lastHeartbeatAt: last),
            outboxDepth: row["outboxDepth"], droppedSamples: row["droppedSamples"], revokedAt: row["revokedAt"],
            revokedBy: row["revokedBy"], revokeReason: row["revokeReason"])
    }

    /// Silent for more than `staleAfterHeartbeats` intervals, or never heard from.
    func isStale(lastHeartbeatAt: String?) -> Bool {
        guard let last = lastHeartbeatAt, let millis = RFC3339.milliseconds(last) else { return true }
        return RFC3339.milliseconds(now()) - millis > Int64(agentPolicy.staleAfterSeconds) * 1000
    }

    func resolveHub(_ text: String, in db: Database) throws -> Hub {
        guard
            let row = try Row.fetchOne(
                db, sql: "SELECT * FROM hub WHERE code = ? OR divisionCode = ?",
                arguments: [text, divisionCode(parsing: text)])
        else {
            throw RegistryError.invalid(
                "hub", rule: "known-hub", "no hub \"\(text)\"; hubs: \(tree.hubs.map(\.code).joined(separator: ", "))")
        }
        return Hub(code: row["code"], name: row["name"], divisionCode: row["divisionCode"])
    }

    static func agentPrincipal(id: Int64, hub: String) -> Principal {
        Principal(name: "agent-\(id)-\(hub)", role: .agent)
    }
}

extension String {
    var nilIfEmpty: String? { isEmpty ? nil : self }
}
