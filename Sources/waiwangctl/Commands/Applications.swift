import ArgumentParser
import WaiwangAPI
import WaiwangClient
import WaiwangCore

/// `waiwangctl applications …`: written access applications and their review (articles 18–19).
struct Applications: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Access applications (接入申请): submit, attach, list, show, and review them (articles 18–19).",
        discussion: """
            An application goes draft → submitted → under review → approved or rejected → provisioning → active \
            (a withdrawal ends withdrawn). Submitting needs the scanned application form and, for new access, the \
            signed security commitment letter (article 18); review is due within 5 working days (article 19).
            """,
        subcommands: [
            List.self, Show.self, Submit.self, Attach.self, Review.self, Approve.self, Reject.self, Provision.self,
            Withdraw.self,
        ])

    struct List: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "List applications with their deadlines (a county token sees its division only).")

        @OptionGroup var global: GlobalOptions
        @Option(help: "draft, submitted, under-review, approved, rejected, provisioning, active, withdrawn (or 草稿 …).")
        var state: String?
        @Option(help: "new-access, change, withdrawal (or 新接入, 变更, 退网).") var kind: String?
        @Option(help: "Division code, e.g. 530402.") var division: String?
        @Flag(help: "Only applications past their review or provisioning deadline.") var overdue = false
        @OptionGroup var paging: PagingOptions
        @Flag(help: "Print the API's JSON.") var json = false

        func validate() throws {
            _ = try parsedState()
            _ = try parsedKind()
        }

        func parsedState() throws -> ApplicationState? {
            try state.map { text in try validated { () throws(RegistryError) in try ApplicationState(parsing: text) } }
        }

        func parsedKind() throws -> ApplicationKind? {
            try kind.map { text in try validated { () throws(RegistryError) in try ApplicationKind(parsing: text) } }
        }

        func run() async throws {
            let query = ApplicationQuery(
                state: try parsedState()?.rawValue, kind: try parsedKind()?.rawValue, division: division,
                overdueOnly: overdue)
            let page = try await global.withClient { client in
                try await paging.fetch { offset, limit in
                    var query = query
                    query.offset = offset
                    query.limit = limit
                    return try await client.applications(query)
                }
            }
            if json { return try printJSON(page) }
            var table = TextTable("ID", "申请编号", "类型", "接入单位", "状态", "期限", "剩余工作日", "超期")
            for application in page.items {
                let deadline = application.deadline
                table.append(
                    String(application.id), application.number, application.kind.label,
                    Labels.applicant(application), application.state.label,
                    deadline.map { "\($0.due ?? "未知") (\(Labels.deadlineStage($0.stage)))" } ?? "-",
                    deadline?.workingDaysLeft.map(String.init) ?? "-", deadline?.overdue == true ? "已超期" : "")
            }
            table.print()
            print(
                "\(page.items.count) of \(page.total) applications" + (page.offset > 0 ? " from \(page.offset)" : ""))
        }
    }
}
