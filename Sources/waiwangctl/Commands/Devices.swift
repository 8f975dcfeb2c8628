import ArgumentParser
import Foundation
import WaiwangAPI

/// `waiwangctl devices …`: the routers and switches at the hubs where links land.
struct Devices: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Hub devices (汇聚设备): list, create.", subcommands: [List.self, Create.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "List hub devices.")

        @OptionGroup var global: GlobalOptions
        @Option(help: "Hub code or the division it serves.") var hub: String?
        @Flag(help: "Print the API's JSON.") var json = false

        func run() async throws {
            let devices = try await global.withClient { try await $0.devices(hub: hub) }
            if json { return try printJSON(devices) }
            var table = TextTable("ID", "汇聚节点", "设备名称", "SNMP地址", "凭据", "链路数")
            for device in devices {
                table.append(
                    String(device.id), device.hubCode, device.name, device.snmpAddress,
                    device.credential ?? "-", String(device.linkCount))
            }
            table.print()
        }
    }

    struct Create: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Register a device at a hub.")

        @OptionGroup var global: GlobalOptions
        @Option(help: "Hub code or the division it serves.") var hub: String
        @Option(help: "The device's name, unique in the registry.") var name: String
        @Option(
            name: [.customLong("snmp-address"), .customLong("address")],
            help: "SNMP transport address, e.g. udp:10.53.4.1:161 (--address for short).")
        var snmpAddress: String
        @Option(help: "The name of a stored SNMP credential.") var credential: String?
        @Flag(help: "Print the API's JSON.") var json = false

        func validate() throws {
            if name.trimmingCharacters(in: .whitespaces).isEmpty { throw ValidationError("--name must not be empty") }
        }

        func run() async throws {
            let body = DeviceCreate(hub: hub, name: name, snmpAddress: snmpAddress, credential: credential)
            let device = try await global.withClient { try await $0.createDevice(body) }
            if json { return try printJSON(device) }
            print("created device \(device.id): \(device.name) at hub \(device.hubCode) (\(device.snmpAddress))")
        }
    }
}
