/// One rule of the severity policy: a grade and the conditions that all must hold for it (absent = any).
public struct SeverityRule: Hashable, Sendable, Codable {
    /// A short stable name (`worm-fanout`), cited in the report and the timeline.
    public var name: String
    public var grade: IncidentGrade
    /// Why this grade, in Chinese, for the report's 定级依据.
    public var reason: String
    /// The kinds it applies to; nil: every kind.
    public var kinds: [IncidentKind]?
    /// The category it applies to; nil: both.
    public var category: IncidentCategory?
    public var minPacketsPerSecond: Double?
    public var minTargets: Int?
    public var minDurationSeconds: Int?
    /// true: only when a target is critical; false: only when none is; nil: either.
    public var targetsCritical: Bool?
    /// At least this many earlier incidents of the subject within the policy's `repeatWindowDays`.
    public var minRepeats: Int?
    public var minDevicesUnreachable: Int?
    public var minLinksDown: Int?

    public init(
        name: String, grade: IncidentGrade, reason: String, kinds: [IncidentKind]? = nil,
        category: IncidentCategory? = nil, minPacketsPerSecond: Double? = nil, minTargets: Int? = nil,
        minDurationSeconds: Int? = nil, targetsCritical: Bool? = nil, minRepeats: Int? = nil,
        minDevicesUnreachable: Int? = nil, minLinksDown: Int? = nil
    ) {
        self.name = name
        self.grade = grade
        self.reason = reason
        self.kinds = kinds
        self.category = category
        self.minPacketsPerSecond = minPacketsPerSecond
        self.minTargets = minTargets
        self.minDurationSeconds = minDurationSeconds
        self.targetsCritical = targetsCritical
        self.minRepeats = minRepeats
        self.minDevicesUnreachable = minDevicesUnreachable
        self.minLinksDown = minLinksDown
    }

    /// True when every condition the rule sets holds for `observation`.
    public func matches(_ observation: SeverityObservation, repeatWindowDays: Int) -> Bool {
        if let kinds, !kinds.contains(observation.kind) { return false }
        if let category, category != observation.kind.category { return false }
        if let minPacketsPerSecond, observation.packetsPerSecond < minPacketsPerSecond { return false }
        if let minTargets, observation.targetCount < minTargets { return false }
        if let minDurationSeconds, observation.durationSeconds < minDurationSeconds { return false }
        if let targetsCritical, observation.targetsCritical != targetsCritical { return false }
        if let minRepeats, observation.repeats(withinDays: repeatWindowDays) < minRepeats { return false }
        if let minDevicesUnreachable, observation.devicesUnreachable < minDevicesUnreachable { return false }
        if let minLinksDown, observation.linksDown < minLinksDown { return false }
        return true
    }
}
