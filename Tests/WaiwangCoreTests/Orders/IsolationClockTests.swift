import Testing
import WaiwangCore

/// Step deadlines: minutes for approval, execution and restore; working days (shipped calendar, local holidays)
/// for remediation and verification, ending at 24:00 China time of the n-th working day after the start.
@Suite("Isolation deadlines")
struct IsolationClockTests {
    typealias F = IncidentFixture
    let calendar: WorkingDayCalendar
    let policy = IsolationPolicy()

    init() throws {
        calendar = try CalendarFixture.shipped(adding: [CalendarFixture.eshanTorchFestival])
    }

    @Test("Config/isolation.json is the default policy and valid")
    func shipped() throws {
        let policy = try IncidentFixture.shipped(IsolationPolicy.self, "isolation.json")
        #expect(policy == IsolationPolicy())
        try policy.validate()
        #expect(throws: RegistryError.self) { try IsolationPolicy(approvalMinutes: 0).validate() }
        #expect(throws: RegistryError.self) { try IsolationPolicy(remediationWorkingDays: 61).validate() }
    }

    @Test("approval within 30 min of the proposal, execution within 5 of the approval")
    func minutes() throws {
        let proposed = try F.proposed(at: F.at("2025-11-27", 10))
        let approval = try #require(
            IsolationClock.deadlines(proposed, policy: policy, calendar: calendar, now: F.at("2025-11-27", 10, 29))
                .first)
        #expect(approval.step == .approval)
        #expect(approval.due == F.at("2025-11-27", 10, 30))
        #expect(!approval.overdue)
        #expect(
            IsolationClock.overdue(proposed, policy: policy, calendar: calendar, now: F.at("2025-11-27", 10, 30)).map(
                \.step) == [.approval])
        let executing = try F.run(proposed, [(.approve, F.bob), (.execute, F.bob)], at: F.at("2025-11-27", 10, 10))
        let execution = try #require(
            IsolationClock.deadlines(executing, policy: policy, calendar: calendar, now: F.at("2025-11-27", 10, 14))
                .first)
        #expect(execution.step == .execution)
        #expect(execution.due == F.at("2025-11-27", 10, 15))
        #expect(!execution.overdue)
    }

    /// Isolated at (China time), division, remediation due (24:00 of that day = 00:00 of the next), why.
    static let remediationCases: [(String, String, String, String)] = [
        ("2025-11-28", "530402", "2025-12-04", "Fri: Mon 12/1 (1), 12/2 (2), 12/3 (3)"),
        (
            "2025-09-30", "530402", "2025-10-12",
            "eve of National Day: 10/1–8 off, 10/9 (1), 10/10 (2), Sat 10/11 调休 (3)"
        ),
        ("2025-07-16", "530402", "2025-07-22", "national: 7/17 (1), 7/18 (2), 7/21 (3)"),
        ("2025-07-16", "530426", "2025-07-23", "峨山 火把节 7/17–18 off, Sun 7/20 worked (1), 7/21 (2), 7/22 (3)"),
    ]

    @Test(
        "remediation within 3 working days of isolation, across weekends, holidays and local holidays",
        arguments: remediationCases)
    func remediation(isolatedOn: String, division: String, nextDay: String, why: String) throws {
        var order = try F.order(in: .isolated)
        order.division = division
        order.isolatedAt = F.at(isolatedOn, 15)
        let due = Instant(startOf: CivilDate(nextDay)!)
        let deadline = try #require(
            IsolationClock.deadlines(order, policy: policy, calendar: calendar, now: due.adding(seconds: -1)).first)
        #expect(deadline.step == .remediation)
        #expect(deadline.due == due, "\(why)")
        #expect(!deadline.overdue)
        #expect(
            IsolationClock.overdue(order, policy: policy, calendar: calendar, now: due).map(\.step) == [.remediation])
    }

    @Test("verification within 1 working day of the report: Friday 2026-02-13 → Saturday 2/14 调休")
    func verification() throws {
        var order = try F.order(in: .verifying)
        order.remediation?.at = F.at("2026-02-13", 17)
        let deadline = try #require(
            IsolationClock.deadlines(order, policy: policy, calendar: calendar, now: F.at("2026-02-14", 23)).first)
        #expect(deadline.step == .verification)
        #expect(deadline.due == Instant(startOf: CivilDate("2026-02-15")!))
        #expect(!deadline.overdue)
    }

    @Test("no calendar, or a year it does not know: the due date is unknown and says why")
    func problems() throws {
        var order = try F.order(in: .isolated)
        let none = try #require(
            IsolationClock.deadlines(order, policy: policy, calendar: nil, now: F.at("2025-11-27")).first)
        #expect(none.due == nil)
        #expect(none.problem?.contains("Config/calendar") == true)
        order.isolatedAt = F.at("2026-12-30")
        let beyond = try #require(
            IsolationClock.deadlines(order, policy: policy, calendar: calendar, now: F.at("2026-12-30")).first)
        #expect(beyond.due == nil)
        #expect(beyond.problem?.contains("2027") == true)
    }

    @Test("after restore: 5 minutes for every port to come up; nothing runs on a closed order")
    func restoreAndClosed() throws {
        let verifying = try F.run(
            F.order(in: .verifying), [(.verify(accepted: true, note: ""), F.alice), (.restore, F.alice)],
            at: F.at("2025-11-27", 11))
        let restore = try #require(
            IsolationClock.deadlines(verifying, policy: policy, calendar: calendar, now: F.at("2025-11-27", 11, 5))
                .first)
        #expect(restore.step == .restore)
        #expect(restore.overdue)
        #expect(
            IsolationClock.deadlines(
                try F.order(in: .closed), policy: policy, calendar: calendar, now: F.at("2025-11-27")
            ).isEmpty)
    }
}
