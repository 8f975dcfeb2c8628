import Foundation
import Hummingbird
import Testing
import WaiwangAPI
import WaiwangCore

extension AccessApplications {
    /// What the registry keeps of an application: the draft as it grows, its filing number, its audit trail.
    @Suite("Application records")
    struct Records {
        @Test("a draft is completed over several sittings: PATCH fills in what submit listed as missing")
        func severalSittings() async throws {
            let fixture = try await ApplicationFixture()
            try await fixture.withAPI { api in
                let complete = ApplicationFixture.newAccessForm()
                let draft = try await api.file(
                    .newAccess, ApplicationForm(unitName: complete.unitName, divisionCode: "530402"))
                let problem = try await api.act(.submit, draft.id, as: .hongta)
                    .expectProblem(.badRequest, field: "form", rule: "article-18")
                #expect(problem.errors?.contains { $0.field == "form.creditCode" } == true, "\(problem)")

                var rest = complete
                rest.unitName = nil
                let patched = try await api.send(.patch, "/api/v1/applications/\(draft.id)", as: .hongta, json: rest)
                #expect(patched.status == .ok, "\(patched.text)")
                let view = try patched.decode(ApplicationView.self)
                #expect(view.form == complete)
                #expect(view.state == .draft)

                for (data, kind) in [(Scan.formPDF, "form"), (Scan.letterPNG, "commitment-letter")] {
                    let response = try await api.attach(data, kind: kind, filename: "\(kind).pdf", to: draft.id)
                    #expect(response.status == .created, "\(response.text)")
                }
                #expect(try await api.take([.submit], on: draft.id, as: .hongta).state == .submitted)

                // Once submitted, the form is what was filed.
                try await api.send(
                    .patch, "/api/v1/applications/\(draft.id)", as: .hongta,
                    json: ApplicationForm(bandwidthMbps: 1000)
                )
                .expectProblem(.conflict, field: "state", rule: "application-workflow")
                #expect(try await api.application(draft.id).form == complete)
            }
        }

        @Test("the audit log holds each step of an application, and its approval's registry changes by the approver")
        func auditTrail() async throws {
            let fixture = try await ApplicationFixture()
            try await fixture.withAPI { api in
                let application = try await api.submitted(.newAccess, ApplicationFixture.newAccessForm())
                fixture.clock.set("2025-10-09T09:00:00+08:00")
                try await api.take([.startReview], on: application.id)
                let response = try await api.act(
                    .approve, application.id, json: ApprovalInput(hubDevice: "HT-AGG-01", port: "GigabitEthernet0/0/5"))
                #expect(response.status == .ok, "\(response.text)")

                let entries = try await api.fetch([AuditEntryView].self, "/api/v1/audit", as: .auditor)
                #expect(AuditChain.verify(entries) == nil)
                let steps = entries.filter { $0.entity == "application" && $0.entityId == application.number }
                #expect(
                    steps.filter { $0.action != "application.create" }.map(\.action) == [
                        "application.attach", "application.attach", "application.submit", "application.review",
                        "application.approve",
                    ])
                #expect(steps.first { $0.action == "application.submit" }?.actor == "hongta@530402")

                // The unit, its link and its prefix are written by the approver, at the approval, in its transaction.
                let approve = try #require(steps.last)
                #expect(approve.actor == "admin")
                #expect(approve.at == "2025-10-09T01:00:00.000Z")
                let changes = entries.filter { $0.seq < approve.seq && $0.at == approve.at }
                #expect(changes.map(\.action) == ["application.review", "unit.create", "link.create", "prefix.create"])
                #expect(changes.dropFirst().allSatisfy { $0.actor == "admin" })
                #expect(changes.last?.seq == approve.seq - 1)
            }
        }

