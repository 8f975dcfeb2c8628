import Foundation
import WaiwangAPI

extension RegistryClient {
    /// Imports a CSV inventory (UTF-8, BOM allowed, Chinese or English headers), all or nothing.
    ///
    /// When any row is bad the registry stores nothing and this throws a `refused` error whose `errors` list
    /// every bad row. `progress`, when given, hears how much of the body is sent and when validation starts.
    public func uploadCSV(
        kind: CSVKind, data: Data, dryRun: Bool, progress: (@Sendable (UploadProgress) -> Void)? = nil
    ) async throws -> ImportReport {
        try await call(
            .POST, "/api/v1/import/\(kind.rawValue)", query: [("dryRun", dryRun ? "true" : "false")],
            body: .csv(data, progress: progress), timeout: Self.bulkTimeout)
    }

    /// Exports an inventory as CSV bytes, with Chinese headers unless `english`.
    public func exportCSV(kind: CSVKind, english: Bool = false) async throws -> Data {
        try await send(
            .GET, "/api/v1/export/\(kind.rawValue)", query: [("headers", english ? "en" : "zh")],
            accept: "text/csv", timeout: Self.bulkTimeout
        ).0
    }
}
