/// How observed facts become a grade, from `Config/severity.json`: rules checked against the observation,
/// combined by `highest` (the graver of all matching rules, the default) or `firstMatch` (the first in order).
///
/// `highest` is the default because it is monotonic: more evidence never lowers a grade, and a rule added in
/// the wrong place of the list cannot hide a graver one. See docs/INCIDENTS.md for the reasoning of each rule.
public struct SeverityPolicy: Hashable, Sendable, Codable {
    /// How matching rules combine.
    public enum Combination: String, Hashable, Sendable, Codable {
        /// The graver of all matches; ties go to the first in order.
        case highest
        /// The first match in order.
        case firstMatch = "first-match"
    }

    public var combine: Combination
    /// The grade when no rule matches.
    public var defaultGrade: IncidentGrade
    /// The 定级依据 when no rule matches.
    public var defaultReason: String
    /// Earlier incidents within this many days count as repeat offences.
    public var repeatWindowDays: Int
    public var rules: [SeverityRule]

    public init(
        combine: Combination = .highest, defaultGrade: IncidentGrade = .general,
        defaultReason: String = SeverityPolicy.standardDefaultReason, repeatWindowDays: Int = 30,
        rules: [SeverityRule] = SeverityPolicy.standardRules
    ) {
        self.combine = combine
        self.defaultGrade = defaultGrade
        self.defaultReason = defaultReason
        self.repeatWindowDays = repeatWindowDays
        self.rules = rules
    }

    /// The grade of `observation`, the deciding rule, and every rule that matched.
    public func assess(_ observation: SeverityObservation) -> SeverityAssessment {
        let matching = rules.filter { $0.matches(observation, repeatWindowDays: repeatWindowDays) }
        let names = matching.map(\.name)
        let deciding: SeverityRule?
        switch combine {
        case .firstMatch: deciding = matching.first
        case .highest:
            deciding = matching.reduce(nil) { best, rule in (best.map { rule.grade > $0.grade } ?? true) ? rule : best }
        }
        guard let deciding else {
            return SeverityAssessment(grade: defaultGrade, rule: "default", reason: defaultReason, matched: [])
        }
        // A rule on critical targets says which system was attacked, so the report's 定级依据 names it.
        let systems = observation.criticalTargets.joined(separator: "、")
        let reason =
            deciding.targetsCritical == true && !systems.isEmpty
            ? "\(deciding.reason)；受攻击的重要业务系统：\(systems)" : deciding.reason
        return SeverityAssessment(grade: deciding.grade, rule: deciding.name, reason: reason, matched: names)
    }

    /// Refuses a policy with an empty or repeated rule name, a rule without a reason or with a negative
    /// threshold, or a repeat window outside 1–365 days.
    public func validate() throws(RegistryError) {
        guard (1...365).contains(repeatWindowDays) else {
            throw .invalid("repeatWindowDays", rule: "severity-policy", "repeatWindowDays must be 1–365")
        }
        var names: Set<String> = []
        for (index, rule) in rules.enumerated() {
            let field = "rules[\(index)]"
            guard !rule.name.trimmingBlanks().isEmpty, names.insert(rule.name).inserted else {
                throw .invalid(
                    "\(field).name", rule: "severity-policy", "rule name \"\(rule.name)\" is empty or repeated")
            }
            guard !rule.reason.trimmingBlanks().isEmpty else {
                throw .invalid("\(field).reason", rule: "severity-policy", "rule \(rule.name) needs a reason (定级依据)")
            }
            let numbers = [
                rule.minPacketsPerSecond, rule.minTargets.map(Double.init), rule.minDurationSeconds.map(Double.init),
                rule.minRepeats.map(Double.init), rule.minDevicesUnreachable.map(Double.init),
                rule.minLinksDown.map(Double.init),
            ]
            guard numbers.allSatisfy({ ($0 ?? 0) >= 0 }) else {
                throw .invalid(field, rule: "severity-policy", "rule \(rule.name) has a negative threshold")
            }
            if let kinds = rule.kinds, kinds.isEmpty {
                throw .invalid(
                    "\(field).kinds", rule: "severity-policy",
                    "rule \(rule.name) lists no kind; leave kinds out to match every kind")
            }
        }
    }
}
