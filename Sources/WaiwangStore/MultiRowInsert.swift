import GRDB

/// Inserts many rows of one table with multi-row `INSERT … VALUES (…), (…)` statements of up to `chunk` rows, so
/// a batch of thousands costs tens of statements, not thousands.
struct MultiRowInsert {
    let table: String
    let columns: [String]
    var chunk = 250

    func execute(_ rows: [[(any DatabaseValueConvertible)?]], in db: Database) throws {
        var start = 0
        while start < rows.count {
            let slice = rows[start..<min(start + chunk, rows.count)]
            let marks = "(" + SQLConditions.marks(columns.count) + ")"
            let sql =
                "INSERT INTO \(table) (\(columns.joined(separator: ", "))) VALUES "
                + Array(repeating: marks, count: slice.count).joined(separator: ", ")
            try db.cachedStatement(sql: sql).execute(arguments: StatementArguments(slice.flatMap { $0 }))
            start += chunk
        }
    }
}

extension RegistryStore {
    /// The keys among `keys` that the agent's earlier batches stored.
    func knownObservationKeys(_ keys: [String], agentId: Int64, in db: Database) throws -> Set<String> {
        var known = Set<String>()
        var start = 0
        while start < keys.count {
            let slice = Array(keys[start..<min(start + 500, keys.count)])
            let sql = """
                SELECT key FROM agentObservationKey WHERE agentId = ? AND key IN (\(SQLConditions.marks(slice.count)))
                """
            known.formUnion(
                try String.fetchAll(db.cachedStatement(sql: sql), arguments: [agentId] + StatementArguments(slice)))
            start += 500
        }
        return known
    }
}
