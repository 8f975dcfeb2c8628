import Foundation
import GRDB
import WaiwangAPI
import WaiwangCore

extension RegistryStore {
    /// Queues a port command for an enrolled agent (admin or security; the isolation workflow calls this) and wakes
    /// the agent's long poll. The device must be one of the agent's hub.
    public func queueAgentCommand(_ input: AgentCommandCreate, agentId: Int64, as principal: Principal) async throws
        -> AgentCommandView
    {
        guard principal.role == .admin || principal.role == .security else {
            throw RegistryError.forbidden("only admin or security queue commands for agents")
        }
        let device = try FieldRules.required(input.device, field: "device", label: "设备名称 (device)")
        let ifName = try FieldRules.required(input.ifName, field: "ifName", label: "端口 (ifName)")
        guard (1...600).contains(input.deadlineSeconds) else {
            throw RegistryError.invalid("deadlineSeconds", rule: "command-deadline", "deadlineSeconds must be 1–600")
        }
        let view = try await writer.write { db in
            let agent = try resolveAgent(agentId, in: db, as: principal)
            guard (agent["enrolledAt"] as String?) != nil else {
                throw RegistryError.conflict(
                    "agent", rule: "agent-enrolled",
                    "agent \(agentId) has not enrolled yet; nothing would run the command")
            }
            let hub: String = agent["hubCode"]
            guard
                try Bool.fetchOne(
                    db, sql: "SELECT 1 FROM hubDevice WHERE name = ? AND hubCode = ?", arguments: [device, hub]) != nil
            else {
                throw RegistryError.invalid(
                    "device", rule: "agent-hub",
                    "\"\(device)\" is not a device of hub \(hub), where agent \(agentId) is")
            }
            return try insertAgentCommand(
                input.kind, device: device, ifName: ifName, deadlineSeconds: input.deadlineSeconds,
                agentId: agentId, by: principal, in: db)
        }
        commandSignal.notify(agentId)
        return view
    }

    /// Stores a queued command for `agentId` and audits it (`command.queue`), in the caller's transaction; the
    /// caller wakes the agent after commit.
    func insertAgentCommand(
        _ kind: AgentCommandKind, device: String, ifName: String, deadlineSeconds: Int, agentId: Int64,
        by principal: Principal, in db: Database
    ) throws -> AgentCommandView {
        let command = AgentCommand(
            id: UUID().uuidString.lowercased(), kind: kind, device: device, ifName: ifName, issuedAt: timestamp(),
            deadlineSeconds: deadlineSeconds)
        try db.execute(
            sql: """
                INSERT INTO agentCommand (id, agentId, kind, device, ifName, deadlineSeconds, issuedAt, issuedBy)
                VALUES (?, ?, ?, ?, ?, ?, ?, ?)
                """,
            arguments: [
                command.id, agentId, kind.rawValue, device, ifName, deadlineSeconds, command.issuedAt, principal.name,
            ])
        let view = AgentCommandView(
            agentId: agentId, command: command, status: .queued, issuedBy: principal.name, deliveredAt: nil,
            result: nil)
        try auditor(principal).append(
            db, action: "command.queue", entity: "agentCommand", entityId: command.id,
            before: Optional<AgentCommandView>.none, after: view)
        return view
    }

    /// The hub's agent that port commands go to: the enrolled one heard from last (nil when none is enrolled).
    func liveAgent(ofHub hubCode: String, in db: Database) throws -> Int64? {
        try Int64.fetchOne(
            db,
            sql: """
                SELECT id FROM agent WHERE hubCode = ? AND enrolledAt IS NOT NULL AND revokedAt IS NULL
                ORDER BY lastHeartbeatAt IS NULL, lastHeartbeatAt DESC, id DESC LIMIT 1
                """, arguments: [hubCode])
    }

