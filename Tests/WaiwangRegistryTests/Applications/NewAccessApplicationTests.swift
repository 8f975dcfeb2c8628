import Foundation
import Hummingbird
import Testing
import WaiwangAPI
import WaiwangCore

extension AccessApplications {
    /// Article 18/19 done: a unit joins the extranet by written application, reviewed and provisioned on the clock.
    @Suite("New access (articles 18/19)")
    struct NewAccess {
        @Test("a new access walks from draft to active, the registry and the clock following each step")
        func draftToActive() async throws {
            let fixture = try await ApplicationFixture()  // Tue 2025-09-30 10:00 China time
            let code = ApplicationFixture.newCode
            let before = try await fixture.counts()
            try await fixture.withAPI { api in
                // The 红塔区 authority files the paper form as a draft: no clock runs yet.
                let draft = try await api.file(.newAccess, ApplicationFixture.newAccessForm())
                #expect(draft.state == .draft)
                #expect(draft.number == "SQ530402-2025-0001")
                #expect(draft.divisionCode == "530402")
                #expect(draft.createdBy == "hongta")
                #expect(draft.createdAt == "2025-09-30T02:00:00.000Z")
                #expect(draft.unit == nil)
                #expect(draft.deadline == nil)
                #expect(draft.steps == [Step("hongta", "create", .draft, .draft)])
                let id = draft.id

                // The scanned form and the signed commitment letter, kept by their SHA-256.
                let form = try await api.attach(Scan.formPDF, kind: "form", filename: "新接入申请表.pdf", to: id)
                #expect(form.status == .created, "\(form.text)")
                let formView = try form.decode(AttachmentView.self)
                #expect(formView.kind == "form")
                #expect(formView.filename == "新接入申请表.pdf")
                #expect(formView.mediaType == "application/pdf")
                #expect(formView.size == Scan.formPDF.count)
                #expect(formView.sha256 == Scan.formPDFSHA256)
                #expect(formView.uploadedBy == "hongta")
                #expect(fixture.storedFile(Scan.formPDFSHA256) == Scan.formPDF)

                let letter = try await api.attach(
                    Scan.letterPNG, kind: "commitment-letter", filename: "安全承诺书.png", to: id)
                #expect(letter.status == .created, "\(letter.text)")
                let letterView = try letter.decode(AttachmentView.self)
                #expect(letterView.mediaType == "image/png")
                #expect(letterView.sha256 == Scan.letterPNGSHA256)
                #expect(fixture.storedFile(Scan.letterPNGSHA256) == Scan.letterPNG)
                #expect(try fixture.storedFiles() == [Scan.formPDFSHA256, Scan.letterPNGSHA256].sorted())

                // Submitted on the eve of National Day: 10/1–8 off, so review is due Tue 10/14.
                let submitted = try await api.take([.submit], on: id, as: .hongta)
                #expect(submitted.state == .submitted)
                #expect(submitted.submittedAt == "2025-09-30T02:00:00.000Z")
                #expect(submitted.attachments.map(\.kind) == ["form", "commitment-letter"])
                #expect(
                    submitted.deadline
                        == DeadlineView(stage: "review", due: "2025-10-14", workingDaysLeft: 5, overdue: false))
                #expect(submitted.steps.last == Step("hongta", "submit", .draft, .submitted))
                #expect(try await fixture.counts().units == before.units)

                // Thu 10/9, back after the holiday: the city takes it into review with 4 working days left.
                fixture.clock.set("2025-10-09T09:00:00+08:00")
                let reviewing = try await api.take([.startReview], on: id, as: .admin)
                #expect(reviewing.state == .underReview)
                #expect(
                    reviewing.deadline
                        == DeadlineView(stage: "review", due: "2025-10-14", workingDaysLeft: 4, overdue: false))
                #expect(reviewing.steps.last == Step("admin", "review", .submitted, .underReview))

                // Fri 10/10: approved onto HT-AGG-01 GigabitEthernet0/0/5. Provisioning is due 10 working days
                // later: Sat 10/11 调休 (1), 10/13–17 (2–6), 10/20–23 (7–10).
                fixture.clock.set("2025-10-10T15:00:00+08:00")
                let approval = try await api.act(
                    .approve, id, as: .admin,
                    json: ApprovalInput(hubDevice: "HT-AGG-01", port: "GigabitEthernet0/0/5"))
                #expect(approval.status == .ok, "\(approval.text)")
                let approved = try approval.decode(ApplicationView.self)
                #expect(approved.state == .approved)
                #expect(approved.decidedAt == "2025-10-10T07:00:00.000Z")
                #expect(
                    approved.deadline
                        == DeadlineView(stage: "provisioning", due: "2025-10-23", workingDaysLeft: 10, overdue: false))
                #expect(approved.steps.last == Step("admin", "approve", .underReview, .approved))
                #expect(approved.unit?.creditCode == code)

