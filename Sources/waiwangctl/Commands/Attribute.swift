import ArgumentParser
import WaiwangCore

/// `waiwangctl attribute ADDRESS`: whose address is this, and where does its traffic come in.
struct Attribute: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Find the unit owning an address: its prefix, and its links with hub and port.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "An IPv4 or IPv6 address, e.g. 10.16.3.7.") var address: String
    @Flag(help: "Print the API's JSON.") var json = false

    func validate() throws {
        guard IPAddress(address) != nil else { throw ValidationError("\"\(address)\" is not an IPv4 or IPv6 address") }
    }

    func run() async throws {
        let attribution = try await global.withClient { try await $0.attribution(of: address) }
        if json { return try printJSON(attribution) }
        var fields = FieldList()
        fields.add("地址", attribution.address)
        fields.add("IP地址段", attribution.prefix)
        fields.add("单位名称", attribution.unitName)
        fields.add("统一社会信用代码", attribution.unit.creditCode)
        fields.add("区县代码", attribution.unit.divisionCode)
        fields.add("链路", attribution.links.isEmpty ? "无 (no link registered)" : "\(attribution.links.count)")
        fields.print()
        if !attribution.links.isEmpty {
            print("")
            printLinks(attribution.links)
        }
    }
}
