import ArgumentParser
import WaiwangAPI
import WaiwangCore

extension Applications {
    struct Review: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Take a submitted application under review (due within 5 working days, article 19).")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The application's id.") var id: Int64
        @Flag(help: "Print the API's JSON.") var json = false

        func run() async throws {
            let application = try await global.withClient { try await $0.reviewApplication(id) }
            if json { return try printJSON(application) }
            printStep("reviewing", application)
        }
    }

    struct Approve: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Approve an application under review; its unit, link and prefixes enter the registry.",
            discussion: """
                A new link needs --device and --port (where it lands on the unit's county hub), unless a link \
                already serves the unit's office address on that hub (article 17). The applicant and the carrier \
                are notified (article 19).
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The application's id.") var id: Int64
        @Option(help: "The hub device the new link lands on.") var device: String?
        @Option(help: "The port's ifName, e.g. GigabitEthernet1/0/7.") var port: String?
        @Option(help: "备注.") var note: String?
        @Flag(help: "Print the API's JSON.") var json = false

        func validate() throws {
            if (device == nil) != (port == nil) {
                throw ValidationError("--device and --port go together: the new link lands on that device's port")
            }
        }

        func run() async throws {
            let approval = ApprovalInput(hubDevice: device, port: port, note: note)
            let application = try await global.withClient { try await $0.approveApplication(id, approval) }
            if json { return try printJSON(application) }
            printStep("approved", application)
        }
    }

    struct Reject: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Reject an application under review; the reasons are told to the applicant (article 19).")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The application's id.") var id: Int64
        @Option(help: "驳回理由: why, and what the applicant should change.") var reason: String
        @Flag(help: "Print the API's JSON.") var json = false

        func validate() throws {
            if reason.trimmingBlanks().isEmpty {
                throw ValidationError("--reason must say why: the applicant is told the reasons (article 19)")
            }
        }

        func run() async throws {
            let reasons = ApplicationNote(note: reason)
            let application = try await global.withClient { try await $0.rejectApplication(id, reasons) }
            if json { return try printJSON(application) }
            printStep("rejected", application)
        }
    }

    struct Provision: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Start provisioning an approved application; with --complete, finish it.",
            discussion: """
                Without --complete: approved → provisioning (the carrier builds the line). With --complete: \
                provisioning → active, or withdrawn for a withdrawal.
                """)

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The application's id.") var id: Int64
        @Flag(help: "Provisioning is done: the access is active (or the unit has left).") var complete = false
        @Option(help: "备注.") var note: String?
        @Flag(help: "Print the API's JSON.") var json = false

        func run() async throws {
            let body = ApplicationNote(note: note)
            let application = try await global.withClient { client in
                complete
                    ? try await client.completeApplication(id, body) : try await client.provisionApplication(id, body)
            }
            if json { return try printJSON(application) }
            printStep(complete ? "completed" : "provisioning", application)
        }
    }

    struct Withdraw: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Take back a draft, submitted or under-review application.")

        @OptionGroup var global: GlobalOptions
        @Argument(help: "The application's id.") var id: Int64
        @Option(help: "备注: why it is taken back.") var note: String?
        @Flag(help: "Print the API's JSON.") var json = false

        func run() async throws {
            let body = ApplicationNote(note: note)
            let application = try await global.withClient { try await $0.withdrawApplication(id, body) }
            if json { return try printJSON(application) }
            printStep("withdrew", application)
        }
    }
}
