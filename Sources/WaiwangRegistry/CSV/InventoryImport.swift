import CSV
import Foundation
import WaiwangAPI
import WaiwangCore
import WaiwangStore

/// Reads an inventory CSV (UTF-8, with or without BOM, English or Chinese headers) into import rows.
struct InventoryImport {
    let kind: InventoryKind

    /// One data row by column key, with its line number.
    struct Record {
        let line: Int
        let values: [String: String]
        func callAsFunction(_ key: String) -> String { values[key] ?? "" }
    }

    /// Splits the file into records; a file-level problem (not UTF-8, missing columns) is thrown as 422.
    func records(_ data: Data) throws -> [Record] {
        guard var text = String(data: data, encoding: .utf8) else {
            throw Problem(
                title: "Unprocessable Content", status: 422,
                detail: "the file is not UTF-8; save it as \"CSV UTF-8\" and try again", rule: "csv-encoding")
        }
        if text.hasPrefix("\u{FEFF}") { text.removeFirst() }
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw Problem(title: "Unprocessable Content", status: 422, detail: "the file is empty", rule: "csv-header")
        }
        // Fields are trimmed by the field rules; the reader's own trimming goes through NSString and costs a tenth of an import.
        let reader = try CSVReader(string: text, hasHeaderRow: true, trimFields: false)
        let headers = reader.headerRow ?? []
        var index: [String: Int] = [:]
        var missing: [String] = []
        for column in kind.columns {
            if let position = headers.firstIndex(where: { column.names.contains(InventoryColumn.fold($0)) }) {
                index[column.key] = position
            } else if column.required {
                missing.append("\(column.chinese) (\(column.key))")
            }
        }
        guard missing.isEmpty else {
            throw Problem(
                title: "Unprocessable Content", status: 422,
                detail:
                    "the \(kind.rawValue) file lacks the column(s) \(missing.joined(separator: ", ")); headers found: \(headers.joined(separator: ", "))",
                field: "header", rule: "csv-header")
        }
        var records: [Record] = []
        var line = 1
        while let row = reader.next() {
            line += 1
            if row.allSatisfy({ $0.allSatisfy(\.isWhitespace) }) { continue }
            var values: [String: String] = [:]
            for (key, position) in index where position < row.count { values[key] = row[position] }
            records.append(Record(line: line, values: values))
        }
        if let error = reader.error {
            throw Problem(
                title: "Unprocessable Content", status: 422,
                detail: "the CSV is malformed after line \(line): \(error)", rule: "csv-syntax")
        }
        return records
    }

    func units(_ data: Data) throws -> [ImportRow<UnitCreate>] {
        try records(data).map { row in
            do {
                let letter = try FieldRules.flag(row("commitmentLetter"), field: "commitmentLetter")
                return ImportRow(
                    line: row.line,
                    input: UnitCreate(
                        name: row("name"), creditCode: row("creditCode"), level: row("level"),
                        divisionCode: row("division"), officeAddress: row("officeAddress"),
                        contactName: row("contactName"), contactPhone: row("contactPhone"),
                        commitmentLetterOnFile: letter,
                        state: row("state").trimmingBlanks().isEmpty ? nil : row("state")))
            } catch {
                return ImportRow(line: row.line, problems: [Self.item(error)])
            }
        }
    }

    func links(_ data: Data) throws -> [ImportRow<LinkCreate>] {
        try records(data).map { row in
            var problems: [Problem.Item] = []
            var bandwidth = 0
            var backup = false
            do { bandwidth = try FieldRules.bandwidthMbps(row("bandwidth"), field: "bandwidth") } catch {
                problems.append(Self.item(error))
            }
            do { backup = try FieldRules.flag(row("backup"), field: "backup") } catch {
                problems.append(Self.item(error))
            }
            guard problems.isEmpty else { return ImportRow(line: row.line, problems: problems) }
            let units = row("units").split(whereSeparator: { ";；、,，|".contains($0) })
                .map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
            return ImportRow(
                line: row.line,
                input: LinkCreate(
                    kind: row("kind"), carrier: row("carrier"), bandwidthMbps: bandwidth, hubDevice: row("hubDevice"),
                    port: row("port"), units: units, backup: backup, note: row("note")))
        }
    }

    func prefixes(_ data: Data) throws -> [ImportRow<PrefixCreate>] {
        try records(data).map { row in
            ImportRow(
                line: row.line,
                input: PrefixCreate(
                    unit: row("creditCode"), cidr: row("cidr"),
                    description: row("description")))
        }
    }

    static func item(_ error: any Error) -> Problem.Item {
        if let error = error as? RegistryError {
            return Problem.Item(field: error.field, rule: error.rule, message: error.message)
        }
        return Problem.Item(message: "\(error)")
    }
}
