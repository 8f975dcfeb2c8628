import ArgumentParser
import Foundation
import WaiwangAPI

/// `waiwangctl deliveries …`: the escalation reports owed to the superior authority, 网信 and 公安 (article 21(4)).
struct Deliveries: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Escalation reports (事件上报): list, show, ack.", subcommands: [List.self, Show.self, Ack.self])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List escalation deliveries by deadline: state, overdue, last error, acknowledgement.")

        @OptionGroup var global: GlobalOptions
        @Option(help: "Only this incident's deliveries.") var incident: String?
        @Option(help: "Only deliveries in this state: pending, sent, retrying, failed.") var state: String?
        @Flag(help: "Print the API's JSON.") var json = false

        func validate() throws {
            if let state, DeliveryStateCode(rawValue: state) == nil {
                throw ValidationError("--state must be pending, sent, retrying or failed")
            }
        }

        func run() async throws {
            let deliveries = try await global.withClient { try await $0.deliveries(incident: incident, state: state) }
            if json { return try printJSON(deliveries) }
            var table = TextTable("ID", "事件", "阶段", "报送对象", "渠道", "地址", "时限", "状态", "超时", "尝试", "确认", "说明")
            for delivery in deliveries {
                table.append(
                    String(delivery.id), delivery.incidentId, Labels.stage(delivery.stage),
                    "\(Labels.authority(delivery.authority)) \(delivery.recipient)", Labels.channel(delivery.channel),
                    delivery.address, delivery.deadline, Labels.deliveryState(delivery.state),
                    delivery.overdue ? "超时" : "", String(delivery.attempts.count),
                    delivery.acknowledgedAt == nil ? "" : "已确认", delivery.lastError ?? "")
            }
            table.print()
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Show one delivery with every attempt.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The delivery's id.") var id: Int64
        @Flag(help: "Print the API's JSON.") var json = false

        func run() async throws {
            let delivery = try await global.withClient { try await $0.delivery(id) }
            if json { return try printJSON(delivery) }
            var fields = FieldList()
            fields.add("ID", String(delivery.id))
            fields.add("事件", delivery.incidentId)
            fields.add("阶段", "\(Labels.stage(delivery.stage))（\(delivery.stage)）")
            fields.add("报送对象", "\(Labels.authority(delivery.authority))（\(delivery.authority)）\(delivery.recipient)")
            fields.add("渠道", "\(Labels.channel(delivery.channel)) \(delivery.address)")
            fields.add("主题", delivery.subject)
            fields.add("时限", delivery.deadline + (delivery.overdue ? "（已超时）" : ""))
            fields.add("状态", "\(Labels.deliveryState(delivery.state))（\(delivery.state.rawValue)）")
            fields.add("发送时间", delivery.sentAt ?? "-")
            if let error = delivery.lastError { fields.add("原因", error) }
            if let at = delivery.acknowledgedAt {
                fields.add("确认", "\(at) \(delivery.acknowledgedBy ?? "")：\(delivery.note ?? "")")
            }
            fields.print()
            print("\n发送记录")
            if delivery.attempts.isEmpty {
                print("无")
                return
            }
            var table = TextTable("次", "时间", "结果", "错误")
            for attempt in delivery.attempts {
                table.append(
                    String(attempt.number), attempt.at, Labels.attemptOutcome(attempt.outcome), attempt.error ?? "")
            }
            table.print()
        }
    }

    struct Ack: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record that the recipient confirmed receipt (security or admin).")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The delivery's id.") var id: Int64
        @Option(help: "Who confirmed and how, e.g. \"市数据局值班室电话确认已收到\".") var note: String
        @Flag(help: "Print the API's JSON.") var json = false

        func validate() throws {
            if note.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                throw ValidationError("--note must say who confirmed receipt and how")
            }
        }

        func run() async throws {
            let delivery = try await global.withClient { try await $0.acknowledgeDelivery(id, note: note) }
            if json { return try printJSON(delivery) }
            print(
                "delivery \(delivery.id) acknowledged at \(delivery.acknowledgedAt ?? "?") by \(delivery.acknowledgedBy ?? "?")"
            )
        }
    }
}
