import GRDB

extension RegistrySchema {
    /// v5: the journal of escalation reports (article 21(4)): one row per report, channel and address, with
    /// every attempt kept and the recipient's acknowledgement.
    ///
    /// `idempotencyKey` (`incidentId/stage/authority/channel/address`) makes a repeated escalation a no-op.
    /// `nextAttemptAt` is when the dispatcher tries next; NULL while the row is settled or its channel is not
    /// configured (then `lastError` says what to configure). The rendered message is stored, so a restart
    /// sends exactly what was journaled.
    static func createDeliveryTables(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE delivery (
                    id INTEGER PRIMARY KEY,
                    idempotencyKey TEXT NOT NULL UNIQUE,
                    incidentId TEXT NOT NULL,
                    stage TEXT NOT NULL CHECK (stage IN ('initial', 'summary')),
                    authority TEXT NOT NULL CHECK (authority IN ('superior', 'cyberspace', 'police')),
                    recipient TEXT NOT NULL,
                    channel TEXT NOT NULL CHECK (channel IN ('mail', 'webhook', 'none')),
                    address TEXT NOT NULL,
                    subject TEXT NOT NULL,
                    body TEXT NOT NULL,
                    attachmentName TEXT,
                    attachment TEXT,
                    rule TEXT NOT NULL,
                    reason TEXT NOT NULL,
                    deadline TEXT NOT NULL,
                    state TEXT NOT NULL CHECK (state IN ('pending', 'sent', 'retrying', 'failed')),
                    nextAttemptAt TEXT,
                    lastError TEXT,
                    createdAt TEXT NOT NULL,
                    firstAttemptAt TEXT,
                    sentAt TEXT,
                    overdueNotedAt TEXT,
                    acknowledgedAt TEXT,
                    acknowledgedBy TEXT,
                    note TEXT
                );
                CREATE INDEX delivery_incidentId ON delivery(incidentId);
                CREATE INDEX delivery_due ON delivery(state, nextAttemptAt);
                CREATE TABLE deliveryAttempt (
                    deliveryId INTEGER NOT NULL REFERENCES delivery(id),
                    number INTEGER NOT NULL,
                    at TEXT NOT NULL,
                    outcome TEXT NOT NULL CHECK (outcome IN ('delivered', 'retryable', 'rejected')),
                    error TEXT,
                    PRIMARY KEY (deliveryId, number)
                );
                """)
    }
}
