import GRDB

/// The tables of the agent's outbox database (`outbox.sqlite` in the state directory).
///
/// `observation` holds what is not yet acknowledged, in the order it was written (`seq`); triggers keep
/// `meta.depth` equal to its row count inside the same transaction, so a crash never leaves them apart.
/// `meta` also holds the sequence behind idempotency keys, the outbox's random epoch and the drop counters.
/// `command` is the journal that makes a command id run at most once.
enum OutboxSchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1") { db in
            try db.execute(
                sql: """
                    CREATE TABLE meta (name TEXT PRIMARY KEY, value TEXT NOT NULL);
                    CREATE TABLE observation (
                        seq INTEGER PRIMARY KEY,
                        key TEXT NOT NULL UNIQUE,
                        kind TEXT NOT NULL,
                        priority INTEGER NOT NULL,
                        body BLOB NOT NULL
                    );
                    CREATE INDEX observation_send_order ON observation(priority DESC, seq);
                    CREATE INDEX observation_kind ON observation(kind, seq);
                    CREATE TRIGGER observation_depth_up AFTER INSERT ON observation
                        BEGIN UPDATE meta SET value = CAST(value AS INTEGER) + 1 WHERE name = 'depth'; END;
                    CREATE TRIGGER observation_depth_down AFTER DELETE ON observation
                        BEGIN UPDATE meta SET value = CAST(value AS INTEGER) - 1 WHERE name = 'depth'; END;
                    CREATE TABLE rejected (
                        key TEXT PRIMARY KEY, kind TEXT NOT NULL, body BLOB NOT NULL, reason TEXT NOT NULL,
                        rejectedAt TEXT NOT NULL
                    );
                    CREATE TABLE command (
                        id TEXT PRIMARY KEY,
                        body BLOB NOT NULL,
                        state TEXT NOT NULL CHECK (state IN ('started', 'finished', 'reported')),
                        result BLOB,
                        startedAt TEXT NOT NULL
                    );
                    INSERT INTO meta (name, value) VALUES
                        ('depth', '0'), ('sequence', '0'), ('epoch', lower(hex(randomblob(6)))),
                        ('dropped.link_sample', '0'), ('dropped.trap', '0'), ('dropped.heartbeat', '0');
                    """)
        }
        return migrator
    }
}