        @Test(
            "filing a draft is audited like every later step")
        func filingIsAudited() async throws {
            let fixture = try await ApplicationFixture()
            try await fixture.withAPI { api in
                let before = try await fixture.counts()
                let draft = try await api.file(.newAccess, ApplicationFixture.newAccessForm())
                #expect(try await fixture.counts().auditEntries == before.auditEntries + 1)
                let entries = try await api.fetch([AuditEntryView].self, "/api/v1/audit", as: .auditor)
                let filed = try #require(entries.last)
                #expect(filed.action == "application.create")
                #expect(filed.entity == "application")
                #expect(filed.entityId == draft.number)
                #expect(filed.actor == "hongta@530402")
            }
        }

        @Test(
            "the filing number carries the year of China's calendar, not UTC's")
        func numberYear() async throws {
            // 07:00 on 2026-01-01 in China is 23:00 on 2025-12-31 UTC.
            let fixture = try await ApplicationFixture(at: "2026-01-01T07:00:00+08:00")
            try await fixture.withAPI { api in
                let draft = try await api.file(.newAccess, ApplicationFixture.newAccessForm())
                #expect(draft.number == "SQ530402-2026-0001")
            }
        }

        @Test(
            "a draft moved to another county never makes a later filing number collide")
        func numbersNeverRepeat() async throws {
            let fixture = try await ApplicationFixture()
            try await fixture.withAPI { api in
                let first = try await api.file(.newAccess, ApplicationFixture.newAccessForm(), as: .admin)
                let second = try await api.file(
                    .newAccess,
                    ApplicationFixture.newAccessForm(
                        code: RegistryFixture.creditCode(division: "530402", serial: 26), name: "红塔区档案馆",
                        address: "红塔区红塔大道32号"), as: .admin)
                #expect([first.number, second.number] == ["SQ530402-2025-0001", "SQ530402-2025-0002"])
                // The unit turns out to sit in 江川区: the city moves the draft there.
                let moved = try await api.send(
                    .patch, "/api/v1/applications/\(first.id)", as: .admin,
                    json: ApplicationForm(divisionCode: "530403"))
                #expect(moved.status == .ok, "\(moved.text)")
                #expect(try moved.decode(ApplicationView.self).divisionCode == "530403")

                let third = try await api.send(
                    .post, "/api/v1/applications", as: .hongta,
                    json: ApplicationCreate(
                        kind: "new-access",
                        form: ApplicationFixture.newAccessForm(
                            code: RegistryFixture.creditCode(division: "530402", serial: 27), name: "红塔区方志办",
                            address: "红塔区红塔大道34号")))
                #expect(third.status == .created, "\(third.text)")
                let numbers = try await api.fetch(Page<ApplicationView>.self, "/api/v1/applications").items.map(
                    \.number)
                #expect(Set(numbers).count == 3, "\(numbers)")
            }
        }

        @Test(
            "completing an old new-access application does not bring back a unit withdrawn meanwhile")
        func noResurrection() async throws {
            let fixture = try await ApplicationFixture()
            let code = ApplicationFixture.newCode
            try await fixture.withAPI { api in
                let access = try await api.submitted(.newAccess, ApplicationFixture.newAccessForm())
                try await api.take([.startReview], on: access.id)
                let approval = ApprovalInput(hubDevice: "HT-AGG-01", port: "GigabitEthernet0/0/5")
                #expect(try await api.act(.approve, access.id, json: approval).status == .ok)
                // Before the line is provisioned, the unit withdraws.
                let withdrawal = try await api.submitted(.withdrawal, ApplicationForm(unit: code, reason: "机构撤并"))
                try await api.take(
                    [.startReview, .approve, .startProvisioning, .completeProvisioning], on: withdrawal.id)
                #expect(try await fixture.unit(code).state == .withdrawn)

                try await api.take([.startProvisioning], on: access.id)
                try await api.act(.completeProvisioning, access.id).expectProblem(.conflict)
                #expect(try await fixture.unit(code).state == .withdrawn)
            }
        }
    }
}
