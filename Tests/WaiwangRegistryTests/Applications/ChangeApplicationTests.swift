import Foundation
import Hummingbird
import Testing
import WaiwangAPI
import WaiwangCore

extension AccessApplications {
    /// A change application (变更申请) to the access of a registered unit: its line, its contact, its prefixes.
    @Suite("Change applications")
    struct Change {
        /// 红塔区人民政府办公室 (100 Mbps 中国电信 VPDN, 10.1.2.0/24, contact 张三) asks for 200 Mbps and a new contact.
        static let bandwidthAndContact = ApplicationForm(
            unit: RegistryFixture.hongtaCode, contactName: "王五", contactPhone: "13987654321",
            reason: "业务量增长，申请扩容并变更联系人", bandwidthMbps: 200)

        @Test("rejected: reasons are required (article 19), the applicant is told them, the registry stays as it was")
        func rejected() async throws {
            let fixture = try await ApplicationFixture()
            try await fixture.withAPI { api in
                // A change needs the scanned form only, not a new commitment letter.
                let application = try await api.submitted(.change, Self.bandwidthAndContact)
                #expect(application.state == .submitted)
                #expect(application.attachments.map(\.kind) == ["form"])
                #expect(application.unit?.creditCode == RegistryFixture.hongtaCode)
                #expect(application.number == "SQ530402-2025-0001")
                try await api.take([.startReview], on: application.id)
                let unitBefore = try await fixture.unit(RegistryFixture.hongtaCode)
                let linkBefore = try #require(await fixture.link(hub: "HT"))
                let before = try await fixture.counts()

                // No reasons, or blank ones: refused, nothing recorded.
                try await api.act(.reject, application.id)
                    .expectProblem(.badRequest, field: "note", rule: "article-19")
                let blank = try await api.act(.reject, application.id, json: ApplicationNote(note: " \n "))
                let problem = try blank.expectProblem(.badRequest, field: "note", rule: "article-19")
                #expect(problem.detail.contains("reasons"), "\(problem.detail)")
                #expect(try await fixture.counts() == before)
                let waiting = try await api.application(application.id)
                #expect(waiting.state == .underReview)
                #expect(waiting.notifications.isEmpty)
                #expect(waiting.steps.last == Step("admin", "review", .submitted, .underReview))

                let reasons = "带宽需求未附业务量测算依据；联系人变更须附单位授权书"
                let response = try await api.act(.reject, application.id, json: ApplicationNote(note: reasons))
                #expect(response.status == .ok, "\(response.text)")
                let rejected = try response.decode(ApplicationView.self)
                #expect(rejected.state == .rejected)
                #expect(rejected.rejectionReasons == reasons)
                #expect(rejected.decidedAt == "2025-09-30T02:00:00.000Z")
                #expect(rejected.deadline == nil)
                #expect(rejected.steps.last == Step("admin", "reject", .underReview, .rejected))
                #expect(rejected.history.last?.note == reasons)
                #expect(rejected.notifications.map(\.recipient) == ["applicant"])
                let told = try #require(rejected.notifications.first)
                #expect(told.subject == "变更申请 SQ530402-2025-0001 未获批准")
                #expect(told.body.contains(reasons), "\(told.body)")

                // The registry did not move.
                #expect(try await fixture.unit(RegistryFixture.hongtaCode) == unitBefore)
                #expect(try await fixture.link(hub: "HT") == linkBefore)
                let after = try await fixture.counts()
                #expect(after.units == before.units)
                #expect(after.links == before.links)
                #expect(after.prefixes == before.prefixes)

                // Rejected is final.
                try await api.act(.approve, application.id)
                    .expectProblem(.conflict, field: "state", rule: "application-workflow")
            }
        }

        @Test("approved: the link's bandwidth and the contact change; a prefix is widened by removing and adding")
        func approved() async throws {
            let fixture = try await ApplicationFixture()
            try await fixture.withAPI { api in
                var form = Self.bandwidthAndContact
                form.bandwidthMbps = 1000
                form.prefixes = ["10.1.2.0/23"]  // overlaps the /24 it replaces: removed first, then added
                form.removePrefixes = ["10.1.2.0/24"]
                let application = try await api.submitted(.change, form)
                let linkBefore = try #require(await fixture.link(hub: "HT"))
                #expect(linkBefore.bandwidthMbps == 100)
                let before = try await fixture.counts()

                let approved = try await api.take([.startReview, .approve], on: application.id)
                #expect(approved.state == .approved)
                #expect(approved.deadline?.stage == "provisioning")
                #expect(approved.deadline?.due == "2025-10-21")  // 10/9, 10/10, Sat 10/11, 10/13–17, 10/20, 10/21

                let unit = try await fixture.unit(RegistryFixture.hongtaCode)
                #expect(unit.contactName == "王五")
                #expect(unit.contactPhone == "13987654321")
                #expect(unit.state == .active)
                #expect(unit.prefixes == ["10.1.2.0/23"])
                let link = try #require(await fixture.link(hub: "HT"))
                #expect(link.id == linkBefore.id)
                #expect(link.bandwidthMbps == 1000)
                #expect(link.carrier == "中国电信")
                #expect(link.kind == linkBefore.kind)
                #expect(!(try await fixture.prefixes().map(\.cidr).contains("10.1.2.0/24")))
                let after = try await fixture.counts()
                #expect(after.units == before.units)
                #expect(after.links == before.links)
                #expect(after.prefixes == before.prefixes)

                // The carrier is the one on the unit's line.
                #expect(approved.notifications.map(\.recipient) == ["applicant", "carrier"])
                #expect(approved.notifications.last?.address == "中国电信")
                #expect(approved.notifications.last?.body.contains("带宽 1000M") == true)

                let active = try await api.take([.startProvisioning, .completeProvisioning], on: application.id)
                #expect(active.state == .active)
                #expect(try await fixture.unit(RegistryFixture.hongtaCode).state == .active)
                #expect(try await fixture.link(hub: "HT")?.bandwidthMbps == 1000)
            }
        }
    }
}
