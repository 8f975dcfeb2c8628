import Foundation
import GRDB
import WaiwangAPI

/// The agent's durable outbox: every observation is written here first, sent in batches, and deleted only when the
/// registry's ``ObservationAck`` lists its key.
///
/// SQLite in WAL mode. A health change or an alert commits with `synchronous = FULL` (on disk before `enqueue`
/// returns, so a power cut cannot take it); samples, traps and heartbeats commit with `NORMAL` (safe against a
/// crashed or killed agent; a power cut can lose the last few, which the next poll replaces). Keys are
/// `PREFIX-EPOCH-SEQ`: the agent id, a random epoch made with the database (so a recreated outbox never reuses a
/// key the registry holds) and a persisted sequence. Bounded by `capacity`: when full, the oldest link samples go
/// first, then the oldest heartbeats and traps; health changes and alerts are never dropped (the outbox grows past
/// its bound for them). Drops are counted in the database and reported in the heartbeat; `meta` also counts what
/// was written per kind (`written.KIND`) and heartbeats superseded by newer ones, for the end-to-end figures.
public final class Outbox: Sendable {
    /// The database file.
    public let path: String
    /// Observations kept at most (health changes and alerts may exceed it, nothing else).
    public let capacity: Int
    /// The first part of every key, e.g. `a7` for agent 7.
    public let keyPrefix: String
    let database: DatabaseQueue
    private let epoch: String

    /// Kinds dropped when the outbox is full, first to last.
    static let evictionOrder: [ObservationKind] = [.linkSample, .heartbeat, .trap]

    /// Opens (or creates) the outbox at `path`.
    public init(path: String, capacity: Int, keyPrefix: String) throws {
        self.path = path
        self.capacity = max(1, capacity)
        self.keyPrefix = keyPrefix
        var configuration = Configuration()
        configuration.journalMode = .wal
        configuration.busyMode = .timeout(10)
        configuration.prepareDatabase { db in
            try db.execute(sql: "PRAGMA synchronous = NORMAL")
        }
        do {
            database = try DatabaseQueue(path: path, configuration: configuration)
            try OutboxSchema.migrator.migrate(database)
            epoch =
                try database.read { db in try String.fetchOne(db, sql: "SELECT value FROM meta WHERE name = 'epoch'") }
                ?? "0"
        } catch {
            throw OutboxError(path: path, message: "\(error)")
        }
    }

    /// What ``enqueue(_:observedAt:)`` did.
    public struct Enqueued: Sendable, Equatable {
        /// The stored observation; nil when the outbox was full of things that may not be dropped and this one may.
        public var observation: Observation?
        /// Older observations dropped to make room.
        public var evicted: Int
    }

    /// Writes one observation durably and returns it with its key.
    @discardableResult
    public func enqueue(_ payload: ObservationPayload, observedAt: Date = Date()) throws -> Enqueued {
        let kind = payload.kind
        let time = Timestamp.rfc3339(observedAt)
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        let capacity = capacity
        let prefix = keyPrefix
        let epoch = epoch
        return try database.writeWithoutTransaction { db in
            try db.execute(sql: kind.isPriority ? "PRAGMA synchronous = FULL" : "PRAGMA synchronous = NORMAL")
            var result = Enqueued(observation: nil, evicted: 0)
            try db.inTransaction {
                if kind == .heartbeat {
                    // A newer heartbeat supersedes unsent ones: it carries the same counters, up to date.
                    try db.execute(sql: "DELETE FROM observation WHERE kind = ?", arguments: [kind.rawValue])
                    try Self.addMeta(db, "superseded.heartbeat", db.changesCount)
                }
                var excess = try Self.meta(db, "depth") - capacity + 1
                for victim in Self.evictionOrder where excess > 0 {
                    let seqs = try Int64.fetchAll(
                        db, sql: "SELECT seq FROM observation WHERE kind = ? ORDER BY seq LIMIT ?",
                        arguments: [victim.rawValue, excess])
                    guard !seqs.isEmpty else { continue }
                    try db.execute(
                        sql: "DELETE FROM observation WHERE seq IN (\(seqs.map { _ in "?" }.joined(separator: ",")))",
                        arguments: StatementArguments(seqs))
                    try Self.addMeta(db, "dropped.\(victim.rawValue)", seqs.count)
                    excess -= seqs.count
                    result.evicted += seqs.count
                }
                if excess > 0 && !kind.isPriority {
                    try Self.addMeta(db, "dropped.\(kind.rawValue)", 1)
                    return .commit
                }
                let seq = try Self.meta(db, "sequence") + 1
                try db.execute(sql: "UPDATE meta SET value = ? WHERE name = 'sequence'", arguments: [String(seq)])
                let observation = payload.observation(key: "\(prefix)-\(epoch)-\(seq)", observedAt: time)
                try db.execute(
                    sql: "INSERT INTO observation (seq, key, kind, priority, body) VALUES (?, ?, ?, ?, ?)",
                    arguments: [
                        seq, observation.key, kind.rawValue, kind.isPriority ? 1 : 0, try encoder.encode(observation),
                    ])
                try Self.addMeta(db, "written.\(kind.rawValue)", 1)
                result.observation = observation
                return .commit
            }
            return result
        }
    }

