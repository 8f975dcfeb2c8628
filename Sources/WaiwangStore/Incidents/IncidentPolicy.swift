import WaiwangCore

/// How the registry turns alerts into incidents and orders: the severity rules (`Config/severity.json`), the
/// isolation limits and emergency leads (`Config/isolation.json`), which kinds propose an order at once, and the
/// important systems whose prefixes make a target critical (`Config/critical-targets.json`).
public struct IncidentPolicy: Sendable, Equatable {
    public var severity: SeverityPolicy
    public var isolation: IsolationPolicy
    /// A new incident of one of these kinds gets an isolation order proposed by the registry itself
    /// (`Principal.system`); a person still approves it (four eyes). `autoProposeKinds` in isolation.json.
    public var autoProposeKinds: Set<IncidentKind>
    /// Signals this many seconds apart still fold into one incident.
    public var foldGapSeconds: Int
    /// A hub with at least this many links operationally down at once has a `links_down` fault incident
    /// (`faultMinLinksDown` in severity.json; the grade still comes from the rules, 10 for 较大).
    public var faultMinLinksDown: Int
    /// An alert with a sampled target in one of these prefixes is aimed at an important system (`targetsCritical`).
    public var criticalTargets: CriticalTargets

    public init(
        severity: SeverityPolicy = SeverityPolicy(), isolation: IsolationPolicy = IsolationPolicy(),
        autoProposeKinds: Set<IncidentKind> = [.wormFanout], foldGapSeconds: Int = 3600, faultMinLinksDown: Int = 5,
        criticalTargets: CriticalTargets = CriticalTargets.none
    ) {
        self.severity = severity
        self.isolation = isolation
        self.autoProposeKinds = autoProposeKinds
        self.foldGapSeconds = foldGapSeconds
        self.faultMinLinksDown = faultMinLinksDown
        self.criticalTargets = criticalTargets
    }

    /// Refuses rules or limits that cannot be applied, naming the field.
    public func validate() throws(RegistryError) {
        try severity.validate()
        try isolation.validate()
        guard faultMinLinksDown >= 1 else {
            throw .invalid("faultMinLinksDown", rule: "severity-policy", "faultMinLinksDown must be at least 1")
        }
    }
}

/// The part of `isolation.json` beyond `IsolationPolicy`: which incident kinds the registry proposes orders for.
public struct AutoProposalSettings: Decodable, Sendable {
    public var autoProposeKinds: [IncidentKind]?
}

/// The part of `severity.json` beyond `SeverityPolicy`: when links down at one hub make a fault incident.
public struct FaultSettings: Decodable, Sendable {
    public var faultMinLinksDown: Int?
}
