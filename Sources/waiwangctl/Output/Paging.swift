import WaiwangAPI

/// Fetches every page of a list endpoint, `pageSize` at a time, into one page.
func collectAllPages<Item>(pageSize: Int = 500, _ fetch: (_ offset: Int, _ limit: Int) async throws -> Page<Item>)
    async throws -> Page<Item>
{
    var items: [Item] = []
    var total = 0
    repeat {
        let page = try await fetch(items.count, pageSize)
        total = page.total
        items += page.items
        if page.items.isEmpty { break }
    } while items.count < total
    return Page(items: items, total: total, limit: items.count, offset: 0)
}
