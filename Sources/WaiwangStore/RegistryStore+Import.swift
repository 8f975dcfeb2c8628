import GRDB
import WaiwangAPI
import WaiwangCore

/// One data row of an import: the input it parsed to, or why it could not be parsed.
public struct ImportRow<Input: Sendable>: Sendable {
    /// The line of the file (1 is the header).
    public var line: Int
    public var content: Result<Input, Problem>

    public init(line: Int, input: Input) {
        self.line = line
        self.content = .success(input)
    }

    public init(line: Int, problems: [Problem.Item]) {
        self.line = line
        self.content = .failure(Problem(title: "bad row", status: 400, detail: "", errors: problems))
    }
}

extension RegistryStore {
    public func importUnits(_ rows: [ImportRow<UnitCreate>], dryRun: Bool, as principal: Principal) async throws
        -> ImportReport
    {
        try await importRows(rows, kind: "units", dryRun: dryRun, as: principal) { input, db, audit in
            _ = try self.insertUnit(input, in: db, audit: audit, as: principal)
        }
    }

    public func importLinks(_ rows: [ImportRow<LinkCreate>], dryRun: Bool, as principal: Principal) async throws
        -> ImportReport
    {
        try await importRows(rows, kind: "links", dryRun: dryRun, as: principal) { input, db, audit in
            _ = try self.insertLink(input, in: db, audit: audit, as: principal)
        }
    }

    public func importPrefixes(_ rows: [ImportRow<PrefixCreate>], dryRun: Bool, as principal: Principal) async throws
        -> ImportReport
    {
        defer { invalidateAttribution() }
        return try await importRows(rows, kind: "prefixes", dryRun: dryRun, as: principal) { input, db, audit in
            _ = try self.insertPrefix(input, in: db, audit: audit, as: principal)
        }
    }

    /// All or nothing: every row is validated (each against the rows before it) in one transaction, every bad row
    /// is reported with its line, and the transaction commits only when no row is bad and it is not a dry run.
    private func importRows<Input>(
        _ rows: [ImportRow<Input>], kind: String, dryRun: Bool, as principal: Principal,
        insert: @escaping @Sendable (Input, Database, AuditAppender) throws -> Void
    )
        async throws -> ImportReport
    {
        try principal.requireWrite(what: kind)
        let audit = auditor(principal)
        return try await writer.writeWithoutTransaction { db in
            var report = ImportReport(kind: kind, dryRun: dryRun, rows: rows.count, created: 0, errors: [])
            try db.inTransaction(.immediate) {
                var created = 0
                for row in rows {
                    switch row.content {
                    case .failure(let problem):
                        report.errors += (problem.errors ?? []).map { item in
                            var item = item
                            item.line = row.line
                            return item
                        }
                    case .success(let input):
                        do {
                            try db.inSavepoint {
                                try insert(input, db, audit)
                                return .commit
                            }
                            created += 1
                        } catch let error as RegistryError {
                            report.errors.append(
                                Problem.Item(
                                    line: row.line, field: error.field, rule: error.rule,
                                    message: error.message))
                        }
                    }
                }
                let commit = report.errors.isEmpty && !dryRun
                report.created = commit ? created : 0
                return commit ? .commit : .rollback
            }
            return report
        }
    }
}
