import ArgumentParser
import Foundation
import WaiwangAPI

/// `waiwangctl links state ID`: a link's health and latest rates as its hub's agent reported them.
struct LinkStateCommand: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "state", abstract: "A link's health and latest rates from its hub's agent.")

    @OptionGroup var global: GlobalOptions
    @Argument(help: "The link's id.") var id: Int64
    @Flag(help: "Print the API's JSON.") var json = false

    func run() async throws {
        let state = try await global.withClient { try await $0.linkState(id) }
        if json { return try printJSON(state) }
        var fields = FieldList()
        fields.add("链路", String(state.linkId))
        fields.add("状态", Self.label(state.health) + (state.agentStale ? "（探针失联）" : ""))
        fields.add("自", state.since ?? "-")
        fields.add("最近采样", state.lastSampleAt ?? "-")
        fields.add("入/出速率", "\(Self.rate(state.inBitsPerSecond)) / \(Self.rate(state.outBitsPerSecond))")
        fields.add("入/出利用率", "\(Self.share(state.inUtilisation)) / \(Self.share(state.outUtilisation))")
        fields.print()
    }

    static func label(_ health: String) -> String {
        switch health {
        case "up": "正常 (up)"
        case "down": "中断 (down)"
        case "adminDown": "已关闭 (adminDown)"
        case "degraded": "劣化 (degraded)"
        case "flapping": "抖动 (flapping)"
        default: "未知 (unknown)"
        }
    }

    static func rate(_ bits: Double?) -> String {
        guard let bits else { return "-" }
        if bits >= 1e9 { return String(format: "%.2f Gbit/s", bits / 1e9) }
        if bits >= 1e6 { return String(format: "%.2f Mbit/s", bits / 1e6) }
        return String(format: "%.0f kbit/s", bits / 1e3)
    }

    static func share(_ value: Double?) -> String {
        value.map { String(format: "%.1f%%", $0 * 100) } ?? "-"
    }
}
