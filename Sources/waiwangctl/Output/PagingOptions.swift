import ArgumentParser
import WaiwangAPI

/// `--limit`, `--offset` and `--all` of every list verb, and the fetching they mean.
struct PagingOptions: ParsableArguments {
    @Option(help: "Items per page.") var limit: Int?
    @Option(help: "Items to skip.") var offset: Int?
    @Flag(help: "Page through every matching item.") var all = false

    func validate() throws {
        if all, offset != nil { throw ValidationError("--all pages from the start; drop --offset") }
        if let limit, limit < 1 { throw ValidationError("--limit must be at least 1") }
        if let offset, offset < 0 { throw ValidationError("--offset must not be negative") }
    }

    /// One page as asked, or with `--all` every page gathered into one.
    func fetch<Item>(_ page: (_ offset: Int?, _ limit: Int?) async throws -> Page<Item>) async throws -> Page<Item> {
        guard all else { return try await page(offset, limit) }
        return try await collectAllPages(pageSize: limit ?? 500) { offset, limit in try await page(offset, limit) }
    }
}
