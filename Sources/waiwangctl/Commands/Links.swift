import ArgumentParser
import WaiwangAPI
import WaiwangClient
import WaiwangCore

/// `waiwangctl links …`: the links units connect by, and the hub ports they land on.
struct Links: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Links (接入链路): list, show, create, update, delete, state.",
        subcommands: [List.self, Show.self, Create.self, Update.self, Delete.self, LinkStateCommand.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List links, filtered and paged.")

        @OptionGroup var global: GlobalOptions
        @Option(help: "Hub code or the division it serves.") var hub: String?
        @Option(help: "vpdn, leased, vpn (or VPDN专线, 数据专线, 互联网VPN).") var kind: String?
        @Flag(help: "Only links shared by co-located units (article 17).") var shared = false
        @OptionGroup var paging: PagingOptions
        @Flag(help: "Print the API's JSON.") var json = false

        func validate() throws {
            _ = try parsedKind()
        }

        func parsedKind() throws -> LinkKind? {
            try kind.map { text in try validated { () throws(RegistryError) in try LinkKind(parsing: text) } }
        }

        func run() async throws {
            let query = LinkQuery(
                hub: hub, kind: try parsedKind()?.rawValue, sharedOnly: shared)
            let page = try await global.withClient { client in
                try await paging.fetch { offset, limit in
                    var query = query
                    query.offset = offset
                    query.limit = limit
                    return try await client.links(query)
                }
            }
            if json { return try printJSON(page) }
            printLinks(page.items)
            print("\(page.items.count) of \(page.total) links" + (page.offset > 0 ? " from \(page.offset)" : ""))
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one link and the units it serves.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The link's id.") var id: Int64
        @Flag(help: "Print the API's JSON.") var json = false

        func run() async throws {
            let link = try await global.withClient { try await $0.link(id) }
            if json { return try printJSON(link) }
            var fields = FieldList()
            fields.add("ID", String(link.id))
            fields.add("接入方式", "\(link.kind.label) (\(link.kind.rawValue))")
            fields.add("运营商", link.carrier)
            fields.add("带宽", Labels.bandwidth(link.bandwidthMbps))
            fields.add("汇聚节点", "\(link.hubName) (\(link.hubCode))")
            fields.add("汇聚设备", link.hubDevice)
            fields.add("端口", link.port)
            fields.add("备份", Labels.yesNo(link.backup))
            fields.add("备注", link.note)
            fields.add("共用", link.shared ? "是 (\(link.units.count) 个同址单位)" : "否")
            fields.print()
            print("")
            var table = TextTable("ID", "接入单位", "统一社会信用代码", "区县代码")
            for unit in link.units {
                table.append(String(unit.id), unit.name, unit.creditCode, unit.divisionCode)
            }
            table.print()
        }
    }

    struct Delete: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Delete a link.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The link's id.") var id: Int64

        func run() async throws {
            try await global.withClient { try await $0.deleteLink(id) }
            print("deleted link \(id)")
        }
    }
}

/// A table of links with their hub, port and units.
func printLinks(_ links: [LinkView]) {
    var table = TextTable("ID", "接入方式", "运营商", "带宽", "汇聚节点", "汇聚设备", "端口", "备份", "接入单位")
    for link in links {
        table.append(
            String(link.id), link.kind.label, link.carrier, Labels.bandwidth(link.bandwidthMbps),
            link.hubName, link.hubDevice, link.port, Labels.yesNo(link.backup), Labels.units(link.units))
    }
    table.print()
}
