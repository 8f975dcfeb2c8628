import WaiwangCore

/// One line of an incident's or an order's timeline as the API shows it: the time, who, an English event code
/// and the Chinese sentence.
public struct TimelineEntryView: Codable, Sendable, Equatable {
    /// RFC 3339, UTC.
    public var at: String
    public var actor: String
    /// `opened`, `alert-joined`, `graded`, `grade-overridden`, `order`, `port`, `escalation`, `note`.
    public var event: String
    /// The entry in Chinese, as reports print it.
    public var text: String

    public init(at: String, actor: String, event: String, text: String) {
        self.at = at
        self.actor = actor
        self.event = event
        self.text = text
    }
}

/// One alert folded into an incident, as its agent last reported it.
public struct IncidentAlertView: Codable, Sendable, Equatable {
    public var alertId: String
    public var agentId: Int64
    public var kind: String
    public var attacker: String
    public var linkId: Int64?
    public var firstSeen: String
    public var lastSeen: String
    public var targetCount: Int
    public var packets: Int
    public var packetsPerSecond: Double
    /// SHA-256 of the evidence capture the registry keeps, when the agent sent one.
    public var evidenceSha256: String?

    public init(
        alertId: String, agentId: Int64, kind: String, attacker: String, linkId: Int64?, firstSeen: String,
        lastSeen: String, targetCount: Int, packets: Int, packetsPerSecond: Double, evidenceSha256: String?
    ) {
        self.alertId = alertId
        self.agentId = agentId
        self.kind = kind
        self.attacker = attacker
        self.linkId = linkId
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.targetCount = targetCount
        self.packets = packets
        self.packetsPerSecond = packetsPerSecond
        self.evidenceSha256 = evidenceSha256
    }
}

/// An incident as `GET /api/v1/incidents/{id}` returns it: the folded alerts, the grade, the orders, the timeline.
public struct IncidentView: Codable, Sendable, Equatable {
    /// `INC-2026-000001`.
    public var id: String
    /// The unit blamed (its registry id), nil for a forged source on a shared link or a fault.
    public var unit: String?
    public var unitName: String?
    public var creditCode: String?
    /// Every unit concerned (registry ids).
    public var units: [String]
    public var divisionCode: String
    /// An `IncidentKind` raw value: `port_scan` … `links_down`.
    public var kind: String
    /// `general`, `major`, `serious`, `especially-serious`.
    public var grade: String
    /// The rule that set the grade (`override` after a person changed it) and its reason (定级依据).
    public var gradeRule: String
    public var gradeReason: String
    /// `open` or `closed`.
    public var state: String
    /// RFC 3339: the first and last packet seen, and when the registry opened the incident.
    public var firstSeen: String
    public var lastSeen: String
    public var createdAt: String
    public var attackers: [String]
    public var links: [String]
    public var packets: Int
    public var peakPacketsPerSecond: Double
    public var targetCount: Int
    /// The important systems (critical-targets.json) among the alerts' targets, by name; empty when none.
    public var criticalTargets: [String]
    public var alertIds: [String]
    public var orderIds: [String]
    /// The alerts in full (only in the single-incident answer; empty in lists).
    public var alerts: [IncidentAlertView]
    public var timeline: [TimelineEntryView]

    public init(
        id: String, unit: String?, unitName: String?, creditCode: String?, units: [String], divisionCode: String,
        kind: String, grade: String, gradeRule: String, gradeReason: String, state: String, firstSeen: String,
        lastSeen: String, createdAt: String, attackers: [String], links: [String], packets: Int,
        peakPacketsPerSecond: Double, targetCount: Int, criticalTargets: [String] = [], alertIds: [String],
        orderIds: [String], alerts: [IncidentAlertView], timeline: [TimelineEntryView]
    ) {
        self.id = id
        self.unit = unit
        self.unitName = unitName
        self.creditCode = creditCode
        self.units = units
        self.divisionCode = divisionCode
        self.kind = kind
        self.grade = grade
        self.gradeRule = gradeRule
        self.gradeReason = gradeReason
        self.state = state
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.createdAt = createdAt
        self.attackers = attackers
        self.links = links
        self.packets = packets
        self.peakPacketsPerSecond = peakPacketsPerSecond
        self.targetCount = targetCount
        self.criticalTargets = criticalTargets
        self.alertIds = alertIds
        self.orderIds = orderIds
        self.alerts = alerts
        self.timeline = timeline
    }
}

/// The body of `POST /api/v1/incidents/{id}/grade`: a person sets the grade, with the reason.
public struct GradeInput: Codable, Sendable, Equatable {
    /// `general`, `major`, `serious`, `especially-serious` (or 一般/较大/重大/特别重大, IV…I).
    public var grade: String
    public var reason: String

    public init(grade: String, reason: String) {
        self.grade = grade
        self.reason = reason
    }
}

/// The body of `POST /api/v1/incidents/{id}/close`: why handling ends.
public struct IncidentClosing: Codable, Sendable, Equatable {
    public var reason: String

    public init(reason: String) {
        self.reason = reason
    }
}
