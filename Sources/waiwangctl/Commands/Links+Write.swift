import ArgumentParser
import WaiwangAPI
import WaiwangCore

extension Links {
    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Register a link on a hub device port.",
            discussion: "Give --unit once per unit; several only for units at one office address (article 17).")

        @OptionGroup var global: GlobalOptions
        @Option(help: "vpdn, leased, vpn (or VPDN专线, 数据专线, 互联网VPN).") var kind: String
        @Option(help: "运营商, e.g. 中国电信.") var carrier: String
        @Option(help: "带宽: 100, 100M, 1G.") var bandwidth: String
        @Option(help: "The hub device's name.") var device: String
        @Option(help: "The port's ifName, e.g. GigabitEthernet1/0/3 or GigabitEthernet1/0/1.120.") var port: String
        @Option(help: "A unit served: id or 统一社会信用代码 (repeatable).") var unit: [String] = []
        @Flag(help: "A deliberate second link for an address that has one (备份).") var backup = false
        @Option(help: "备注.") var note: String?
        @Flag(help: "Print the API's JSON.") var json = false

        func validate() throws {
            guard !unit.isEmpty else { throw ValidationError("give at least one --unit") }
            _ = try validated { () throws(RegistryError) in try LinkKind(parsing: kind) }
            _ = try validated { () throws(RegistryError) in
                try FieldRules.bandwidthMbps(bandwidth, field: "--bandwidth")
            }
        }

        func run() async throws {
            let mbps = try FieldRules.bandwidthMbps(bandwidth)
            let body = LinkCreate(
                kind: kind, carrier: carrier, bandwidthMbps: mbps, hubDevice: device, port: port,
                units: unit, backup: backup, note: note)
            let link = try await global.withClient { try await $0.createLink(body) }
            if json { return try printJSON(link) }
            print("created link \(link.id): \(link.hubDevice) \(link.port) for \(Labels.units(link.units))")
        }
    }

    struct Update: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Change a link; only the fields given change.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The link's id.") var id: Int64
        @Option(help: "vpdn, leased, vpn.") var kind: String?
        @Option(help: "运营商.") var carrier: String?
        @Option(help: "带宽: 100, 100M, 1G.") var bandwidth: String?
        @Option(help: "The hub device's name.") var device: String?
        @Option(help: "The port's ifName.") var port: String?
        @Option(help: "Replaces the units served: id or 统一社会信用代码 (repeatable).") var unit: [String] = []
        @Flag(inversion: .prefixedNo, help: "Mark or unmark as a backup link.") var backup: Bool?
        @Option(help: "备注.") var note: String?
        @Flag(help: "Print the API's JSON.") var json = false

        func validate() throws {
            if let kind { _ = try validated { () throws(RegistryError) in try LinkKind(parsing: kind) } }
            if let bandwidth {
                _ = try validated { () throws(RegistryError) in
                    try FieldRules.bandwidthMbps(bandwidth, field: "--bandwidth")
                }
            }
            guard
                kind != nil || carrier != nil || bandwidth != nil || device != nil || port != nil || !unit.isEmpty
                    || backup != nil || note != nil
            else {
                throw ValidationError(
                    "nothing to change: give at least one of --kind --carrier --bandwidth --device "
                        + "--port --unit --backup/--no-backup --note")
            }
        }

        func run() async throws {
            let body = LinkUpdate(
                kind: kind, carrier: carrier, bandwidthMbps: try bandwidth.map { try FieldRules.bandwidthMbps($0) },
                hubDevice: device, port: port, units: unit.isEmpty ? nil : unit, backup: backup,
                note: note)
            let link = try await global.withClient { try await $0.updateLink(id, body) }
            if json { return try printJSON(link) }
            print("updated link \(link.id): \(link.hubDevice) \(link.port) for \(Labels.units(link.units))")
        }
    }
}