                // The registry changed with the approval: the unit (applying), its link and its prefix.
                let unit = try await fixture.unit(code)
                #expect(unit.state == .applying)
                #expect(unit.name == "红塔区教育体育局")
                #expect(unit.divisionCode == "530402")
                #expect(unit.level == .county)
                #expect(unit.contactName == "李四")
                #expect(unit.commitmentLetterOnFile)
                let link = try #require(await fixture.link(hub: "HT", port: "GigabitEthernet0/0/5"))
                #expect(link.units.map(\.creditCode) == [code])
                #expect(link.kind == .vpdn)
                #expect(link.carrier == "中国联通")
                #expect(link.bandwidthMbps == 50)
                #expect(link.hubDevice == "HT-AGG-01")
                #expect(link.note == "申请 SQ530402-2025-0001")
                #expect(unit.linkIds == [link.id])
                #expect(unit.prefixes == ["10.1.8.0/24"])
                let counts = try await fixture.counts()
                #expect(counts.units == before.units + 1)
                #expect(counts.links == before.links + 1)
                #expect(counts.prefixes == before.prefixes + 1)

                // The applicant and the carrier are told, with the provisioning deadline.
                #expect(approved.notifications.map(\.recipient) == ["applicant", "carrier"])
                let applicant = try #require(approved.notifications.first)
                #expect(applicant.address == "李四 13812345678")
                #expect(applicant.subject == "新接入申请 SQ530402-2025-0001 已批准")
                #expect(applicant.body.contains("2025-10-23"), "\(applicant.body)")
                let carrier = try #require(approved.notifications.last)
                #expect(carrier.address == "中国联通")
                #expect(carrier.body.contains("玉溪市红塔区红塔大道30号"), "\(carrier.body)")
                #expect(carrier.body.contains("带宽 50M"), "\(carrier.body)")
                #expect(carrier.body.contains("2025-10-23"), "\(carrier.body)")

