import ArgumentParser
import WaiwangAPI
import WaiwangClient
import WaiwangCore

/// `waiwangctl units …`: the access units (接入单位).
struct Units: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Access units (接入单位): list, show, create, update.",
        subcommands: [List.self, Show.self, Create.self, Update.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List units, filtered and paged.")

        @OptionGroup var global: GlobalOptions
        @Option(help: "Division code or name, e.g. 530402 or 红塔区.") var division: String?
        @Option(help: "applying, active, isolated, withdrawn (or 申请中, 在网, 已隔离, 已退网).") var state: String?
        @Option(help: "city, county, township, village (or 市级, 县级, 乡镇级, 村级).") var level: String?
        @Option(help: "Part of the name, credit code or office address.") var query: String?
        @OptionGroup var paging: PagingOptions
        @Flag(help: "Print the API's JSON.") var json = false

        func validate() throws {
            _ = try parsedState()
            _ = try parsedLevel()
        }

        func parsedState() throws -> UnitState? {
            try state.map { text in try validated { () throws(RegistryError) in try UnitState(parsing: text) } }
        }

        func parsedLevel() throws -> UnitLevel? {
            try level.map { text in try validated { () throws(RegistryError) in try UnitLevel(parsing: text) } }
        }

        func run() async throws {
            let query = UnitQuery(
                division: division, state: try parsedState()?.rawValue,
                level: try parsedLevel()?.rawValue, text: self.query)
            let page = try await global.withClient { client in
                try await paging.fetch { offset, limit in
                    var query = query
                    query.offset = offset
                    query.limit = limit
                    return try await client.units(query)
                }
            }
            if json { return try printJSON(page) }
            var table = TextTable("ID", "单位名称", "统一社会信用代码", "级别", "区县", "状态", "链路", "IP地址段")
            for unit in page.items {
                table.append(
                    String(unit.id), unit.name, unit.creditCode, unit.level.label, unit.divisionName,
                    unit.state.label, String(unit.linkIds.count), String(unit.prefixes.count))
            }
            table.print()
            print("\(page.items.count) of \(page.total) units" + (page.offset > 0 ? " from \(page.offset)" : ""))
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one unit with its links and prefixes.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The unit's id or 18-character 统一社会信用代码.") var unit: String
        @Flag(help: "Print the API's JSON.") var json = false

        func run() async throws {
            let (unit, links) = try await global.withClient { client in
                let unit = try await client.unit(self.unit)
                var links: [LinkView] = []
                if !json {
                    for id in unit.linkIds { links.append(try await client.link(id)) }
                }
                return (unit, links)
            }
            if json { return try printJSON(unit) }
            printUnit(unit)
            if !links.isEmpty {
                print("")
                printLinks(links)
            }
        }
    }
}

/// The fields of one unit, labelled in Chinese.
func printUnit(_ unit: UnitView) {
    var fields = FieldList()
    fields.add("ID", String(unit.id))
    fields.add("单位名称", unit.name)
    fields.add("统一社会信用代码", unit.creditCode)
    fields.add("级别", "\(unit.level.label) (\(unit.level.rawValue))")
    fields.add("区县", "\(unit.divisionName) (\(unit.divisionCode))")
    fields.add("办公地址", unit.officeAddress)
    fields.add("联系人", unit.contactName)
    fields.add("联系电话", unit.contactPhone)
    fields.add("安全承诺书", Labels.yesNo(unit.commitmentLetterOnFile))
    fields.add("状态", unit.state.label)
    fields.add("链路", unit.linkIds.isEmpty ? "无" : unit.linkIds.map { "#\($0)" }.joined(separator: ", "))
    fields.add("IP地址段", unit.prefixes.isEmpty ? "无" : unit.prefixes.joined(separator: ", "))
    if !unit.coLocatedUnits.isEmpty {
        fields.add("同址单位", unit.coLocatedUnits.map { "\($0.name) (\($0.creditCode))" }.joined(separator: "、"))
    }
    fields.add("创建时间", unit.createdAt)
    fields.add("更新时间", unit.updatedAt)
    fields.print()
}

/// Turns a domain parse error into a usage error for `validate()`.
func validated<T>(_ parse: () throws(RegistryError) -> T) throws -> T {
    do { return try parse() } catch { throw ValidationError(error.message) }
}
