/// An order to cut one unit off the extranet and bring it back, with who did each step and when.
/// A value: `IsolationWorkflow` produces the next one, the store keeps it and its timeline.
public struct IsolationOrder: Hashable, Sendable, Codable {
    public var id: String
    /// The incident that caused it, when there is one.
    public var incidentId: String?
    /// The unit cut off.
    public var unit: String
    /// The unit's division (GB/T 2260): picks the calendar's local holidays and confines county staff.
    public var division: String
    /// Why the unit is cut, for the people and the reports.
    public var reason: String
    public var ports: [IsolationPort]
    public var state: IsolationState
    /// When the order entered `state`.
    public var stateEnteredAt: Instant
    public var proposedBy: String
    public var proposedAt: Instant
    public var approvedBy: String?
    public var approvedAt: Instant?
    /// Set when a security lead isolated at once (the emergency path).
    public var emergency: EmergencyIsolation?
    /// Who acknowledged the other units this order cuts, when it cuts any.
    public var collateralAcknowledgedBy: String?
    /// When every port was first confirmed down.
    public var isolatedAt: Instant?
    public var remediation: RemediationRecord?
    /// Who accepted the remediation; nil until accepted.
    public var verifiedBy: String?
    /// When `port.restore` was sent; nil until then.
    public var restoreRequestedAt: Instant?
    public var timeline: [TimelineEntry]

    /// A proposed order, as `IsolationWorkflow.propose` makes it.
    public init(
        id: String, incidentId: String? = nil, unit: String, division: String, reason: String,
        ports: [IsolationPort], proposedBy: String, proposedAt: Instant
    ) {
        self.id = id
        self.incidentId = incidentId
        self.unit = unit
        self.division = division
        self.reason = reason
        self.ports = ports
        self.state = .proposed
        self.stateEnteredAt = proposedAt
        self.proposedBy = proposedBy
        self.proposedAt = proposedAt
        self.timeline = []
    }

    /// The other units cut with this one: those carried by a port that is not the unit's own sub-interface.
    public var collateralUnits: [String] {
        let others = ports.filter { !$0.ownSubinterface }.flatMap(\.carries).filter { $0 != unit }
        return Array(Set(others)).sorted()
    }

    /// True when the order would cut other units and no one has acknowledged that yet.
    public var needsCollateralAcknowledgement: Bool {
        !collateralUnits.isEmpty && collateralAcknowledgedBy == nil
    }

    /// True while a shutdown (executing) or restore (verifying after `restore`) failed or timed out on a port.
    public var failed: Bool {
        switch state {
        case .executing: ports.contains { $0.shutdown.isFailure }
        case .verifying: restoreRequestedAt != nil && ports.contains { $0.restore.isFailure }
        default: false
        }
    }

    /// The ports whose current command failed or timed out.
    public var failedPorts: [IsolationPort] {
        switch state {
        case .executing: ports.filter { $0.shutdown.isFailure }
        case .verifying: ports.filter { $0.restore.isFailure }
        default: []
        }
    }
}

/// The emergency path: a security lead cut the unit at once; a different person must approve afterwards.
public struct EmergencyIsolation: Hashable, Sendable, Codable {
    /// The lead who isolated.
    public var actor: String
    public var at: Instant
    /// The retrospective approval is due by then.
    public var retrospectiveDue: Instant
    public var approvedBy: String?
    public var approvedAt: Instant?

    public init(
        actor: String, at: Instant, retrospectiveDue: Instant, approvedBy: String? = nil, approvedAt: Instant? = nil
    ) {
        self.actor = actor
        self.at = at
        self.retrospectiveDue = retrospectiveDue
        self.approvedBy = approvedBy
        self.approvedAt = approvedAt
    }

    /// True when the retrospective approval is missing at `now` past its deadline.
    public func overdue(at now: Instant) -> Bool { approvedBy == nil && now >= retrospectiveDue }
}

/// What the unit (or its county operator) recorded of its tracing, cleaning and rectification (溯源、查杀、整改).
public struct RemediationRecord: Hashable, Sendable, Codable {
    public var summary: String
    /// Attachment names (the store keeps the files and their digests).
    public var attachments: [String]
    public var by: String
    public var at: Instant

    public init(summary: String, attachments: [String], by: String, at: Instant) {
        self.summary = summary
        self.attachments = attachments
        self.by = by
        self.at = at
    }
}
