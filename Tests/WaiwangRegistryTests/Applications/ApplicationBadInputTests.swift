import Foundation
import Hummingbird
import Testing
import WaiwangAPI
import WaiwangCore

extension AccessApplications {
    /// A refused application request answers `application/problem+json` naming the field and the rule, and
    /// leaves the units, links, prefixes, audit log and the application's state as they were.
    @Suite("Bad application input changes nothing")
    struct BadInput {
        /// A kind, a form missing things, and every field the refusal must list.
        static let incomplete: [(ApplicationKind, ApplicationForm, [String])] = [
            (
                .newAccess, ApplicationForm(divisionCode: "530402"),
                [
                    "attachments", "attachments", "form.bandwidthMbps", "form.business", "form.carrier",
                    "form.contactName", "form.contactPhone", "form.creditCode", "form.level", "form.linkKind",
                    "form.officeAddress", "form.protectiveMeasures", "form.reason", "form.unitName",
                ]
            ),
            (.change, ApplicationForm(unit: RegistryFixture.hongtaCode), ["attachments", "form", "form.reason"]),
            (.withdrawal, ApplicationForm(unit: RegistryFixture.hongtaCode), ["attachments", "form.reason"]),
        ]

        @Test("submitting an incomplete form lists everything missing at once (article 18)", arguments: incomplete)
        func submitIncomplete(kind: ApplicationKind, form: ApplicationForm, fields: [String]) async throws {
            let fixture = try await ApplicationFixture()
            try await fixture.withAPI { api in
                let draft = try await api.file(kind, form)
                let before = try await fixture.counts()
                let problem = try await api.act(.submit, draft.id, as: .hongta)
                    .expectProblem(.badRequest, field: "form", rule: "article-18")
                let errors = try #require(problem.errors)
                #expect(errors.compactMap(\.field).sorted() == fields, "\(problem)")
                #expect(errors.allSatisfy { !$0.message.isEmpty && $0.rule != nil }, "\(problem)")
                #expect(problem.detail.contains("\(fields.count) problem(s)"), "\(problem.detail)")
                #expect(try await fixture.counts() == before)
                let after = try await api.application(draft.id)
                #expect(after.state == .draft)
                #expect(after.submittedAt == nil)
                #expect(after.deadline == nil)
                #expect(after.steps == draft.steps)
            }
        }

        @Test("a first access without the signed commitment letter cannot be submitted (article 18)")
        func noCommitmentLetter() async throws {
            let fixture = try await ApplicationFixture()
            try await fixture.withAPI { api in
                let draft = try await api.file(.newAccess, ApplicationFixture.newAccessForm())
                #expect(
                    try await api.attach(Scan.formPDF, kind: "form", filename: "申请表.pdf", to: draft.id).status
                        == .created)
                let before = try await fixture.counts()
                let problem = try await api.act(.submit, draft.id, as: .hongta)
                    .expectProblem(.badRequest, rule: "article-18")
                let errors = try #require(problem.errors)
                #expect(errors.count == 1, "\(problem)")
                #expect(errors.first?.field == "attachments")
                #expect(errors.first?.rule == "article-18")
                #expect(errors.first?.message.contains("安全承诺书") == true, "\(problem)")
                #expect(try await fixture.counts() == before)
                #expect(try await api.application(draft.id).state == .draft)
            }
        }

        /// A name and bytes that are not a PDF, PNG or JPEG, whatever the file name says.
        static let notScans: [(String, Data)] = [
            ("text named .pdf", Data("这是一份申请表".utf8)),
            ("GIF", Data("GIF89a\u{01}\u{00}".utf8)),
            ("Word document", Data([0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1])),
            ("PDF magic not at the start", Data(" %PDF-1.4".utf8)),
        ]

