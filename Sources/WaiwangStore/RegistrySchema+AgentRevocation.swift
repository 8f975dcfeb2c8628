import GRDB

extension RegistrySchema {
    /// v6: an agent can be revoked (a stolen or retired probe host): when, by whom and why.
    static func addAgentRevocation(_ db: Database) throws {
        try db.execute(
            sql: """
                ALTER TABLE agent ADD COLUMN revokedAt TEXT;
                ALTER TABLE agent ADD COLUMN revokedBy TEXT;
                ALTER TABLE agent ADD COLUMN revokeReason TEXT;
                """)
    }
}
