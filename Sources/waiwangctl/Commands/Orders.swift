import ArgumentParser
import Foundation
import WaiwangAPI
import WaiwangClient
import WaiwangCore

/// `waiwangctl orders …`: isolation orders (隔离工单) from proposal to close.
struct Orders: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Isolation orders (隔离工单): propose, approve, execute, remediate, verify, restore, close.",
        discussion: """
            proposed → approved → executing → isolated → remediating → verifying → restored → closed (or rejected, \
            cancelled). Approval needs a second person (four eyes); a shared link's other units must be \
            acknowledged before execution (article 17). Port outcomes: pending 待下发, sent 已下发, confirmed 已确认, \
            failed 失败, timed_out 超时.
            """,
        subcommands: [
            List.self, Show.self, Propose.self, IsolateNow.self, Approve.self, Reject.self, Cancel.self,
            AcknowledgeCollateral.self, Execute.self, Retry.self, Remediate.self, Verify.self, Restore.self,
            Close.self, ApproveRetrospectively.self,
        ])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List isolation orders, newest first (a county token sees its division only).")

        @OptionGroup var global: GlobalOptions
        @Option(help: "proposed, approved, executing, isolated, remediating, verifying, restored, closed, …")
        var state: String?
        @Option(help: "An incident's id.") var incident: String?
        @Option(help: "A unit's id or 统一社会信用代码.") var unit: String?
        @OptionGroup var paging: PagingOptions
        @Flag(help: "Print the API's JSON.") var json = false

        func validate() throws {
            if let state { _ = try validated { () throws(RegistryError) in try IsolationState(parsing: state) } }
        }

        func run() async throws {
            let query = OrderQuery(state: state, incident: incident, unit: unit)
            let page = try await global.withClient { client in
                try await paging.fetch { offset, limit in
                    var query = query
                    query.offset = offset
                    query.limit = limit
                    return try await client.orders(query)
                }
            }
            if json { return try printJSON(page) }
            var table = TextTable("ID", "事件", "单位", "状态", "提出", "批准", "紧急", "端口")
            for order in page.items {
                table.append(
                    order.id, order.incidentId ?? "-", order.unitName, Labels.orderState(order.state),
                    order.proposedBy, order.approvedBy ?? "-", Labels.yesNo(order.emergency),
                    order.ports.map { "\($0.device) \($0.ifName)" }.joined(separator: ", "))
            }
            table.print()
            print("\(page.items.count) of \(page.total) orders" + (page.offset > 0 ? " from \(page.offset)" : ""))
        }
    }

    struct Show: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Show one order: ports and their outcomes, collateral units, remediation, timeline.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The order's id, e.g. ORD-2026-000001.") var id: String
        @Flag(help: "Print the API's JSON.") var json = false

        func run() async throws {
            let order = try await global.withClient { try await $0.order(id) }
            if json { return try printJSON(order) }
            printOrder(order)
        }
    }

    struct Propose: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Propose isolating an incident's unit: every hub port of its links (security or admin).")

        @OptionGroup var global: GlobalOptions
        @Option(help: "The incident's id.") var incident: String
        @Option(help: "隔离理由 (default: names the incident).") var reason: String?
        @Flag(help: "Print the API's JSON.") var json = false

        func run() async throws {
            let order = try await global.withClient {
                try await $0.proposeOrder(OrderProposal(incidentId: incident, reason: reason))
            }
            if json { return try printJSON(order) }
            printOrder(order)
        }
    }

    struct IsolateNow: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "isolate-now",
            abstract: "Emergency isolation: propose, approve and execute at once (admins and emergency leads).",
            discussion: "Someone else must approve it afterwards (orders approve-retrospectively).")

        @OptionGroup var global: GlobalOptions
        @Option(help: "The incident's id.") var incident: String
        @Flag(help: "Accept that a shared link's other units are cut too (article 17).")
        var acknowledgeCollateral = false
        @Option(help: "隔离理由.") var reason: String?
        @Flag(help: "Print the API's JSON.") var json = false

        func run() async throws {
            let input = IsolateNowInput(
                incidentId: incident, acknowledgeCollateral: acknowledgeCollateral, reason: reason)
            let order = try await global.withClient { try await $0.isolateNow(input) }
            if json { return try printJSON(order) }
            printOrder(order)
        }
    }
}

/// One order in full, labelled in Chinese.
func printOrder(_ order: OrderView) {
    var fields = FieldList()
    fields.add("工单编号", order.id)
    fields.add("事件编号", order.incidentId ?? "-")
    fields.add("隔离单位", "\(order.unitName) (\(order.unit))")
    fields.add("状态", "\(Labels.orderState(order.state)) (\(order.state))" + (order.failed ? " — 有端口失败，须人工处置" : ""))
    fields.add("理由", order.reason)
    fields.add("提出", order.proposedBy)
    fields.add("批准", order.approvedBy ?? "-")
    if order.emergency {
        fields.add("紧急隔离", "事后审批期限 \(order.retrospectiveDue ?? "-")，审批人 \(order.retrospectivelyApprovedBy ?? "未审批")")
    }
    if !order.collateralUnits.isEmpty {
        fields.add(
            "同时中断",
            order.collateralUnits.joined(separator: ", ")
                + "（确认人：\(order.collateralAcknowledgedBy ?? "未确认")）")
    }
    if let remediation = order.remediation {
        fields.add("整改", "\(remediation.summary)（\(remediation.by) \(remediation.at)）")
        for attachment in remediation.attachments { fields.add("附件", attachment) }
    }
    if let verifiedBy = order.verifiedBy { fields.add("验证", verifiedBy) }
    fields.add("可执行操作", order.possibleActions.joined(separator: ", "))
    for deadline in order.deadlines {
        fields.add(
            "时限：\(deadline.label)",
            (deadline.due ?? deadline.problem ?? "未知") + (deadline.overdue ? "（已超期）" : ""))
    }
    fields.print()
    print("\n端口")
    var table = TextTable("设备", "端口", "链路", "承载单位", "关闭", "恢复", "失败原因")
    for port in order.ports {
        table.append(
            port.device, port.ifName, port.links.joined(separator: ","), port.units.joined(separator: ","),
            Labels.portOutcome(port.down), Labels.portOutcome(port.up), port.failure ?? "")
    }
    table.print()
    printTimeline(order.timeline)
}