        @Test("an attachment that is not a PDF or an image is refused by its bytes", arguments: notScans)
        func notAScan(name: String, data: Data) async throws {
            let fixture = try await ApplicationFixture()
            try await fixture.withAPI { api in
                let draft = try await api.file(.newAccess, ApplicationFixture.newAccessForm())
                let before = try await fixture.counts()
                let problem = try await api.attach(data, kind: "form", filename: "申请表.pdf", to: draft.id)
                    .expectProblem(.badRequest, field: "body", rule: "attachment-type")
                #expect(problem.detail.contains("PDF"), "\(problem.detail)")
                #expect(try await fixture.counts() == before)
                #expect(try await api.application(draft.id).attachments.isEmpty)
                #expect(try fixture.storedFiles().isEmpty)
            }
        }

        @Test("an empty attachment or an unknown attachment kind is refused")
        func emptyOrUnknownKind() async throws {
            let fixture = try await ApplicationFixture()
            try await fixture.withAPI { api in
                let draft = try await api.file(.newAccess, ApplicationFixture.newAccessForm())
                let before = try await fixture.counts()
                try await api.attach(Data(), kind: "form", filename: "申请表.pdf", to: draft.id)
                    .expectProblem(.badRequest, field: "body", rule: "attachment-empty")
                try await api.attach(Scan.formPDF, kind: "photo", filename: "照片.pdf", to: draft.id)
                    .expectProblem(.badRequest, field: "kind", rule: "attachment-kind")
                try await api.attach(Scan.formPDF, kind: "form", filename: "", to: draft.id)
                    .expectProblem(.badRequest, field: "filename", rule: "required")
                #expect(try await fixture.counts() == before)
                #expect(try fixture.storedFiles().isEmpty)
            }
        }

        /// A policy of 4 KiB per file: sizes over it, all refused with 413.
        static let oversized = [4097, 10_000]

        @Test("an attachment over policy.attachmentMaxBytes is refused with 413", arguments: oversized)
        func tooLarge(size: Int) async throws {
            let fixture = try await ApplicationFixture(policy: ApplicationPolicy(attachmentMaxBytes: 4096))
            try await fixture.withAPI { api in
                let draft = try await api.file(.newAccess, ApplicationFixture.newAccessForm())
                let before = try await fixture.counts()
                let problem = try await api.attach(
                    Scan.pdf(size: size), kind: "form", filename: "扫描件.pdf", to: draft.id
                )
                .expectProblem(.contentTooLarge, field: "body")
                #expect(["attachment-size", "body-size"].contains(problem.rule), "\(problem)")
                #expect(try await fixture.counts() == before)
                #expect(try await api.application(draft.id).attachments.isEmpty)
                #expect(try fixture.storedFiles().isEmpty)

                // Exactly at the limit is accepted.
                let fits = try await api.attach(Scan.pdf(size: 4096), kind: "form", filename: "扫描件.pdf", to: draft.id)
                #expect(fits.status == .created, "\(fits.text)")
            }
        }

