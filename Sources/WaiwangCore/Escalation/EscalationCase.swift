/// What the planner needs to know of an incident: its grade, division, detection time, kind, isolation status.
public struct EscalationCase: Hashable, Sendable {
    public var incidentId: String
    public var grade: IncidentGrade
    public var division: String
    public var detectedAt: Instant
    public var kind: IncidentKind
    /// The incident's isolation order, when one was made.
    public var isolation: IsolationSummary?
    /// Staff marked the incident a suspected crime (涉嫌违法犯罪): the police are always told.
    public var suspectedCrime: Bool
    /// When handling ended (the order closed, or the incident was closed without one).
    public var handlingEndedAt: Instant?

    public init(
        incidentId: String, grade: IncidentGrade, division: String, detectedAt: Instant, kind: IncidentKind,
        isolation: IsolationSummary? = nil, suspectedCrime: Bool = false, handlingEndedAt: Instant? = nil
    ) {
        self.incidentId = incidentId
        self.grade = grade
        self.division = division
        self.detectedAt = detectedAt
        self.kind = kind
        self.isolation = isolation
        self.suspectedCrime = suspectedCrime
        self.handlingEndedAt = handlingEndedAt
    }

    /// The case of `incident`, with its order if any.
    public init(
        incident: Incident, order: IsolationOrder? = nil, suspectedCrime: Bool = false, handlingEndedAt: Instant? = nil
    ) {
        self.init(
            incidentId: incident.id, grade: incident.grade, division: incident.division,
            detectedAt: incident.detectedAt, kind: incident.kind, isolation: order.map(IsolationSummary.init),
            suspectedCrime: suspectedCrime, handlingEndedAt: handlingEndedAt)
    }
}

/// An isolation order as the planner sees it.
public struct IsolationSummary: Hashable, Sendable {
    public var orderId: String
    public var state: IsolationState
    /// When the ports were first commanded down (nil: not yet).
    public var executedAt: Instant?
    public var emergency: Bool

    public init(orderId: String, state: IsolationState, executedAt: Instant?, emergency: Bool = false) {
        self.orderId = orderId
        self.state = state
        self.executedAt = executedAt
        self.emergency = emergency
    }

    /// The summary of `order`; its execution time is the first `executing` entry of its timeline.
    public init(_ order: IsolationOrder) {
        let executed = order.timeline.first { if case .order(_, .executing, _) = $0.event { true } else { false } }
        self.init(orderId: order.id, state: order.state, executedAt: executed?.at, emergency: order.emergency != nil)
    }
}
