import GRDB

/// The registry's tables, created and evolved by numbered migrations.
enum RegistrySchema {
    static var migrator: DatabaseMigrator {
        var migrator = DatabaseMigrator()
        migrator.registerMigration("v1-registry-core") { db in
            try db.execute(
                sql: """
                    CREATE TABLE division (
                        code TEXT PRIMARY KEY NOT NULL,
                        name TEXT NOT NULL,
                        level TEXT NOT NULL CHECK (level IN ('city', 'county')),
                        parentCode TEXT REFERENCES division(code)
                    );
                    CREATE TABLE hub (
                        code TEXT PRIMARY KEY NOT NULL,
                        name TEXT NOT NULL,
                        divisionCode TEXT NOT NULL UNIQUE REFERENCES division(code)
                    );
                    CREATE TABLE snmpCredential (
                        name TEXT PRIMARY KEY NOT NULL,
                        version TEXT NOT NULL CHECK (version IN ('v1', 'v2c', 'v3')),
                        community TEXT,
                        user TEXT,
                        authProtocol TEXT,
                        authPassphrase TEXT,
                        privProtocol TEXT,
                        privPassphrase TEXT
                    );
                    CREATE TABLE hubDevice (
                        id INTEGER PRIMARY KEY,
                        hubCode TEXT NOT NULL REFERENCES hub(code),
                        name TEXT NOT NULL UNIQUE,
                        snmpAddress TEXT NOT NULL,
                        credentialName TEXT REFERENCES snmpCredential(name)
                    );
                    CREATE TABLE unit (
                        id INTEGER PRIMARY KEY,
                        name TEXT NOT NULL,
                        creditCode TEXT NOT NULL UNIQUE,
                        level TEXT NOT NULL,
                        divisionCode TEXT NOT NULL REFERENCES division(code),
                        officeAddress TEXT NOT NULL,
                        normalizedAddress TEXT NOT NULL,
                        contactName TEXT NOT NULL,
                        contactPhone TEXT NOT NULL,
                        commitmentLetterOnFile INTEGER NOT NULL,
                        state TEXT NOT NULL,
                        createdAt TEXT NOT NULL,
                        updatedAt TEXT NOT NULL
                    );
                    CREATE INDEX unit_normalizedAddress ON unit(normalizedAddress);
                    CREATE INDEX unit_divisionCode ON unit(divisionCode);
                    CREATE TABLE link (
                        id INTEGER PRIMARY KEY,
                        kind TEXT NOT NULL,
                        carrier TEXT NOT NULL,
                        bandwidthMbps INTEGER NOT NULL,
                        deviceId INTEGER NOT NULL REFERENCES hubDevice(id),
                        port TEXT NOT NULL,
                        backup INTEGER NOT NULL,
                        note TEXT NOT NULL,
                        normalizedAddress TEXT NOT NULL,
                        UNIQUE (deviceId, port)
                    );
                    CREATE INDEX link_normalizedAddress ON link(normalizedAddress);
                    CREATE TABLE linkUnit (
                        linkId INTEGER NOT NULL REFERENCES link(id) ON DELETE CASCADE,
                        unitId INTEGER NOT NULL REFERENCES unit(id),
                        PRIMARY KEY (linkId, unitId)
                    );
                    CREATE INDEX linkUnit_unitId ON linkUnit(unitId);
                    CREATE TABLE prefix (
                        id INTEGER PRIMARY KEY,
                        unitId INTEGER NOT NULL REFERENCES unit(id),
                        cidr TEXT NOT NULL UNIQUE,
                        family TEXT NOT NULL,
                        first BLOB NOT NULL,
                        last BLOB NOT NULL,
                        description TEXT NOT NULL
                    );
                    CREATE INDEX prefix_family_first ON prefix(family, first);
                    CREATE INDEX prefix_unitId ON prefix(unitId);
                    CREATE TABLE apiToken (
                        id INTEGER PRIMARY KEY,
                        name TEXT NOT NULL,
                        role TEXT NOT NULL,
                        divisionCode TEXT REFERENCES division(code),
                        tokenHash TEXT NOT NULL UNIQUE,
                        createdAt TEXT NOT NULL,
                        revokedAt TEXT
                    );
                    CREATE TABLE auditEntry (
                        seq INTEGER PRIMARY KEY,
                        at TEXT NOT NULL,
                        actor TEXT NOT NULL,
                        action TEXT NOT NULL,
                        entity TEXT NOT NULL,
                        entityId TEXT NOT NULL,
                        before TEXT NOT NULL,
                        after TEXT NOT NULL,
                        prevHash TEXT NOT NULL,
                        hash TEXT NOT NULL
                    );
                    CREATE TRIGGER auditEntry_append_only_update BEFORE UPDATE ON auditEntry
                    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                    CREATE TRIGGER auditEntry_append_only_delete BEFORE DELETE ON auditEntry
                    BEGIN SELECT RAISE(ABORT, 'the audit log is append-only'); END;
                    """)
        }
        migrator.registerMigration("v2-applications") { db in
            try db.execute(
                sql: """
                    CREATE TABLE application (
                        id INTEGER PRIMARY KEY,
                        number TEXT NOT NULL UNIQUE,
                        kind TEXT NOT NULL,
                        state TEXT NOT NULL,
                        divisionCode TEXT NOT NULL REFERENCES division(code),
                        unitId INTEGER REFERENCES unit(id),
                        form TEXT NOT NULL,
                        createdBy TEXT NOT NULL,
                        createdAt TEXT NOT NULL,
                        submittedAt TEXT,
                        submittedDate TEXT,
                        approvedDate TEXT,
                        decidedAt TEXT,
                        rejectionReasons TEXT
                    );
                    CREATE INDEX application_state ON application(state);
                    CREATE INDEX application_divisionCode ON application(divisionCode);
                    CREATE TABLE applicationAttachment (
                        id INTEGER PRIMARY KEY,
                        applicationId INTEGER NOT NULL REFERENCES application(id),
                        kind TEXT NOT NULL,
                        filename TEXT NOT NULL,
                        mediaType TEXT NOT NULL,
                        size INTEGER NOT NULL,
                        sha256 TEXT NOT NULL,
                        uploadedBy TEXT NOT NULL,
                        uploadedAt TEXT NOT NULL
                    );
                    CREATE INDEX applicationAttachment_applicationId ON applicationAttachment(applicationId);
                    CREATE TABLE applicationEvent (
                        id INTEGER PRIMARY KEY,
                        applicationId INTEGER NOT NULL REFERENCES application(id),
                        at TEXT NOT NULL,
                        actor TEXT NOT NULL,
                        action TEXT NOT NULL,
                        fromState TEXT NOT NULL,
                        toState TEXT NOT NULL,
                        note TEXT NOT NULL
                    );
                    CREATE INDEX applicationEvent_applicationId ON applicationEvent(applicationId);
                    CREATE TABLE notification (
                        id INTEGER PRIMARY KEY,
                        applicationId INTEGER NOT NULL REFERENCES application(id),
                        at TEXT NOT NULL,
                        recipient TEXT NOT NULL,
                        address TEXT NOT NULL,
                        subject TEXT NOT NULL,
                        body TEXT NOT NULL
                    );
                    CREATE INDEX notification_applicationId ON notification(applicationId);
                    """)
        }
        migrator.registerMigration("v3-agents", migrate: createAgentTables)
        migrator.registerMigration("v4-incidents-orders", migrate: createIncidentTables)
        migrator.registerMigration("v5-deliveries", migrate: createDeliveryTables)
        migrator.registerMigration("v6-agent-revocation", migrate: addAgentRevocation)
        return migrator
    }
}
