/// The severity policy's verdict: the grade, the rule that gave it and why, and every rule that matched.
public struct SeverityAssessment: Hashable, Sendable, Codable {
    public var grade: IncidentGrade
    /// The deciding rule's name, or `default` when none matched.
    public var rule: String
    /// The deciding rule's reason, in Chinese.
    public var reason: String
    /// Every matching rule, in policy order.
    public var matched: [String]

    public init(grade: IncidentGrade, rule: String, reason: String, matched: [String]) {
        self.grade = grade
        self.rule = rule
        self.reason = reason
        self.matched = matched
    }
}
