/// What the severity policy grades: the facts of an incident as observed, nothing judged yet.
public struct SeverityObservation: Hashable, Sendable {
    public var kind: IncidentKind
    /// The highest rate of one alert, packets per second.
    public var packetsPerSecond: Double
    public var targetCount: Int
    public var durationSeconds: Int
    /// A target lies in an important system (critical-targets.json; GB/T 20986's first factor).
    public var targetsCritical: Bool
    /// The names of the important systems attacked, which the grade reason of a critical rule cites.
    public var criticalTargets: [String]
    /// When the incident was detected; repeat offences are counted back from here.
    public var at: Instant
    /// When the same subject's earlier incidents were detected (any kind).
    public var priorIncidents: [Instant]
    public var devicesUnreachable: Int
    public var linksDown: Int

    public init(
        kind: IncidentKind, packetsPerSecond: Double = 0, targetCount: Int = 0, durationSeconds: Int = 0,
        targetsCritical: Bool = false, criticalTargets: [String] = [], at: Instant = Instant(secondsSince1970: 0),
        priorIncidents: [Instant] = [], devicesUnreachable: Int = 0, linksDown: Int = 0
    ) {
        self.kind = kind
        self.packetsPerSecond = packetsPerSecond
        self.targetCount = targetCount
        self.durationSeconds = durationSeconds
        self.targetsCritical = targetsCritical || !criticalTargets.isEmpty
        self.criticalTargets = criticalTargets
        self.at = at
        self.priorIncidents = priorIncidents
        self.devicesUnreachable = devicesUnreachable
        self.linksDown = linksDown
    }

    /// Earlier incidents within `days` days before `at`.
    public func repeats(withinDays days: Int) -> Int {
        let since = at.adding(seconds: -days * 86_400)
        return priorIncidents.filter { $0 >= since && $0 < at }.count
    }
}