    /// Up to `limit` observations in sending order: health changes and alerts first, then the rest, oldest first.
    public func nextBatch(limit: Int) throws -> [Observation] {
        let rows = try database.read { db in
            try Row.fetchAll(
                db, sql: "SELECT key, body FROM observation ORDER BY priority DESC, seq LIMIT ?", arguments: [limit])
        }
        let decoder = JSONDecoder()
        var batch: [Observation] = []
        for row in rows {
            let body: Data = row["body"]
            if let observation = try? decoder.decode(Observation.self, from: body) {
                batch.append(observation)
            } else {
                try reject(key: row["key"], reason: "the stored observation does not decode")
            }
        }
        return batch
    }

    /// Deletes the observations whose keys the registry acknowledged; returns how many were deleted.
    @discardableResult
    public func acknowledge(_ keys: [String]) throws -> Int {
        guard !keys.isEmpty else { return 0 }
        return try database.write { db in
            var deleted = 0
            for chunk in stride(from: 0, to: keys.count, by: 500).map({ keys[$0..<min($0 + 500, keys.count)] }) {
                try db.execute(
                    sql: "DELETE FROM observation WHERE key IN (\(chunk.map { _ in "?" }.joined(separator: ",")))",
                    arguments: StatementArguments(Array(chunk)))
                deleted += db.changesCount
            }
            return deleted
        }
    }

    /// Moves one observation the registry refuses as invalid out of the queue, so it cannot block the rest.
    public func reject(key: String, reason: String) throws {
        try database.write { db in
            try db.execute(
                sql: """
                    INSERT OR REPLACE INTO rejected (key, kind, body, reason, rejectedAt)
                    SELECT key, kind, body, ?, ? FROM observation WHERE key = ?
                    """, arguments: [reason, Timestamp.rfc3339(), key])
            try db.execute(sql: "DELETE FROM observation WHERE key = ?", arguments: [key])
        }
    }

    /// Depth, drops and rejections.
    public func status() throws -> OutboxStatus {
        try database.read { db in
            var samples = 0
            var other = 0
            for row in try Row.fetchAll(db, sql: "SELECT name, value FROM meta WHERE name LIKE 'dropped.%'") {
                let name: String = row["name"]
                let value = Int(row["value"] as String) ?? 0
                if name == "dropped.\(ObservationKind.linkSample.rawValue)" { samples += value } else { other += value }
            }
            return OutboxStatus(
                depth: try Self.meta(db, "depth"),
                priorityDepth: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM observation WHERE priority = 1") ?? 0,
                droppedSamples: samples, droppedOther: other,
                rejected: try Int.fetchOne(db, sql: "SELECT COUNT(*) FROM rejected") ?? 0)
        }
    }

    /// Writes the WAL back into the database file and closes it: the end of a graceful stop.
    public func close() throws {
        try database.writeWithoutTransaction { db in _ = try db.checkpoint(.truncate) }
        try database.close()
    }

    static func meta(_ db: Database, _ name: String) throws -> Int {
        Int(try String.fetchOne(db, sql: "SELECT value FROM meta WHERE name = ?", arguments: [name]) ?? "0") ?? 0
    }

    static func addMeta(_ db: Database, _ name: String, _ amount: Int) throws {
        try db.execute(
            sql: """
                INSERT INTO meta (name, value) VALUES (?, ?)
                ON CONFLICT(name) DO UPDATE SET value = CAST(value AS INTEGER) + ?
                """, arguments: [name, String(amount), amount])
    }
}