        @Test(
            "the 413 names the configured limit, even one under 1 MiB",
            arguments: oversized)
        func tooLargeNamesTheLimit(size: Int) async throws {
            let fixture = try await ApplicationFixture(policy: ApplicationPolicy(attachmentMaxBytes: 4096))
            try await fixture.withAPI { api in
                let draft = try await api.file(.newAccess, ApplicationFixture.newAccessForm())
                let problem = try await api.attach(
                    Scan.pdf(size: size), kind: "form", filename: "扫描件.pdf", to: draft.id
                )
                .expectProblem(.contentTooLarge, field: "body")
                #expect(!problem.detail.contains(" 0 MiB"), "\(problem.detail)")
                #expect(
                    problem.detail.contains("4096 bytes") || problem.detail.contains("4 KiB"), "\(problem.detail)")
            }
        }

        @Test("approving twice is a conflict naming what is possible; the second approval changes nothing")
        func approveTwice() async throws {
            let fixture = try await ApplicationFixture()
            try await fixture.withAPI { api in
                let application = try await api.submitted(.newAccess, ApplicationFixture.newAccessForm())
                try await api.take([.startReview], on: application.id)
                let approval = ApprovalInput(hubDevice: "HT-AGG-01", port: "GigabitEthernet0/0/5")
                #expect(try await api.act(.approve, application.id, json: approval).status == .ok)
                let approved = try await api.application(application.id)
                let before = try await fixture.counts()

                let problem = try await api.act(.approve, application.id, json: approval)
                    .expectProblem(.conflict, field: "state", rule: "application-workflow")
                #expect(problem.detail.contains("only provision is possible"), "\(problem.detail)")
                #expect(try await fixture.counts() == before)
                #expect(try await api.application(application.id) == approved)
            }
        }

        @Test("four eyes: whoever filed or submitted an application cannot approve or reject it")
        func fourEyes() async throws {
            let fixture = try await ApplicationFixture()
            try await fixture.withAPI { api in
                // 红塔区 files and submits; the admin submits one the system filed for it.
                let own = try await api.submitted(.newAccess, ApplicationFixture.newAccessForm())
                try await api.take([.startReview], on: own.id, as: .hongta)
                let before = try await fixture.counts()
                let approval = ApprovalInput(hubDevice: "HT-AGG-01", port: "GigabitEthernet0/0/5")
                try await api.act(.approve, own.id, as: .hongta, json: approval)
                    .expectProblem(.forbidden, field: "state", rule: "four-eyes")
                try await api.act(.reject, own.id, as: .hongta, json: ApplicationNote(note: "自己驳回"))
                    .expectProblem(.forbidden, field: "state", rule: "four-eyes")
                #expect(try await fixture.counts() == before)
                let after = try await api.application(own.id)
                #expect(after.state == .underReview)
                #expect(after.notifications.isEmpty)

                // Another reviewer decides.
                #expect(try await api.act(.approve, own.id, as: .admin, json: approval).status == .ok)
            }
        }

        @Test("the 通海县 authority cannot see or act on a 红塔区 application; its list holds only its own")
        func anotherCounty() async throws {
            let fixture = try await ApplicationFixture()
            try await fixture.withAPI { api in
                let hongta = try await api.submitted(.newAccess, ApplicationFixture.newAccessForm())
                let tonghai = try await api.submitted(
                    .change, ApplicationForm(unit: RegistryFixture.tonghaiCode, reason: "扩容", bandwidthMbps: 200),
                    as: .tonghai)
                #expect(tonghai.number == "SQ530423-2025-0001")
                let before = try await fixture.counts()

                try await api.act(.startReview, hongta.id, as: .tonghai).expectProblem(.notFound)
                try await api.act(.withdraw, hongta.id, as: .tonghai).expectProblem(.notFound)
                try await api.get("/api/v1/applications/\(hongta.id)", as: .tonghai).expectProblem(.notFound)
                try await api.send(
                    .patch, "/api/v1/applications/\(hongta.id)", as: .tonghai,
                    json: ApplicationForm(reason: "改")
                )
                .expectProblem(.notFound)
                let filesBefore = try fixture.storedFiles()
                try await api.attach(Scan.letterJPEG, kind: "form", filename: "表.jpg", to: hongta.id, as: .tonghai)
                    .expectProblem(.notFound)
                #expect(try fixture.storedFiles() == filesBefore)
                #expect(try await fixture.counts() == before)
                #expect(try await api.application(hongta.id).state == .submitted)

                for uri in ["/api/v1/applications", "/api/v1/applications?division=530402"] {
                    let page = try await api.fetch(Page<ApplicationView>.self, uri, as: .tonghai)
                    #expect(page.items.map(\.id) == (uri.contains("530402") ? [] : [tonghai.id]), "\(uri)")
                    #expect(page.items.allSatisfy { $0.divisionCode == "530423" })
                }
                let own = try await api.fetch(Page<ApplicationView>.self, "/api/v1/applications", as: .hongta)
                #expect(own.items.map(\.id) == [hongta.id])
                let all = try await api.fetch(Page<ApplicationView>.self, "/api/v1/applications", as: .admin)
                #expect(all.total == 2)

                // Nor can it file one for 红塔区, or about a 红塔区 unit.
                try await api.send(
                    .post, "/api/v1/applications", as: .tonghai,
                    json: ApplicationCreate(kind: "new-access", form: ApplicationFixture.newAccessForm())
                )
                .expectProblem(.forbidden, rule: "role-scope")
                try await api.send(
                    .post, "/api/v1/applications", as: .tonghai,
                    json: ApplicationCreate(
                        kind: "withdrawal",
                        form: ApplicationForm(unit: RegistryFixture.hongtaCode))
                )
                .expectProblem(.notFound, field: "form.unit")
                #expect(try await api.fetch(Page<ApplicationView>.self, "/api/v1/applications").total == 2)
            }
        }

        /// An approval the registry's rules refuse: the request, the form's prefixes, and the refusal.
        struct RefusedApproval: Sendable, CustomTestStringConvertible {
            var name: String
            var approval: ApprovalInput?
            var prefixes = ["10.1.8.0/24"]
            var status: HTTPResponse.Status
            var field: String
            var rule: String
            var testDescription: String { name }
        }

        static let refusedApprovals: [RefusedApproval] = [
            RefusedApproval(
                name: "requested prefix inside 红塔区人民政府办公室's 10.1.2.0/24",
                approval: ApprovalInput(hubDevice: "HT-AGG-01", port: "GigabitEthernet0/0/5"),
                prefixes: ["10.1.8.0/24", "10.1.2.128/25"], status: .conflict, field: "cidr", rule: "prefix-overlap"),
            RefusedApproval(
                name: "a county-level unit on the city's hub (article 16)",
                approval: ApprovalInput(hubDevice: "YX-AGG-01", port: "GigabitEthernet0/0/5"),
                status: .badRequest, field: "hubDevice", rule: "article-16"),
            RefusedApproval(
                name: "a port that already carries a link",
                approval: ApprovalInput(hubDevice: "HT-AGG-01", port: RegistryFixture.samplePort),
                status: .conflict, field: "port", rule: "unique-port"),
            RefusedApproval(
                name: "no hub device or port for an address without a link",
                approval: nil, status: .badRequest, field: "hubDevice", rule: "approval"),
            RefusedApproval(
                name: "an unknown hub device",
                approval: ApprovalInput(hubDevice: "HT-AGG-09", port: "GigabitEthernet0/0/5"),
                status: .badRequest, field: "hubDevice", rule: "known-device"),
        ]

        @Test(
            "an approval the registry refuses rolls back entirely: no unit, no link, still under review",
            arguments: refusedApprovals)
        func approvalRollsBack(refusal: RefusedApproval) async throws {
            let fixture = try await ApplicationFixture()
            try await fixture.withAPI { api in
                let form = ApplicationFixture.newAccessForm(prefixes: refusal.prefixes)
                let application = try await api.submitted(.newAccess, form)
                let reviewing = try await api.take([.startReview], on: application.id)
                let before = try await fixture.counts()

                let response =
                    if let approval = refusal.approval {
                        try await api.act(.approve, application.id, json: approval)
                    } else {
                        try await api.act(.approve, application.id)
                    }
                try response.expectProblem(refusal.status, field: refusal.field, rule: refusal.rule)

                #expect(try await fixture.counts() == before)
                try await api.get("/api/v1/units/\(ApplicationFixture.newCode)").expectProblem(.notFound)
                #expect(try await fixture.link(hub: "HT", port: "GigabitEthernet0/0/5") == nil)
                let after = try await api.application(application.id)
                #expect(after == reviewing)
                #expect(after.state == .underReview)
                #expect(after.unit == nil)
                #expect(after.decidedAt == nil)
                #expect(after.notifications.isEmpty)
                #expect(after.deadline?.stage == "review")
            }
        }

        @Test("a change removing another unit's prefix rolls back the contact and bandwidth it changed first")
        func changeRollsBack() async throws {
            let fixture = try await ApplicationFixture()
            try await fixture.withAPI { api in
                let form = ApplicationForm(
                    unit: RegistryFixture.hongtaCode, contactName: "王五", contactPhone: "13987654321",
                    reason: "调整", bandwidthMbps: 500, removePrefixes: ["10.4.0.0/16"])
                let application = try await api.submitted(.change, form)
                try await api.take([.startReview], on: application.id)
                let unit = try await fixture.unit(RegistryFixture.hongtaCode)
                let link = try await fixture.link(hub: "HT")
                let before = try await fixture.counts()

                let problem = try await api.act(.approve, application.id)
                    .expectProblem(.badRequest, field: "form.removePrefixes", rule: "approval")
                #expect(problem.detail.contains("10.4.0.0/16"), "\(problem.detail)")
                #expect(try await fixture.counts() == before)
                #expect(try await fixture.unit(RegistryFixture.hongtaCode) == unit)
                #expect(try await fixture.link(hub: "HT") == link)
                #expect(try await api.application(application.id).state == .underReview)
            }
        }

        @Test("a withdrawn application is final: no step, edit or attachment is taken")
        func withdrawnIsFinal() async throws {
            let fixture = try await ApplicationFixture()
            try await fixture.withAPI { api in
                let draft = try await api.file(.newAccess, ApplicationFixture.newAccessForm())
                let response = try await api.act(
                    .withdraw, draft.id, as: .hongta, json: ApplicationNote(note: "单位另行申请"))
                #expect(response.status == .ok, "\(response.text)")
                let withdrawn = try response.decode(ApplicationView.self)
                #expect(withdrawn.state == .withdrawn)
                #expect(withdrawn.steps.last == Step("hongta", "withdraw", .draft, .withdrawn))
                let before = try await fixture.counts()

                for action in ApplicationAction.allCases {
                    let problem = try await api.act(action, draft.id, as: .hongta)
                        .expectProblem(.conflict, field: "state", rule: "application-workflow")
                    #expect(problem.detail.contains("final"), "\(action): \(problem.detail)")
                }
                try await api.send(
                    .patch, "/api/v1/applications/\(draft.id)", as: .hongta,
                    json: ApplicationForm(reason: "重新提交")
                )
                .expectProblem(.conflict, field: "state", rule: "application-workflow")
                try await api.attach(Scan.formPDF, kind: "form", filename: "申请表.pdf", to: draft.id)
                    .expectProblem(.conflict, field: "state", rule: "application-workflow")
                #expect(try await fixture.counts() == before)
                #expect(try await api.application(draft.id) == withdrawn)
                #expect(try fixture.storedFiles().isEmpty)
            }
        }

        @Test("the deadline calculator refuses a date past the calendar with 422 naming the year file to add")
        func deadlinePastTheCalendar() async throws {
            let fixture = try await ApplicationFixture()
            try await fixture.withAPI { api in
                let problem = try await api.get("/api/v1/calendar/deadline?from=2026-12-28&days=5")
                    .expectProblem(.unprocessableContent, field: "from", rule: "calendar-coverage")
                #expect(problem.detail.contains("Config/calendar/2027.txt"), "\(problem.detail)")
                try await api.get("/api/v1/calendar/deadline?from=2025-02-29")
                    .expectProblem(.badRequest, field: "from", rule: "date")
                try await api.get("/api/v1/calendar/deadline?from=2025-09-30&days=-1")
                    .expectProblem(.badRequest, field: "days", rule: "query")
            }
        }

        /// From, days (nil: the policy's 5), and the due day.
        static let calendarAnswers: [(String, Int?, String)] = [
            ("2025-09-30", nil, "2025-10-14"),
            ("2026-02-14", 5, "2026-02-28"),
            ("2025-12-29", 5, "2026-01-06"),
            ("2026-09-30", 10, "2026-10-20"),
            ("2026-12-24", 5, "2026-12-31"),
        ]

        @Test("the deadline calculator answers within the calendar", arguments: calendarAnswers)
        func deadlineWithinTheCalendar(from: String, days: Int?, due: String) async throws {
            let fixture = try await ApplicationFixture()
            try await fixture.withAPI { api in
                let query = "from=\(from)" + (days.map { "&days=\($0)" } ?? "")
                let answer = try await api.fetch(
                    WorkingDayDeadline.self, "/api/v1/calendar/deadline?\(query)", as: .auditor)
                #expect(answer == WorkingDayDeadline(from: from, workingDays: days ?? 5, due: due, divisionCode: nil))
            }
        }
    }
}
