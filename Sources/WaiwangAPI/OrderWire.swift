import WaiwangCore

/// A hub port of an isolation order with what the agent reported each way.
///
/// `down` and `up` are `pending` (not commanded yet), `sent` (queued for the hub's agent, no result yet),
/// `confirmed` (the read-back showed the state), `failed` or `timed_out`.
public struct OrderPortView: Codable, Sendable, Equatable {
    public var device: String
    public var ifName: String
    /// The links (registry ids) landing on the port.
    public var links: [String]
    /// The units (registry ids) whose traffic runs through it.
    public var units: [String]
    public var down: String
    public var up: String
    /// Why a command failed, when it did.
    public var failure: String?

    public init(
        device: String, ifName: String, links: [String], units: [String], down: String, up: String,
        failure: String? = nil
    ) {
        self.device = device
        self.ifName = ifName
        self.links = links
        self.units = units
        self.down = down
        self.up = up
        self.failure = failure
    }
}

/// A clock running on an order now (`IsolationClock`): the step, since when, when due, whether overdue.
public struct OrderDeadlineView: Codable, Sendable, Equatable {
    /// `approval`, `execution`, `retrospective-approval`, `remediation`, `verification`, `restore`.
    public var step: String
    /// 审批, 执行隔离, …
    public var label: String
    public var since: String
    /// Nil when the working-day calendar does not reach it (`problem` says why).
    public var due: String?
    public var overdue: Bool
    public var problem: String?

    public init(step: String, label: String, since: String, due: String?, overdue: Bool, problem: String?) {
        self.step = step
        self.label = label
        self.since = since
        self.due = due
        self.overdue = overdue
        self.problem = problem
    }
}

/// What the unit recorded of its tracing, cleaning and rectification.
public struct RemediationView: Codable, Sendable, Equatable {
    public var summary: String
    /// `filename (sha256)` of each attachment the registry keeps.
    public var attachments: [String]
    public var by: String
    public var at: String

    public init(summary: String, attachments: [String], by: String, at: String) {
        self.summary = summary
        self.attachments = attachments
        self.by = by
        self.at = at
    }
}

/// An isolation order as the API returns it.
public struct OrderView: Codable, Sendable, Equatable {
    /// `ORD-2026-000001`.
    public var id: String
    public var incidentId: String?
    /// The unit cut off (registry id), its name and division.
    public var unit: String
    public var unitName: String
    public var divisionCode: String
    public var reason: String
    /// An `IsolationState`: proposed, approved, executing, isolated, remediating, verifying, restored, closed,
    /// rejected, cancelled; `stateLabel` is its Chinese label.
    public var state: String
    public var stateLabel: String
    public var proposedBy: String
    public var approvedBy: String?
    public var emergency: Bool
    /// RFC 3339; for an emergency order, when its retrospective approval is due and who gave it.
    public var retrospectiveDue: String?
    public var retrospectivelyApprovedBy: String?
    public var collateralUnits: [String]
    public var collateralAcknowledgedBy: String?
    /// True while a port's shutdown or restore failed or timed out.
    public var failed: Bool
    public var ports: [OrderPortView]
    public var remediation: RemediationView?
    public var verifiedBy: String?
    public var createdAt: String
    public var updatedAt: String
    /// The actions possible from the state (their other preconditions aside).
    public var possibleActions: [String]
    /// The clocks running now (Config/isolation.json, working days on the calendar).
    public var deadlines: [OrderDeadlineView]
    public var timeline: [TimelineEntryView]

    public init(
        id: String, incidentId: String?, unit: String, unitName: String, divisionCode: String, reason: String,
        state: String, stateLabel: String, proposedBy: String, approvedBy: String?, emergency: Bool,
        retrospectiveDue: String?, retrospectivelyApprovedBy: String?, collateralUnits: [String],
        collateralAcknowledgedBy: String?, failed: Bool, ports: [OrderPortView], remediation: RemediationView?,
        verifiedBy: String?, createdAt: String, updatedAt: String, possibleActions: [String],
        deadlines: [OrderDeadlineView] = [], timeline: [TimelineEntryView]
    ) {
        self.deadlines = deadlines
        self.id = id
        self.incidentId = incidentId
        self.unit = unit
        self.unitName = unitName
        self.divisionCode = divisionCode
        self.reason = reason
        self.state = state
        self.stateLabel = stateLabel
        self.proposedBy = proposedBy
        self.approvedBy = approvedBy
        self.emergency = emergency
        self.retrospectiveDue = retrospectiveDue
        self.retrospectivelyApprovedBy = retrospectivelyApprovedBy
        self.collateralUnits = collateralUnits
        self.collateralAcknowledgedBy = collateralAcknowledgedBy
        self.failed = failed
        self.ports = ports
        self.remediation = remediation
        self.verifiedBy = verifiedBy
        self.createdAt = createdAt
        self.updatedAt = updatedAt
        self.possibleActions = possibleActions
        self.timeline = timeline
    }
}

/// The body of `POST /api/v1/orders`: propose an isolation of the incident's unit.
public struct OrderProposal: Codable, Sendable, Equatable {
    public var incidentId: String
    /// Why; defaults to a sentence naming the incident.
    public var reason: String?

    public init(incidentId: String, reason: String? = nil) {
        self.incidentId = incidentId
        self.reason = reason
    }
}

/// The body of `POST /api/v1/orders/isolate-now`: the emergency path (admins and `emergencyLeads`).
public struct IsolateNowInput: Codable, Sendable, Equatable {
    public var incidentId: String
    /// Required true when the order would cut other units of a shared link (article 17).
    public var acknowledgeCollateral: Bool?
    public var reason: String?

    public init(incidentId: String, acknowledgeCollateral: Bool? = nil, reason: String? = nil) {
        self.incidentId = incidentId
        self.acknowledgeCollateral = acknowledgeCollateral
        self.reason = reason
    }
}

/// The body of `reject` and `cancel` (reason required) and the optional note of other actions.
public struct OrderNote: Codable, Sendable, Equatable {
    public var reason: String?

    public init(reason: String? = nil) {
        self.reason = reason
    }
}

/// A file attached to a remediation report, sent inline.
public struct RemediationAttachment: Codable, Sendable, Equatable {
    public var filename: String
    public var contentBase64: String

    public init(filename: String, contentBase64: String) {
        self.filename = filename
        self.contentBase64 = contentBase64
    }
}

/// The body of `POST /api/v1/orders/{id}/remediate`: starts remediation when needed and records its report.
public struct RemediationInput: Codable, Sendable, Equatable {
    public var summary: String
    public var attachments: [RemediationAttachment]?

    public init(summary: String, attachments: [RemediationAttachment]? = nil) {
        self.summary = summary
        self.attachments = attachments
    }
}

/// The body of `POST /api/v1/orders/{id}/verify`: accept the remediation, or send it back with a note.
public struct VerificationInput: Codable, Sendable, Equatable {
    public var accepted: Bool
    public var note: String?

    public init(accepted: Bool, note: String? = nil) {
        self.accepted = accepted
        self.note = note
    }
}
