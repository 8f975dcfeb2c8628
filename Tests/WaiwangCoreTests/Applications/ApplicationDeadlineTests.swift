import Testing
import WaiwangCore

/// Article 19's clocks on the shipped calendar: review within 5 working days of the submission day, provisioning
/// within 10 of the approval day. Every date was counted by hand and checked with Python's `datetime` against the
/// State Council notices.
@Suite("Application deadlines")
struct ApplicationDeadlineTests {
    let calendar: WorkingDayCalendar
    let policy = ApplicationPolicy()

    init() throws {
        calendar = try CalendarFixture.shipped()
    }

    @Test("the policy's defaults are article 19's: 5 working days to review, 10 to provision, 10 MiB a file")
    func defaults() throws {
        #expect(policy.reviewWorkingDays == 5)
        #expect(policy.provisioningWorkingDays == 10)
        #expect(policy.attachmentMaxBytes == 10 * 1024 * 1024)
        try policy.validate()
    }

    /// Submitted (China time), due, and the count.
    static let reviews: [(String, String, String)] = [
        (
            "2025-09-30", "2025-10-14",
            "eve of National Day: 10/1–8 off, 10/9 (1), 10/10 (2), Sat 10/11 调休 (3), 10/13 (4), 10/14 (5)"
        ),
        (
            "2026-02-14", "2026-02-28",
            "on Sat 2/14 调休, a workday: 2/15–23 off, 2/24 (1), 2/25 (2), 2/26 (3), 2/27 (4), Sat 2/28 调休 (5)"
        ),
        (
            "2025-12-29", "2026-01-06",
            "across New Year: 12/30 (1), 12/31 (2), 1/1–3 off, Sun 1/4 调休 (3), 1/5 (4), 1/6 (5)"
        ),
        ("2025-10-03", "2025-10-14", "submitted on a holiday: the day itself never counts"),
    ]

    @Test("review deadline: the 5th working day after the submission day", arguments: reviews)
    func review(submitted: String, due: String, count: String) throws {
        for state in [ApplicationState.submitted, .underReview] {
            let deadline = try #require(compute(state, submitted: submitted, today: submitted))
            #expect(deadline.stage == .review)
            #expect(deadline.due == date(due), "\(count)")
            #expect(deadline.workingDaysLeft == 5)
            #expect(!deadline.overdue)
            #expect(deadline.problem == nil)
        }
    }

    /// Today, working days left, overdue: an application submitted on 2025-09-30, due 2025-10-14.
    static let countdown: [(String, Int, Bool)] = [
        ("2025-09-30", 5, false),
        ("2025-10-01", 5, false),  // the holiday does not run the clock
        ("2025-10-08", 5, false),
        ("2025-10-09", 4, false),
        ("2025-10-10", 3, false),
        ("2025-10-11", 2, false),  // Sat 调休
        ("2025-10-12", 2, false),  // Sunday
        ("2025-10-13", 1, false),
        ("2025-10-14", 0, false),  // the last day: due today, not yet late
        ("2025-10-15", -1, true),
        ("2025-10-17", -3, true),
        ("2025-10-20", -4, true),  // the weekend in between does not count
    ]

    @Test("working days left count down and go negative once today passes the due day", arguments: countdown)
    func reviewCountdown(today: String, left: Int, overdue: Bool) throws {
        let deadline = try #require(compute(.underReview, submitted: "2025-09-30", today: today))
        #expect(deadline.due == date("2025-10-14"))
        #expect(deadline.workingDaysLeft == left)
        #expect(deadline.overdue == overdue)
    }

    /// Across New Year and around the adjusted Saturday of Spring Festival 2026: submitted, today, left.
    static let moreCountdowns: [(String, String, Int)] = [
        ("2025-12-29", "2025-12-31", 3),  // due 2026-01-06: 1/4 调休, 1/5, 1/6
        ("2025-12-29", "2026-01-02", 3),  // inside the holiday
        ("2025-12-29", "2026-01-04", 2),  // on Sun 1/4 调休
        ("2026-02-14", "2026-02-24", 4),  // due 2026-02-28: 2/25, 2/26, 2/27, 2/28
        ("2026-02-14", "2026-03-02", -1),  // Mon 3/2: Sat 2/28 was the last day
    ]

