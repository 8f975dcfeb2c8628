/// The clock of one step of an isolation order: when it started, when it is due, whether it is overdue now.
public struct IsolationDeadline: Hashable, Sendable {
    /// The step a deadline runs for.
    public enum Step: String, Hashable, Sendable, Codable, CaseIterable {
        case approval, execution
        case retrospectiveApproval = "retrospective-approval"
        case remediation, verification, restore

        /// 审批, 执行, …
        public var label: String {
            switch self {
            case .approval: "审批"
            case .execution: "执行隔离"
            case .retrospectiveApproval: "紧急隔离事后审批"
            case .remediation: "整改报告"
            case .verification: "整改验证"
            case .restore: "恢复接入"
            }
        }
    }

    public var step: Step
    public var since: Instant
    /// Nil when the calendar cannot count it (then `problem` says why).
    public var due: Instant?
    public var overdue: Bool
    public var problem: String?

    public init(step: Step, since: Instant, due: Instant?, overdue: Bool, problem: String? = nil) {
        self.step = step
        self.since = since
        self.due = due
        self.overdue = overdue
        self.problem = problem
    }
}
