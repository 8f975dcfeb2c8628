import GRDB

extension RegistrySchema {
    /// v3: hub agents, what they report and the commands queued for them.
    ///
    /// Lean by design: one row of latest state per link and per alert; health changes, traps and heartbeats
    /// as rows; link samples only as a bounded recent history (long history belongs to Prometheus).
    static func createAgentTables(_ db: Database) throws {
        try db.execute(
            sql: """
                CREATE TABLE agent (
                    id INTEGER PRIMARY KEY,
                    hubCode TEXT NOT NULL REFERENCES hub(code),
                    name TEXT NOT NULL,
                    ticketHash TEXT NOT NULL UNIQUE,
                    ticketExpiresAt TEXT NOT NULL,
                    createdAt TEXT NOT NULL,
                    createdBy TEXT NOT NULL,
                    enrolledAt TEXT,
                    hostname TEXT,
                    version TEXT,
                    credentialHash TEXT UNIQUE,
                    lastHeartbeatAt TEXT,
                    lastHeartbeatObservedAt TEXT,
                    assignmentVersion TEXT,
                    outboxDepth INTEGER,
                    droppedSamples INTEGER
                );
                CREATE INDEX agent_hubCode ON agent(hubCode);
                CREATE TABLE agentObservationKey (
                    agentId INTEGER NOT NULL REFERENCES agent(id),
                    key TEXT NOT NULL,
                    receivedAt TEXT NOT NULL,
                    PRIMARY KEY (agentId, key)
                ) WITHOUT ROWID;
                CREATE INDEX agentObservationKey_receivedAt ON agentObservationKey(receivedAt);
                CREATE TABLE linkState (
                    linkId INTEGER PRIMARY KEY REFERENCES link(id) ON DELETE CASCADE,
                    agentId INTEGER NOT NULL REFERENCES agent(id),
                    health TEXT NOT NULL,
                    since TEXT NOT NULL,
                    observedAt TEXT NOT NULL,
                    lastSampleAt TEXT,
                    inBitsPerSecond REAL,
                    outBitsPerSecond REAL,
                    inUtilisation REAL,
                    outUtilisation REAL,
                    errorsAndDiscardsPerSecond REAL
                );
                CREATE TABLE linkSample (
                    id INTEGER PRIMARY KEY,
                    linkId INTEGER NOT NULL REFERENCES link(id) ON DELETE CASCADE,
                    observedAt TEXT NOT NULL,
                    health TEXT NOT NULL,
                    inBitsPerSecond REAL,
                    outBitsPerSecond REAL,
                    inUtilisation REAL,
                    outUtilisation REAL,
                    errorsAndDiscardsPerSecond REAL
                );
                CREATE INDEX linkSample_linkId_observedAt ON linkSample(linkId, observedAt);
                CREATE INDEX linkSample_observedAt ON linkSample(observedAt);
                CREATE TABLE linkHealthChange (
                    id INTEGER PRIMARY KEY,
                    agentId INTEGER NOT NULL REFERENCES agent(id),
                    linkId INTEGER REFERENCES link(id) ON DELETE SET NULL,
                    device TEXT NOT NULL,
                    ifName TEXT NOT NULL,
                    fromHealth TEXT NOT NULL,
                    toHealth TEXT NOT NULL,
                    reason TEXT NOT NULL,
                    observedAt TEXT NOT NULL,
                    receivedAt TEXT NOT NULL
                );
                CREATE INDEX linkHealthChange_linkId ON linkHealthChange(linkId, observedAt);
                CREATE TABLE agentAlert (
                    agentId INTEGER NOT NULL REFERENCES agent(id),
                    alertId TEXT NOT NULL,
                    state TEXT NOT NULL,
                    kind TEXT NOT NULL,
                    attacker TEXT NOT NULL,
                    unitId INTEGER,
                    linkId INTEGER,
                    spoofedSource INTEGER NOT NULL,
                    targetCount INTEGER NOT NULL,
                    targetsSample TEXT NOT NULL,
                    ports TEXT NOT NULL,
                    firstSeen TEXT NOT NULL,
                    lastSeen TEXT NOT NULL,
                    packets INTEGER NOT NULL,
                    bytes INTEGER NOT NULL,
                    packetsPerSecond REAL NOT NULL,
                    evidenceSha256 TEXT,
                    observedAt TEXT NOT NULL,
                    receivedAt TEXT NOT NULL,
                    PRIMARY KEY (agentId, alertId)
                );
                CREATE INDEX agentAlert_lastSeen ON agentAlert(lastSeen);
                CREATE TABLE agentTrap (
                    id INTEGER PRIMARY KEY,
                    agentId INTEGER NOT NULL REFERENCES agent(id),
                    device TEXT NOT NULL,
                    trap TEXT NOT NULL,
                    ifIndex INTEGER,
                    ifName TEXT,
                    observedAt TEXT NOT NULL
                );
                CREATE TABLE agentHeartbeat (
                    id INTEGER PRIMARY KEY,
                    agentId INTEGER NOT NULL REFERENCES agent(id),
                    observedAt TEXT NOT NULL,
                    receivedAt TEXT NOT NULL,
                    version TEXT NOT NULL,
                    uptimeSeconds REAL NOT NULL,
                    assignmentVersion TEXT,
                    outboxDepth INTEGER NOT NULL,
                    droppedSamples INTEGER NOT NULL,
                    pollsCompleted INTEGER NOT NULL,
                    devicesUnreachable INTEGER NOT NULL,
                    capturePackets INTEGER NOT NULL,
                    captureDrops INTEGER NOT NULL
                );
                CREATE INDEX agentHeartbeat_agentId ON agentHeartbeat(agentId, receivedAt);
                CREATE TABLE agentCommand (
                    id TEXT PRIMARY KEY NOT NULL,
                    agentId INTEGER NOT NULL REFERENCES agent(id),
                    kind TEXT NOT NULL,
                    device TEXT NOT NULL,
                    ifName TEXT NOT NULL,
                    deadlineSeconds INTEGER NOT NULL,
                    issuedAt TEXT NOT NULL,
                    issuedBy TEXT NOT NULL,
                    deliveredAt TEXT,
                    outcome TEXT,
                    adminStatus TEXT,
                    operStatus TEXT,
                    message TEXT,
                    finishedAt TEXT,
                    resultAt TEXT
                );
                CREATE INDEX agentCommand_agentId ON agentCommand(agentId, resultAt);
                """)
    }
}
