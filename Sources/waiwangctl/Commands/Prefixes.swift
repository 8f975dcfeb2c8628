import ArgumentParser
import WaiwangAPI
import WaiwangClient
import WaiwangCore

/// `waiwangctl prefixes …`: the IP prefixes each unit uses.
struct Prefixes: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "IP prefixes (IP地址段) of units: list, create, delete.",
        subcommands: [List.self, Create.self, Delete.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List prefixes, all or of one unit.")

        @OptionGroup var global: GlobalOptions
        @Option(help: "The unit's id or 统一社会信用代码.") var unit: String?
        @OptionGroup var paging: PagingOptions
        @Flag(help: "Print the API's JSON.") var json = false

        func run() async throws {
            let page = try await global.withClient { client in
                try await paging.fetch { offset, limit in
                    try await client.prefixes(unit: unit, limit: limit, offset: offset)
                }
            }
            if json { return try printJSON(page) }
            var table = TextTable("ID", "IP地址段", "单位名称", "统一社会信用代码", "说明")
            for prefix in page.items {
                table.append(
                    String(prefix.id), prefix.cidr, prefix.unit.name, prefix.unit.creditCode,
                    prefix.description)
            }
            table.print()
            print("\(page.items.count) of \(page.total) prefixes" + (page.offset > 0 ? " from \(page.offset)" : ""))
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Register a prefix for a unit (no overlaps).")

        @OptionGroup var global: GlobalOptions
        @Option(help: "The unit's id or 统一社会信用代码.") var unit: String
        @Option(help: "The prefix, e.g. 10.53.4.0/24 or 2408:8456:0:100::/56.") var cidr: String
        @Option(help: "说明.") var description: String?
        @Flag(help: "Print the API's JSON.") var json = false

        func validate() throws {
            do { _ = try IPPrefix.parse(cidr) } catch { throw ValidationError("--cidr: \(error)") }
        }

        func run() async throws {
            let body = PrefixCreate(unit: unit, cidr: cidr, description: description)
            let prefix = try await global.withClient { try await $0.createPrefix(body) }
            if json { return try printJSON(prefix) }
            print("created prefix \(prefix.id): \(prefix.cidr) for \(prefix.unit.name) (\(prefix.unit.creditCode))")
        }
    }

    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete a prefix given by CIDR or id.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The prefix as registered (10.1.0.0/24) or its id.") var prefix: String

        func validate() throws {
            guard Int64(prefix) != nil || prefix.contains("/") else {
                throw ValidationError("\"\(prefix)\" is neither a prefix id nor a CIDR like 10.1.0.0/24")
            }
        }

        func run() async throws {
            try await global.withClient { client in
                if let id = Int64(prefix) {
                    try await client.deletePrefix(id: id)
                } else {
                    try await client.deletePrefix(cidr: prefix)
                }
            }
            print("deleted prefix \(prefix)")
        }
    }
}