    @Test("working days left across New Year and Spring Festival", arguments: moreCountdowns)
    func moreCountdown(submitted: String, today: String, left: Int) throws {
        let deadline = try #require(compute(.submitted, submitted: submitted, today: today))
        #expect(deadline.workingDaysLeft == left)
        #expect(deadline.overdue == (left < 0))
    }

    /// Approved (China time), due, and the count.
    static let provisionings: [(String, String, String)] = [
        (
            "2026-09-28", "2026-10-16",
            "9/29 (1), 9/30 (2), 10/1–7 off, 10/8 (3), 10/9 (4), Sat 10/10 调休 (5), 10/12–16 (6–10)"
        ),
        (
            "2026-09-30", "2026-10-20",
            "10/1–7 off, 10/8 (1), 10/9 (2), Sat 10/10 调休 (3), 10/12–16 (4–8), 10/19 (9), 10/20 (10)"
        ),
        ("2025-10-10", "2025-10-23", "Sat 10/11 调休 (1), 10/13–17 (2–6), 10/20–23 (7–10)"),
    ]

    @Test("provisioning deadline: the 10th working day after the approval day", arguments: provisionings)
    func provisioning(approved: String, due: String, count: String) throws {
        for state in [ApplicationState.approved, .provisioning] {
            // The submission day plays no part once approved.
            let deadline = try #require(compute(state, submitted: "2025-01-02", approved: approved, today: approved))
            #expect(deadline.stage == .provisioning)
            #expect(deadline.due == date(due), "\(count)")
            #expect(deadline.workingDaysLeft == 10)
            #expect(!deadline.overdue)
        }
    }

    /// Today and working days left, approved 2026-09-30 and due 2026-10-20.
    static let provisioningDays: [(String, Int)] = [
        ("2026-09-30", 10), ("2026-10-08", 9), ("2026-10-10", 7), ("2026-10-20", 0), ("2026-10-21", -1),
    ]

    @Test("the provisioning clock across National Day 2026", arguments: provisioningDays)
    func provisioningCountdown(today: String, left: Int) throws {
        let deadline = try #require(compute(.provisioning, approved: "2026-09-30", today: today))
        #expect(deadline.due == date("2026-10-20"))
        #expect(deadline.workingDaysLeft == left)
        #expect(deadline.overdue == (left < 0))
    }

    @Test(
        "no clock runs on a draft or a final application",
        arguments: [
            ApplicationState.draft, .rejected, .active, .withdrawn,
        ])
    func noDeadline(state: ApplicationState) {
        #expect(compute(state, submitted: "2025-09-30", approved: "2025-10-10", today: "2025-10-13") == nil)
    }

    @Test("no clock runs before its start day is known")
    func noStartDay() {
        #expect(compute(.submitted, today: "2025-10-13") == nil)
        #expect(compute(.approved, submitted: "2025-09-30", today: "2025-10-13") == nil)
    }

    /// State, start day (submitted or approved), today, and the date the message names.
    static let pastCalendar: [(ApplicationState, String, String, String)] = [
        // Mon 12/28 + 5: 12/29 (1), 12/30 (2), 12/31 (3), then 2027, which has no file.
        (.submitted, "2026-12-28", "2026-12-28", "2027-01-01"),
        // Mon 12/21 + 10: 12/22–25 (1–4), 12/28–31 (5–8), then 2027.
        (.approved, "2026-12-21", "2026-12-21", "2027-01-01"),
    ]

