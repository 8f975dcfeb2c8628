import GRDB

extension RegistrySchema {
    /// v4: incidents folded from the agents' alerts, isolation orders, and the port commands each order queued.
    ///
    /// Every alert row the ingest writes or moves forward leaves a line in `incidentAlertFeed` (by trigger, in the
    /// ingest's own transaction); the incident service reads the feed by its rowid past a persisted cursor, so a
    /// restart neither loses an alert nor folds one twice, and the ingest code is not touched. An order's port keeps
    /// its link id without a foreign key: the order is a record, and outlives a link removed after it closed.
    static func createIncidentTables(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE incident (
                    id TEXT PRIMARY KEY NOT NULL,
                    serial INTEGER NOT NULL UNIQUE,
                    subject TEXT NOT NULL,
                    unitId INTEGER REFERENCES unit(id),
                    divisionCode TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    grade TEXT NOT NULL,
                    state TEXT NOT NULL CHECK (state IN ('open', 'closed')),
                    firstSeen TEXT NOT NULL,
                    lastSeen TEXT NOT NULL,
                    createdAt TEXT NOT NULL,
                    updatedAt TEXT NOT NULL,
                    value TEXT NOT NULL
                );
                CREATE INDEX incident_state_lastSeen ON incident(state, lastSeen);
                CREATE INDEX incident_subject_kind ON incident(subject, kind, state);
                CREATE INDEX incident_unitId ON incident(unitId);
                CREATE INDEX incident_divisionCode ON incident(divisionCode);
                CREATE TABLE incidentAlert (
                    alertId TEXT PRIMARY KEY NOT NULL,
                    agentId INTEGER NOT NULL REFERENCES agent(id),
                    incidentId TEXT NOT NULL REFERENCES incident(id)
                );
                CREATE INDEX incidentAlert_incidentId ON incidentAlert(incidentId);
                CREATE TABLE isolationOrder (
                    id TEXT PRIMARY KEY NOT NULL,
                    serial INTEGER NOT NULL UNIQUE,
                    incidentId TEXT REFERENCES incident(id),
                    unitId INTEGER NOT NULL REFERENCES unit(id),
                    divisionCode TEXT NOT NULL,
                    state TEXT NOT NULL,
                    createdAt TEXT NOT NULL,
                    updatedAt TEXT NOT NULL,
                    value TEXT NOT NULL
                );
                CREATE INDEX isolationOrder_state ON isolationOrder(state);
                CREATE INDEX isolationOrder_incidentId ON isolationOrder(incidentId);
                CREATE INDEX isolationOrder_unitId ON isolationOrder(unitId);
                CREATE TABLE isolationOrderPort (
                    orderId TEXT NOT NULL REFERENCES isolationOrder(id),
                    linkId INTEGER NOT NULL,
                    device TEXT NOT NULL,
                    ifName TEXT NOT NULL,
                    PRIMARY KEY (orderId, linkId)
                );
                CREATE INDEX isolationOrderPort_linkId ON isolationOrderPort(linkId);
                CREATE TABLE isolationCommand (
                    commandId TEXT PRIMARY KEY NOT NULL REFERENCES agentCommand(id),
                    orderId TEXT NOT NULL REFERENCES isolationOrder(id),
                    direction TEXT NOT NULL CHECK (direction IN ('down', 'up')),
                    device TEXT NOT NULL,
                    ifName TEXT NOT NULL
                );
                CREATE INDEX isolationCommand_orderId ON isolationCommand(orderId);
                CREATE TABLE incidentAlertFeed (
                    seq INTEGER PRIMARY KEY AUTOINCREMENT,
                    agentId INTEGER NOT NULL,
                    alertId TEXT NOT NULL
                );
                CREATE TABLE incidentCursor (
                    name TEXT PRIMARY KEY NOT NULL,
                    seq INTEGER NOT NULL
                );
                CREATE TRIGGER agentAlert_feed_insert AFTER INSERT ON agentAlert
                BEGIN INSERT INTO incidentAlertFeed (agentId, alertId) VALUES (NEW.agentId, NEW.alertId); END;
                CREATE TRIGGER agentAlert_feed_update AFTER UPDATE ON agentAlert
                BEGIN INSERT INTO incidentAlertFeed (agentId, alertId) VALUES (NEW.agentId, NEW.alertId); END;
                INSERT INTO incidentAlertFeed (agentId, alertId) SELECT agentId, alertId FROM agentAlert ORDER BY rowid;
                """)
    }
}