    /// Queues `port.shutdown` or `port.restore` of a link's hub port for the hub's live agent (the enrolled one heard
    /// from last): what an isolation order or its restoration needs, by link id.
    public func queuePortCommand(
        _ kind: AgentCommandKind, link linkId: Int64, deadlineSeconds: Int = 30, as principal: Principal
    ) async throws -> AgentCommandView {
        let (agentId, device, port) = try await writer.read { db in
            let link = try resolveLink(linkId, in: db, as: principal)
            let hub = try hub(ofDevice: link.deviceId, in: db)
            guard let agentId = try liveAgent(ofHub: hub.code, in: db) else {
                throw RegistryError.conflict(
                    "link", rule: "agent-enrolled", "hub \(hub.code) has no enrolled agent to run the command")
            }
            let device =
                try String.fetchOne(
                    db, sql: "SELECT name FROM hubDevice WHERE id = ?", arguments: [link.deviceId]) ?? ""
            return (agentId, device, link.port)
        }
        return try await queueAgentCommand(
            AgentCommandCreate(kind: kind, device: device, ifName: port, deadlineSeconds: deadlineSeconds),
            agentId: agentId, as: principal)
    }

    /// The agent's commands without a result, oldest first; with `wait` above zero, waits up to that long for one
    /// to be queued (returning as soon as one is). A command is delivered again on every fetch until its result.
    ///
    /// A command queued in this process wakes the wait within about 50 ms; the database is also read again every
    /// second, so one queued by another process on the same database is found within a second.
    public func pendingAgentCommands(for agent: AgentIdentity, wait: Duration = .zero) async throws -> [AgentCommand] {
        let deadline = ContinuousClock.now + wait
        while true {
            let seen = commandSignal.generation(of: agent.id)
            let pending = try await takePendingCommands(agentId: agent.id)
            if !pending.isEmpty || ContinuousClock.now >= deadline { return pending }
            try await commandSignal.wait(
                for: agent.id, after: seen, until: min(deadline, ContinuousClock.now + .seconds(1)))
        }
    }

    private func takePendingCommands(agentId: Int64) async throws -> [AgentCommand] {
        // A read first: a waiting poll costs no write lock while nothing is pending.
        let pending = try await writer.read { db in
            try Bool.fetchOne(
                db.cachedStatement(sql: "SELECT 1 FROM agentCommand WHERE agentId = ? AND resultAt IS NULL LIMIT 1"),
                arguments: [agentId]) ?? false
        }
        guard pending else { return [] }
        return try await writer.write { db in
            let rows = try Row.fetchAll(
                db.cachedStatement(
                    sql: "SELECT * FROM agentCommand WHERE agentId = ? AND resultAt IS NULL ORDER BY issuedAt, id"),
                arguments: [agentId])
            guard !rows.isEmpty else { return [] }
            try db.execute(
                sql:
                    "UPDATE agentCommand SET deliveredAt = ? WHERE agentId = ? AND resultAt IS NULL AND deliveredAt IS NULL",
                arguments: [timestamp(), agentId])
            return rows.map(Self.command)
        }
    }

