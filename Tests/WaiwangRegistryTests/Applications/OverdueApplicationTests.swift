import Foundation
import Hummingbird
import Testing
import WaiwangAPI
import WaiwangCore

extension AccessApplications {
    /// Article 19's clocks as the authority watches them: the overdue list and the Prometheus gauge.
    @Suite("Overdue applications")
    struct Overdue {
        /// The gauge's sample for a stage, read from the Prometheus text.
        static func overdue(_ stage: String, in metrics: String) -> Int? {
            let name = "waiwang_applications_overdue{stage=\"\(stage)\"} "
            return metrics.split(separator: "\n").first { $0.hasPrefix(name) }.flatMap { Int($0.dropFirst(name.count)) }
        }

        @Test("?overdue=true and the gauge count an application once its deadline has passed, by stage")
        func overdueListAndGauge() async throws {
            let fixture = try await ApplicationFixture()  // Tue 2025-09-30 10:00 China time
            try await fixture.withAPI { api in
                // Submitted on 9/30, review due 10/14.
                let review = try await api.submitted(.newAccess, ApplicationFixture.newAccessForm())
                let tonghai = try await api.submitted(
                    .change, ApplicationForm(unit: RegistryFixture.tonghaiCode, reason: "扩容", bandwidthMbps: 200),
                    as: .tonghai)
                // Approved on 9/30, provisioning due 10/21.
                let provisioning = try await api.submitted(
                    .change, ApplicationForm(unit: RegistryFixture.hongtaCode, reason: "扩容", bandwidthMbps: 200))
                try await api.take([.startReview, .approve], on: provisioning.id)
                // A draft runs no clock, however old.
                _ = try await api.file(.withdrawal, ApplicationForm(unit: RegistryFixture.cityCode), as: .admin)

                let onTime = try await api.fetch(Page<ApplicationView>.self, "/api/v1/applications?overdue=true")
                #expect(onTime.total == 0)
                #expect(onTime.items.isEmpty)
                var metrics = try await api.metrics()
                #expect(Self.overdue("review", in: metrics) == 0, "\(metrics)")
                #expect(Self.overdue("provisioning", in: metrics) == 0, "\(metrics)")

                // Tue 10/14 is the last day of review: not yet late.
                fixture.clock.set("2025-10-14T17:00:00+08:00")
                #expect(try await api.fetch(Page<ApplicationView>.self, "/api/v1/applications?overdue=true").total == 0)
                #expect(try await api.application(review.id).deadline?.workingDaysLeft == 0)

                // Wed 10/15: both reviews are one working day late; provisioning has 4 days left.
                fixture.clock.set("2025-10-15T09:00:00+08:00")
                let late = try await api.fetch(Page<ApplicationView>.self, "/api/v1/applications?overdue=true")
                #expect(late.total == 2)
                #expect(late.items.map(\.id) == [review.id, tonghai.id])
                #expect(
                    late.items.first?.deadline
                        == DeadlineView(stage: "review", due: "2025-10-14", workingDaysLeft: -1, overdue: true))
                #expect(
                    try await api.application(provisioning.id).deadline
                        == DeadlineView(stage: "provisioning", due: "2025-10-21", workingDaysLeft: 4, overdue: false))
                metrics = try await api.metrics()
                #expect(Self.overdue("review", in: metrics) == 2, "\(metrics)")
                #expect(Self.overdue("provisioning", in: metrics) == 0, "\(metrics)")

                // The list keeps its other filters and the county's scope.
                let ids = { (uri: String, caller: Caller) async throws -> [Int64] in
                    try await api.fetch(Page<ApplicationView>.self, uri, as: caller).items.map(\.id)
                }
                #expect(try await ids("/api/v1/applications?overdue=true", .hongta) == [review.id])
                #expect(try await ids("/api/v1/applications?overdue=true", .tonghai) == [tonghai.id])
                #expect(try await ids("/api/v1/applications?overdue=true&kind=change", .admin) == [tonghai.id])
                #expect(try await ids("/api/v1/applications?overdue=true&division=530402", .auditor) == [review.id])
                #expect(try await ids("/api/v1/applications?overdue=true&state=approved", .admin) == [])

                // Wed 10/22: provisioning is one working day late too.
                fixture.clock.set("2025-10-22T09:00:00+08:00")
                metrics = try await api.metrics()
                #expect(Self.overdue("review", in: metrics) == 2, "\(metrics)")
                #expect(Self.overdue("provisioning", in: metrics) == 1, "\(metrics)")
                #expect(
                    try await ids("/api/v1/applications?overdue=true", .admin)
                        == [review.id, tonghai.id, provisioning.id])

                // Deciding a late review and finishing a late provisioning take them off.
                try await api.take([.startReview], on: review.id)
                #expect(try await api.act(.reject, review.id, json: ApplicationNote(note: "材料不全")).status == .ok)
                try await api.take([.startProvisioning, .completeProvisioning], on: provisioning.id)
                metrics = try await api.metrics()
                #expect(Self.overdue("review", in: metrics) == 1, "\(metrics)")
                #expect(Self.overdue("provisioning", in: metrics) == 0, "\(metrics)")
                #expect(try await ids("/api/v1/applications?overdue=true", .admin) == [tonghai.id])
            }
        }

        @Test("a review running past the calendar shows the missing year instead of a guessed deadline")
        func pastTheCalendar() async throws {
            let fixture = try await ApplicationFixture(at: "2026-12-28T10:00:00+08:00")
            try await fixture.withAPI { api in
                let application = try await api.submitted(.newAccess, ApplicationFixture.newAccessForm())
                let deadline = try #require(application.deadline)
                #expect(deadline.stage == "review")
                #expect(deadline.due == nil)
                #expect(deadline.workingDaysLeft == nil)
                #expect(!deadline.overdue)
                #expect(deadline.problem?.contains("Config/calendar/2027.txt") == true, "\(deadline)")
                #expect(try await api.fetch(Page<ApplicationView>.self, "/api/v1/applications?overdue=true").total == 0)
            }
        }

        @Test("a submission in the small hours counts from its China day, not the UTC one")
        func chinaDay() async throws {
            // Instant (China time), due, and the due the UTC day would give.
            for (instant, due, utcDue) in [
                ("2025-09-29T00:30:00+08:00", "2025-10-13", "2025-10-11"),  // UTC: Sun 9/28 调休
                ("2025-10-09T07:59:00+08:00", "2025-10-15", "2025-10-14"),  // UTC: 10/8, still the holiday
                ("2025-09-30T23:30:00+08:00", "2025-10-14", "2025-10-14"),  // the same day either way
            ] {
                let fixture = try await ApplicationFixture(at: instant)
                try await fixture.withAPI { api in
                    let application = try await api.submitted(.newAccess, ApplicationFixture.newAccessForm())
                    #expect(application.deadline?.due == due, "\(instant); the UTC day would give \(utcDue)")
                }
            }
        }
    }
}
