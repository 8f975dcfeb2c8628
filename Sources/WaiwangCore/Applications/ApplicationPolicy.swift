/// The time limits and attachment limits of the application workflow, from `Config/applications.json`.
public struct ApplicationPolicy: Sendable, Codable, Equatable {
    /// Article 19: review within this many working days of submission.
    public var reviewWorkingDays: Int
    /// Provisioning within this many working days of approval.
    public var provisioningWorkingDays: Int
    /// The largest attachment accepted, in bytes.
    public var attachmentMaxBytes: Int

    public init(
        reviewWorkingDays: Int = 5, provisioningWorkingDays: Int = 10, attachmentMaxBytes: Int = 10 * 1024 * 1024
    ) {
        self.reviewWorkingDays = reviewWorkingDays
        self.provisioningWorkingDays = provisioningWorkingDays
        self.attachmentMaxBytes = attachmentMaxBytes
    }

    public func validate() throws(RegistryError) {
        guard (1...60).contains(reviewWorkingDays) else {
            throw .invalid("reviewWorkingDays", rule: "policy", "reviewWorkingDays must be 1–60 (article 19 sets 5)")
        }
        guard (1...120).contains(provisioningWorkingDays) else {
            throw .invalid("provisioningWorkingDays", rule: "policy", "provisioningWorkingDays must be 1–120")
        }
        guard (1024...(256 * 1024 * 1024)).contains(attachmentMaxBytes) else {
            throw .invalid("attachmentMaxBytes", rule: "policy", "attachmentMaxBytes must be between 1 KiB and 256 MiB")
        }
    }
}

/// The clock an open application runs against: the review deadline after submission, the provisioning
/// deadline after approval.
public struct ApplicationDeadline: Sendable, Equatable {
    public enum Stage: String, Sendable { case review, provisioning }

    public var stage: Stage
    /// The last day, or nil when the calendar does not reach it (then `problem` says why).
    public var due: CivilDate?
    /// Working days from today to `due`: 0 on the last day, negative when overdue.
    public var workingDaysLeft: Int?
    public var problem: String?

    /// Past due: fewer than zero working days left, or — where the calendar cannot count — today after `due`.
    public var overdue: Bool

    public init(
        stage: Stage, due: CivilDate? = nil, workingDaysLeft: Int? = nil, overdue: Bool? = nil,
        problem: String? = nil
    ) {
        self.stage = stage
        self.due = due
        self.workingDaysLeft = workingDaysLeft
        self.problem = problem
        self.overdue = overdue ?? ((workingDaysLeft ?? 0) < 0)
    }

    /// The deadline of an application in `state`, or nil when none runs (drafts and final states).
    /// - Parameters:
    ///   - submitted: the day it was submitted (China time); `approved` the day it was approved.
    public static func compute(
        state: ApplicationState, submitted: CivilDate?, approved: CivilDate?, today: CivilDate,
        division: String, calendar: WorkingDayCalendar?, policy: ApplicationPolicy
    )
        -> ApplicationDeadline?
    {
        let stage: Stage
        let start: CivilDate?
        let days: Int
        switch state {
        case .submitted, .underReview:
            (stage, start, days) = (.review, submitted, policy.reviewWorkingDays)
        case .approved, .provisioning:
            (stage, start, days) = (.provisioning, approved, policy.provisioningWorkingDays)
        default:
            return nil
        }
        guard let start else { return nil }
        guard let calendar else {
            return ApplicationDeadline(
                stage: stage, problem: "no working-day calendar is configured (Config/calendar/)")
        }
        let due: CivilDate
        do { due = try calendar.addWorkingDays(days, to: start, division: division) } catch {
            return ApplicationDeadline(stage: stage, problem: error.description)
        }
        do {
            let left = try calendar.workingDays(from: today, to: due, division: division)
            return ApplicationDeadline(stage: stage, due: due, workingDaysLeft: left)
        } catch {
            // Today lies where the calendar does not reach: the due date stands, the count is unknown.
            return ApplicationDeadline(stage: stage, due: due, overdue: today > due, problem: error.description)
        }
    }
}