    @Test("a deadline past 2026-12-31 is a problem naming the missing year, not a guess", arguments: pastCalendar)
    func pastTheCalendar(state: ApplicationState, start: String, today: String, outside: String) throws {
        let deadline = try #require(
            state == .approved
                ? compute(state, submitted: start, approved: start, today: today)
                : compute(state, submitted: start, today: today))
        #expect(deadline.due == nil)
        #expect(deadline.workingDaysLeft == nil)
        #expect(!deadline.overdue)
        let problem = try #require(deadline.problem)
        #expect(problem.contains("\(outside) is outside the working-day calendar"), "\(problem)")
        #expect(problem.contains("Config/calendar/2027.txt"), "\(problem)")
    }

    @Test(
        "a due day the calendar knows is kept when only today lies past the calendar"
    )
    func dueKeptWhenTodayIsPastTheCalendar() throws {
        // Submitted Thu 12/24: due Thu 12/31 (12/25, 12/28–31); on 2027-01-04 the days left cannot be counted.
        let deadline = try #require(compute(.underReview, submitted: "2026-12-24", today: "2027-01-04"))
        #expect(deadline.due == date("2026-12-31"))
        #expect(deadline.workingDaysLeft == nil)
        #expect(deadline.problem?.contains("Config/calendar/2027.txt") == true)
    }

    @Test("without a calendar the deadline says so")
    func noCalendar() throws {
        let deadline = try #require(
            ApplicationDeadline.compute(
                state: .submitted, submitted: date("2025-09-30"), approved: nil, today: date("2025-09-30"),
                division: "530402", calendar: nil, policy: policy))
        #expect(deadline.stage == .review)
        #expect(deadline.due == nil)
        #expect(deadline.problem?.contains("no working-day calendar") == true)
    }

    @Test("the policy's number of working days is used: 3 days from 2025-09-30 ends on Sat 10/11 调休")
    func policyDays() throws {
        let deadline = try #require(
            ApplicationDeadline.compute(
                state: .submitted, submitted: date("2025-09-30"), approved: nil, today: date("2025-10-09"),
                division: "530402", calendar: calendar, policy: ApplicationPolicy(reviewWorkingDays: 3)))
        #expect(deadline.due == date("2025-10-11"))
        #expect(deadline.workingDaysLeft == 2)
    }

    @Test("a county's local holiday lengthens its own applications' deadlines only")
    func localHoliday() throws {
        let calendar = try CalendarFixture.shipped(adding: [CalendarFixture.eshanTorchFestival])
        func due(_ division: String) -> CivilDate? {
            ApplicationDeadline.compute(
                state: .submitted, submitted: date("2025-07-15"), approved: nil, today: date("2025-07-15"),
                division: division, calendar: calendar, policy: policy)?.due
        }
        // 峨山 (made-up 火把节 7/17–18, Sun 7/20 worked): 7/16, 7/20, 7/21, 7/22, 7/23.
        #expect(due("530426") == date("2025-07-23"))
        // Elsewhere: 7/16, 7/17, 7/18, 7/21, 7/22.
        #expect(due("530402") == date("2025-07-22"))
    }

    /// Field and a policy that breaks it.
    static let badPolicies: [(String, ApplicationPolicy)] = [
        ("reviewWorkingDays", ApplicationPolicy(reviewWorkingDays: 0)),
        ("provisioningWorkingDays", ApplicationPolicy(provisioningWorkingDays: 121)),
        ("attachmentMaxBytes", ApplicationPolicy(attachmentMaxBytes: 1023)),
    ]

    @Test("a policy out of bounds is refused, naming the field", arguments: badPolicies)
    func badPolicy(field: String, policy: ApplicationPolicy) throws {
        let error = try #require(throws: RegistryError.self) { try policy.validate() }
        #expect(error.field == field)
        #expect(error.rule == "policy")
    }

    private func compute(
        _ state: ApplicationState, submitted: String? = nil, approved: String? = nil, today: String,
        division: String = "530402"
    ) -> ApplicationDeadline? {
        ApplicationDeadline.compute(
            state: state, submitted: submitted.map(date), approved: approved.map(date), today: date(today),
            division: division, calendar: calendar, policy: policy)
    }

    private func date(_ text: String) -> CivilDate {
        CalendarFixture.date(text)
    }
}