                // Mon 10/13: the county starts provisioning; 8 working days are left.
                fixture.clock.set("2025-10-13T09:30:00+08:00")
                let started = try await api.act(
                    .startProvisioning, id, as: .hongta, json: ApplicationNote(note: "联通已派单"))
                #expect(started.status == .ok, "\(started.text)")
                let provisioning = try started.decode(ApplicationView.self)
                #expect(provisioning.state == .provisioning)
                #expect(
                    provisioning.deadline
                        == DeadlineView(stage: "provisioning", due: "2025-10-23", workingDaysLeft: 8, overdue: false))
                #expect(provisioning.history.last?.note == "联通已派单")
                #expect(try await fixture.unit(code).state == .applying)

                // Mon 10/20: the line works; the unit is active and the clock stops.
                fixture.clock.set("2025-10-20T16:00:00+08:00")
                let active = try await api.take([.completeProvisioning], on: id, as: .hongta)
                #expect(active.state == .active)
                #expect(active.deadline == nil)
                #expect(try await fixture.unit(code).state == .active)
                #expect(active.notifications.count == 3)
                #expect(active.notifications.last?.recipient == "applicant")
                #expect(active.notifications.last?.subject == "新接入申请 SQ530402-2025-0001 已办结")

                #expect(
                    active.steps == [
                        Step("hongta", "create", .draft, .draft),
                        Step("hongta", "submit", .draft, .submitted),
                        Step("admin", "review", .submitted, .underReview),
                        Step("admin", "approve", .underReview, .approved),
                        Step("hongta", "provision", .approved, .provisioning),
                        Step("hongta", "complete", .provisioning, .active),
                    ])
                #expect(
                    active.history.map(\.at) == [
                        "2025-09-30T02:00:00.000Z", "2025-09-30T02:00:00.000Z", "2025-10-09T01:00:00.000Z",
                        "2025-10-10T07:00:00.000Z", "2025-10-13T01:30:00.000Z", "2025-10-20T08:00:00.000Z",
                    ])
                #expect(try await api.application(id, as: .hongta) == active)
                #expect(active.attachments.map(\.sha256) == [Scan.formPDFSHA256, Scan.letterPNGSHA256])
            }
        }

        @Test("the attachments' files are the bytes sent; the same bytes twice are kept once")
        func attachmentFiles() async throws {
            let fixture = try await ApplicationFixture()
            try await fixture.withAPI { api in
                let first = try await api.file(.newAccess, ApplicationFixture.newAccessForm())
                let second = try await api.file(
                    .newAccess,
                    ApplicationFixture.newAccessForm(
                        code: RegistryFixture.creditCode(division: "530402", serial: 21), name: "红塔区档案馆",
                        address: "红塔区红塔大道32号", prefixes: []))
                #expect(second.number == "SQ530402-2025-0002")
                for id in [first.id, second.id] {
                    let response = try await api.attach(Scan.formPDF, kind: "form", filename: "申请表.pdf", to: id)
                    #expect(response.status == .created, "\(response.text)")
                    #expect(try response.decode(AttachmentView.self).sha256 == Scan.formPDFSHA256)
                }
                let jpeg = try await api.attach(
                    Scan.letterJPEG, kind: "commitment-letter", filename: "承诺书.jpg", to: first.id)
                #expect(jpeg.status == .created, "\(jpeg.text)")
                #expect(try jpeg.decode(AttachmentView.self).mediaType == "image/jpeg")
                let files = try fixture.storedFiles()
                #expect(files.count == 2)
                #expect(files.contains(Scan.formPDFSHA256))
                #expect(fixture.storedFile(Scan.formPDFSHA256) == Scan.formPDF)
                #expect(try await api.application(first.id).attachments.count == 2)
                #expect(try await api.application(second.id).attachments.count == 1)
            }
        }

        @Test("a unit at an address that already has a link on its hub joins that link, no port needed (article 17)")
        func joinsTheLinkAtItsAddress() async throws {
            let fixture = try await ApplicationFixture()
            let code = RegistryFixture.creditCode(division: "530402", serial: 22)
            try await fixture.withAPI { api in
                let existing = try #require(await fixture.link(hub: "HT"))
                #expect(existing.units.map(\.creditCode) == [RegistryFixture.hongtaCode])
                // 聂耳路28号, where 红塔区人民政府办公室 already has its line, written another way.
                let form = ApplicationFixture.newAccessForm(
                    code: code, name: "红塔区档案馆", address: "云南省玉溪市红塔区 聂耳路28号", prefixes: ["10.1.9.0/24"])
                let application = try await api.submitted(.newAccess, form)
                try await api.take([.startReview], on: application.id)
                let before = try await fixture.counts()

                let approved = try await api.take([.approve], on: application.id)  // no hub device, no port
                #expect(approved.state == .approved)
                let link = try #require(await fixture.link(hub: "HT"))
                #expect(link.id == existing.id)
                #expect(link.units.map(\.creditCode) == [RegistryFixture.hongtaCode, code])
                #expect(link.shared)
                #expect(link.bandwidthMbps == existing.bandwidthMbps)
                let unit = try await fixture.unit(code)
                #expect(unit.linkIds == [existing.id])
                #expect(unit.coLocatedUnits.map(\.creditCode) == [RegistryFixture.hongtaCode])
                #expect(unit.prefixes == ["10.1.9.0/24"])
                let after = try await fixture.counts()
                #expect(after.links == before.links)
                #expect(after.units == before.units + 1)

                try await api.take([.startProvisioning, .completeProvisioning], on: application.id)
                #expect(try await fixture.unit(code).state == .active)
            }
        }

        @Test("a city-level unit in the same building lands on the city's hub, not on the county's link (article 16)")
        func cityUnitAtACountyAddress() async throws {
            let fixture = try await ApplicationFixture()
            let code = RegistryFixture.creditCode(division: "530400", serial: 23)
            try await fixture.withAPI { api in
                var form = ApplicationFixture.newAccessForm(
                    code: code, name: "玉溪市档案馆", address: RegistryFixture.hongtaAddress, prefixes: ["10.0.9.0/24"])
                form.level = "city"
                form.divisionCode = "530400"
                let application = try await api.submitted(.newAccess, form, as: .admin)
                #expect(application.number == "SQ530400-2025-0001")
                // Four eyes: the admin filed it, so another city reviewer decides it.
                let reviewer = fixture.reviewer(api)
                try await reviewer.take([.startReview], on: application.id)
                let before = try await fixture.counts()

                // The county link at the address is on hub HT, not the city's: a new link is needed.
                try await reviewer.act(.approve, application.id)
                    .expectProblem(.badRequest, field: "hubDevice", rule: "approval")
                #expect(try await fixture.counts() == before)
                #expect(try await api.application(application.id).state == .underReview)

                let approved = try await reviewer.act(
                    .approve, application.id,
                    json: ApprovalInput(hubDevice: "YX-AGG-01", port: "GigabitEthernet0/0/9"))
                #expect(approved.status == .ok, "\(approved.text)")
                let link = try #require(await fixture.link(hub: "YX", port: "GigabitEthernet0/0/9"))
                #expect(link.units.map(\.creditCode) == [code])
                #expect(try await fixture.link(hub: "HT")?.units.count == 1)
            }
        }
    }
}
