import ArgumentParser

/// `waiwangctl divisions list`: the city, its counties and their hubs.
struct Divisions: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "The city and its county-level divisions with their hubs.",
        subcommands: [List.self], defaultSubcommand: List.self)

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List divisions and hubs.")

        @OptionGroup var global: GlobalOptions
        @Flag(help: "Print the API's JSON.") var json = false

        func run() async throws {
            let divisions = try await global.withClient { try await $0.divisions() }
            if json { return try printJSON(divisions) }
            var table = TextTable("代码", "名称", "级别", "汇聚节点代码", "汇聚节点")
            for division in divisions {
                table.append(
                    division.code, division.name, Labels.division(division.level), division.hubCode,
                    division.hubName)
            }
            table.print()
        }
    }
}
