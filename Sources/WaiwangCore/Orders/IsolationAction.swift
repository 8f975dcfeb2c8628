/// A step taken on an isolation order by a person, the policy, or a hub's agent.
public enum IsolationAction: Hashable, Sendable, Codable {
    /// A second person approves the proposal (never the proposer).
    case approve
    case reject(reason: String)
    /// Withdraws the order before anything was cut.
    case cancel(reason: String)
    /// Someone has seen the other units this order cuts and accepts it.
    case acknowledgeCollateral
    /// Sends `port.shutdown` for every port.
    case execute
    /// The agent's read-back of a port.
    case reportPort(device: String, ifName: String, direction: PortDirection, outcome: PortOutcome)
    /// Sends the failed or timed-out ports' command again.
    case retryFailedPorts
    /// The unit starts tracing and cleaning.
    case startRemediation
    /// The unit records what it did; the authority then verifies.
    case submitRemediation(summary: String, attachments: [String])
    /// The authority accepts the remediation (then `restore`), or sends it back with a note.
    case verify(accepted: Bool, note: String)
    /// Sends `port.restore` for every port (after an accepted verification).
    case restore
    case close
    /// The approval an emergency isolation needs afterwards, by someone other than the lead who isolated.
    case approveRetrospectively

    /// The action's name as the API and the CLI spell it.
    public var name: String {
        switch self {
        case .approve: "approve"
        case .reject: "reject"
        case .cancel: "cancel"
        case .acknowledgeCollateral: "acknowledge-collateral"
        case .execute: "execute"
        case .reportPort(_, _, let direction, _): direction == .down ? "report-port-down" : "report-port-up"
        case .retryFailedPorts: "retry"
        case .startRemediation: "start-remediation"
        case .submitRemediation: "remediate"
        case .verify: "verify"
        case .restore: "restore"
        case .close: "close"
        case .approveRetrospectively: "approve-retrospectively"
        }
    }
}

/// The outcome of one workflow step: the next order, the commands for the agents, the escalation signals to
/// raise, and the timeline entries recorded.
public struct IsolationStep: Hashable, Sendable {
    public var order: IsolationOrder
    public var commands: [PortCommand]
    /// Sentences for the escalation (a failed port, an unacknowledged emergency): never silently dropped.
    public var escalations: [String]
    /// The entries this step appended to `order.timeline`.
    public var entries: [TimelineEntry]

    public init(
        order: IsolationOrder, commands: [PortCommand] = [], escalations: [String] = [], entries: [TimelineEntry] = []
    ) {
        self.order = order
        self.commands = commands
        self.escalations = escalations
        self.entries = entries
    }
}
