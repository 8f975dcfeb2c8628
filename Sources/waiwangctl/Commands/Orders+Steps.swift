import ArgumentParser
import Foundation
import WaiwangAPI
import WaiwangClient
import WaiwangCore

/// The arguments every order step shares: the order's id and `--json`.
struct OrderStepOptions: ParsableArguments {
    @Argument(help: "The order's id, e.g. ORD-2026-000001.") var id: String
    @Flag(help: "Print the API's JSON.") var json = false

    /// Prints the order after the step: its JSON, or one line with the new state.
    func report(_ order: OrderView) throws {
        if json { return try printJSON(order) }
        print("\(order.id) \(Labels.orderState(order.state)) (\(order.state))" + (order.failed ? " — 有端口失败" : ""))
    }
}

/// A step without a body, by its API name.
protocol PlainOrderStep: AsyncParsableCommand {
    static var action: String { get }
    var global: GlobalOptions { get }
    var step: OrderStepOptions { get }
}

extension PlainOrderStep {
    func run() async throws {
        let order = try await global.withClient { try await $0.orderStep(step.id, Self.action) }
        try step.report(order)
    }
}

/// A step that needs a reason (`reject`, `cancel`).
protocol ReasonedOrderStep: AsyncParsableCommand {
    static var action: String { get }
    var global: GlobalOptions { get }
    var step: OrderStepOptions { get }
    var reason: String { get }
}

extension ReasonedOrderStep {
    func validate() throws {
        if reason.trimmingBlanks().isEmpty { throw ValidationError("--reason must say why") }
    }

    func run() async throws {
        let order = try await global.withClient { try await $0.orderStep(step.id, Self.action, reason: reason) }
        try step.report(order)
    }
}

extension Orders {
    struct Approve: PlainOrderStep {
        static let configuration = CommandConfiguration(abstract: "Approve a proposed order (never its proposer).")
        static let action = "approve"
        @OptionGroup var global: GlobalOptions
        @OptionGroup var step: OrderStepOptions
    }

    struct Reject: ReasonedOrderStep {
        static let configuration = CommandConfiguration(abstract: "Reject a proposed order, with the reason.")
        static let action = "reject"
        @OptionGroup var global: GlobalOptions
        @OptionGroup var step: OrderStepOptions
        @Option(help: "驳回理由.") var reason: String
    }

    struct Cancel: ReasonedOrderStep {
        static let configuration = CommandConfiguration(
            abstract: "Withdraw a proposed or approved order before anything was cut, with the reason.")
        static let action = "cancel"
        @OptionGroup var global: GlobalOptions
        @OptionGroup var step: OrderStepOptions
        @Option(help: "撤销理由.") var reason: String
    }

    struct AcknowledgeCollateral: PlainOrderStep {
        static let configuration = CommandConfiguration(
            commandName: "acknowledge-collateral",
            abstract: "Accept that the order also cuts the other units of a shared link (article 17).")
        static let action = "acknowledge-collateral"
        @OptionGroup var global: GlobalOptions
        @OptionGroup var step: OrderStepOptions
    }

    struct Execute: PlainOrderStep {
        static let configuration = CommandConfiguration(
            abstract: "Send port.shutdown for every port to the hub's agent; isolated once every port reads back down.")
        static let action = "execute"
        @OptionGroup var global: GlobalOptions
        @OptionGroup var step: OrderStepOptions
    }

    struct Retry: PlainOrderStep {
        static let configuration = CommandConfiguration(
            abstract: "Send the failed or timed-out ports' command again.")
        static let action = "retry"
        @OptionGroup var global: GlobalOptions
        @OptionGroup var step: OrderStepOptions
    }

    struct Restore: PlainOrderStep {
        static let configuration = CommandConfiguration(
            abstract: "Send port.restore for every port after an accepted verification.")
        static let action = "restore"
        @OptionGroup var global: GlobalOptions
        @OptionGroup var step: OrderStepOptions
    }

    struct Close: PlainOrderStep {
        static let configuration = CommandConfiguration(abstract: "Close a restored order.")
        static let action = "close"
        @OptionGroup var global: GlobalOptions
        @OptionGroup var step: OrderStepOptions
    }

    struct ApproveRetrospectively: PlainOrderStep {
        static let configuration = CommandConfiguration(
            commandName: "approve-retrospectively",
            abstract: "Approve an emergency isolation afterwards (never the lead who isolated).")
        static let action = "approve-retrospectively"
        @OptionGroup var global: GlobalOptions
        @OptionGroup var step: OrderStepOptions
    }

    struct Remediate: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Record the unit's tracing, cleaning and rectification (整改); the county of the unit may.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var step: OrderStepOptions
        @Option(help: "整改情况: what was found and done.") var summary: String
        @Option(help: "A PDF, PNG or JPEG to attach (repeatable).") var attachment: [String] = []

        func validate() throws {
            if summary.trimmingBlanks().isEmpty { throw ValidationError("--summary must say what was done") }
        }

        func run() async throws {
            let files = try attachment.map { path in
                guard let data = FileManager.default.contents(atPath: path) else {
                    throw ValidationError("cannot read --attachment \(path)")
                }
                return RemediationAttachment(
                    filename: (path as NSString).lastPathComponent, contentBase64: data.base64EncodedString())
            }
            let input = RemediationInput(summary: summary, attachments: files.isEmpty ? nil : files)
            let order = try await global.withClient { try await $0.remediateOrder(step.id, input) }
            try step.report(order)
        }
    }

    struct Verify: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Accept the remediation (then restore), or reject it back to remediating with a note.")

        @OptionGroup var global: GlobalOptions
        @OptionGroup var step: OrderStepOptions
        @Flag(help: "Accept the remediation.") var accept = false
        @Flag(help: "Send the remediation back.") var reject = false
        @Option(help: "验证意见.") var note: String

        func validate() throws {
            guard accept != reject else { throw ValidationError("give exactly one of --accept and --reject") }
            if reject, note.trimmingBlanks().isEmpty { throw ValidationError("--reject needs a --note saying why") }
        }

        func run() async throws {
            let order = try await global.withClient {
                try await $0.verifyOrder(step.id, VerificationInput(accepted: accept, note: note))
            }
            try step.report(order)
        }
    }
}
