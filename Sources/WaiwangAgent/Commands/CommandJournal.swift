import Foundation
import GRDB
import WaiwangAPI

/// The record that makes a command id run at most once, kept in the outbox database with `synchronous = FULL`.
///
/// `started` is on disk before the SET is sent, `finished` (with the result) after it, `reported` once the
/// registry took the result. A command found `started` after a restart was interrupted mid-execution: it is
/// never run again, only reported as failed with its port state unknown.
public struct CommandJournal: Sendable {
    let database: DatabaseQueue

    /// The journal in `outbox`'s database.
    public init(_ outbox: Outbox) {
        database = outbox.database
    }

    /// Whether a command is new (and now recorded as started) or was seen before.
    public enum Admission: Sendable, Equatable {
        /// Never seen: recorded as started; execute it now.
        case execute
        /// Seen before: never execute it again; its result (if any) is reported from the journal.
        case seen(state: String)
    }

    /// Records `command` as started unless its id is already in the journal.
    public func admit(_ command: AgentCommand) throws -> Admission {
        let body = try JSONEncoder().encode(command)
        return try database.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            defer { try? db.execute(sql: "PRAGMA synchronous = NORMAL") }
            var admission = Admission.execute
            try db.inTransaction {
                if let state = try String.fetchOne(
                    db, sql: "SELECT state FROM command WHERE id = ?", arguments: [command.id])
                {
                    admission = .seen(state: state)
                } else {
                    try db.execute(
                        sql: "INSERT INTO command (id, body, state, startedAt) VALUES (?, ?, 'started', ?)",
                        arguments: [command.id, body, Timestamp.rfc3339()])
                }
                return .commit
            }
            return admission
        }
    }

    /// Records the result of a started command.
    public func finish(_ result: AgentCommandResult) throws {
        let body = try JSONEncoder().encode(result)
        try database.writeWithoutTransaction { db in
            try db.execute(sql: "PRAGMA synchronous = FULL")
            defer { try? db.execute(sql: "PRAGMA synchronous = NORMAL") }
            try db.execute(
                sql: "UPDATE command SET state = 'finished', result = ? WHERE id = ? AND state = 'started'",
                arguments: [body, result.id])
        }
    }

    /// Records that the registry took the result.
    public func markReported(_ id: String) throws {
        try database.write { db in
            try db.execute(sql: "UPDATE command SET state = 'reported' WHERE id = ?", arguments: [id])
        }
    }

    /// Turns every command still `started` (the agent stopped while executing it) into a failed result with the
    /// port state unknown. Call once at start, before taking new commands.
    @discardableResult
    public func recoverInterrupted(now: Date = Date()) throws -> [AgentCommandResult] {
        let ids = try database.read { db in
            try String.fetchAll(db, sql: "SELECT id FROM command WHERE state = 'started' ORDER BY startedAt")
        }
        let results = ids.map { id in
            AgentCommandResult(
                id: id, outcome: .failed, adminStatus: nil, operStatus: nil,
                message: "the agent stopped while executing this command; the port's state is unknown and the "
                    + "command was not executed again: read the port and re-issue the command if needed",
                finishedAt: Timestamp.rfc3339(now))
        }
        for result in results { try finish(result) }
        return results
    }

    /// Results recorded but not yet taken by the registry, oldest first.
    public func unreportedResults() throws -> [AgentCommandResult] {
        let bodies = try database.read { db in
            try Data.fetchAll(
                db, sql: "SELECT result FROM command WHERE state = 'finished' AND result IS NOT NULL ORDER BY startedAt"
            )
        }
        return bodies.compactMap { try? JSONDecoder().decode(AgentCommandResult.self, from: $0) }
    }

    /// The state of a command id (`started`, `finished`, `reported`), nil if never seen.
    public func state(of id: String) throws -> String? {
        try database.read { db in
            try String.fetchOne(db, sql: "SELECT state FROM command WHERE id = ?", arguments: [id])
        }
    }
}

extension CommandJournal {
    /// The journaled result of a command, nil if it has none yet.
    public func result(of id: String) throws -> AgentCommandResult? {
        let body = try database.read { db in
            try Data.fetchOne(db, sql: "SELECT result FROM command WHERE id = ?", arguments: [id])
        }
        return body.flatMap { try? JSONDecoder().decode(AgentCommandResult.self, from: $0) }
    }
}