    /// Stores what the agent did with one of its commands, once: the same result again is accepted (a resend after
    /// a lost answer), a different one is a conflict.
    public func recordAgentCommandResult(_ result: AgentCommandResult, commandId: String, from agent: AgentIdentity)
        async throws -> AgentCommandView
    {
        guard result.id == commandId else {
            throw RegistryError.invalid(
                "id", rule: "command-id", "the result's id \(result.id) is not the command \(commandId)")
        }
        guard let finished = RFC3339.milliseconds(result.finishedAt) else {
            throw RegistryError.invalid(
                "finishedAt", rule: "observation-time", "\"\(result.finishedAt)\" is not an RFC 3339 time")
        }
        guard result.message.count <= 2000 else {
            throw RegistryError.invalid(
                "message", rule: "observation-value", "the message is longer than 2000 characters")
        }
        let finishedAt = RFC3339.string(milliseconds: finished)
        let (view, trigger) = try await writer.write { db -> (AgentCommandView, EscalationTrigger?) in
            guard
                let row = try Row.fetchOne(
                    db, sql: "SELECT * FROM agentCommand WHERE id = ? AND agentId = ?",
                    arguments: [commandId, agent.id])
            else { throw RegistryError.notFound("id", "no command \(commandId) for this agent") }
            if row["resultAt"] as String? != nil {
                let stored = Self.result(row)
                var given = result
                given.finishedAt = finishedAt
                guard stored == given else {
                    throw RegistryError.conflict(
                        "id", rule: "command-result-once",
                        "command \(commandId) already has a result (\(stored?.outcome.rawValue ?? "")); a command ends once"
                    )
                }
                return (Self.commandView(row), nil)
            }
            try db.execute(
                sql: """
                    UPDATE agentCommand SET outcome = ?, adminStatus = ?, operStatus = ?, message = ?, finishedAt = ?,
                        resultAt = ?, deliveredAt = COALESCE(deliveredAt, ?) WHERE id = ?
                    """,
                arguments: [
                    result.outcome.rawValue, result.adminStatus, result.operStatus, result.message, finishedAt,
                    timestamp(), timestamp(), commandId,
                ])
            let view = Self.commandView(
                try Row.fetchOne(db, sql: "SELECT * FROM agentCommand WHERE id = ?", arguments: [commandId])!)
            try auditor(agent.principal).append(
                db, action: "command.result", entity: "agentCommand", entityId: commandId,
                before: Self.commandView(row), after: view)
            // An isolation order's port: its outcome moves the order in the same transaction.
            return (view, try routePortResult(given(result, finishedAt), commandId: commandId, from: agent, in: db))
        }
        if let trigger { await escalate(trigger) }
        return view
    }

    private func given(_ result: AgentCommandResult, _ finishedAt: String) -> AgentCommandResult {
        var stored = result
        stored.finishedAt = finishedAt
        return stored
    }

    /// An agent's commands with their status, newest first.
    public func agentCommands(agentId: Int64, limit: Int = 200, as principal: Principal) async throws
        -> [AgentCommandView]
    {
        try await writer.read { db in
            _ = try resolveAgent(agentId, in: db, as: principal)
            return try Row.fetchAll(
                db, sql: "SELECT * FROM agentCommand WHERE agentId = ? ORDER BY issuedAt DESC, id LIMIT ?",
                arguments: [agentId, limit]
            ).map(Self.commandView)
        }
    }

    /// One command by id (for the isolation workflow to follow its outcome).
    public func agentCommand(_ id: String, as principal: Principal) async throws -> AgentCommandView {
        try await writer.read { db in
            guard let row = try Row.fetchOne(db, sql: "SELECT * FROM agentCommand WHERE id = ?", arguments: [id]) else {
                throw RegistryError.notFound("command", "no command \(id)")
            }
            _ = try resolveAgent(row["agentId"], in: db, as: principal)
            return Self.commandView(row)
        }
    }

    static func command(_ row: Row) -> AgentCommand {
        AgentCommand(
            id: row["id"], kind: AgentCommandKind(rawValue: row["kind"]) ?? .portShutdown, device: row["device"],
            ifName: row["ifName"], issuedAt: row["issuedAt"], deadlineSeconds: row["deadlineSeconds"])
    }

    static func result(_ row: Row) -> AgentCommandResult? {
        guard let outcome = (row["outcome"] as String?).flatMap(AgentCommandOutcome.init(rawValue:)) else { return nil }
        return AgentCommandResult(
            id: row["id"], outcome: outcome, adminStatus: row["adminStatus"], operStatus: row["operStatus"],
            message: row["message"] ?? "", finishedAt: row["finishedAt"] ?? "")
    }

    static func commandView(_ row: Row) -> AgentCommandView {
        let result = Self.result(row)
        let status: AgentCommandStatus =
            switch result?.outcome {
            case .confirmed: .confirmed
            case .failed: .failed
            case .timedOut: .timedOut
            case nil: (row["deliveredAt"] as String?) == nil ? .queued : .delivered
            }
        return AgentCommandView(
            agentId: row["agentId"], command: Self.command(row), status: status, issuedBy: row["issuedBy"],
            deliveredAt: row["deliveredAt"], result: result)
    }
}
