import Hummingbird
import WaiwangAPI
import WaiwangCore
import WaiwangStore

extension RegistryEndpoints {
    /// Largest CSV accepted by the importer.
    static let importLimit = 64 * 1024 * 1024

    static func transfer(_ store: RegistryStore) -> [Endpoint] {
        [
            Endpoint(
                .post, "/api/v1/import/{kind}",
                "Import units, links or prefixes from CSV, all or nothing; 422 lists every bad row",
                roles: Endpoint.writers, body: "text/csv", response: "ImportReport",
                query: ["dryRun"], success: 200
            ) { request, context, principal in
                let kind = try inventoryKind(context)
                let data = try await request.bodyBytes(limit: importLimit)
                let reader = InventoryImport(kind: kind)
                let dryRun = try request.flag("dryRun")
                let report: ImportReport =
                    switch kind {
                    case .units: try await store.importUnits(reader.units(data), dryRun: dryRun, as: principal)
                    case .links: try await store.importLinks(reader.links(data), dryRun: dryRun, as: principal)
                    case .prefixes: try await store.importPrefixes(reader.prefixes(data), dryRun: dryRun, as: principal)
                    }
                context.logger.info(
                    "import",
                    metadata: [
                        "kind": "\(kind)", "rows": "\(report.rows)",
                        "created": "\(report.created)", "bad": "\(report.errors.count)",
                    ])
                guard report.errors.isEmpty else {
                    throw Problem(
                        title: "Unprocessable Content", status: 422,
                        detail: "\(report.errors.count) of \(report.rows) rows are bad; nothing was stored",
                        rule: "import-all-or-nothing", errors: report.errors)
                }
                return try ProblemResponse.json(report)
            },
            Endpoint(
                .get, "/api/v1/export/{kind}", "Export units, links or prefixes as CSV (headers=zh|en)",
                roles: Endpoint.readers, response: "text/csv", query: ["headers"]
            ) { request, context, principal in
                let kind = try inventoryKind(context)
                let headers = request.query("headers") ?? "zh"
                guard headers == "zh" || headers == "en" else {
                    throw RegistryError.invalid("headers", rule: "query", "headers must be zh or en")
                }
                let data = try await InventoryExport(
                    store: store, principal: principal, chineseHeaders: headers == "zh"
                ).csv(kind)
                return Response(
                    status: .ok,
                    headers: [
                        .contentType: "text/csv; charset=utf-8",
                        .contentDisposition: "attachment; filename=\"\(kind.rawValue).csv\"",
                    ],
                    body: .init(byteBuffer: ByteBuffer(bytes: data)))
            },
        ]
    }

    private static func inventoryKind(_ context: RegistryRequestContext) throws -> InventoryKind {
        let text = try context.parameter("kind")
        guard let kind = InventoryKind(rawValue: text) else {
            throw RegistryError.notFound("kind", "no inventory kind \"\(text)\"; use units, links or prefixes")
        }
        return kind
    }
}
