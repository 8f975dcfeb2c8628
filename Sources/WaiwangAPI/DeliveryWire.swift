// The delivery journal of escalation reports (article 21(4)): `GET /api/v1/deliveries`, `…/{id}`,
// `POST …/{id}/acknowledge`, and the JSON body of the escalation webhook.

/// Where a delivery stands: waiting for its first attempt (or for a channel to be configured), sent, failed
/// for now and to be tried again, or failed for good — someone must act.
public enum DeliveryStateCode: String, Codable, Sendable, CaseIterable {
    case pending
    case sent
    case retrying
    case failed
}

/// One attempt to deliver, kept forever: when, how it ended (`delivered`, `retryable`, `rejected`) and why.
public struct DeliveryAttemptView: Codable, Sendable, Equatable {
    /// 1 for the first attempt.
    public var number: Int
    /// RFC 3339, UTC.
    public var at: String
    public var outcome: String
    public var error: String?

    public init(number: Int, at: String, outcome: String, error: String?) {
        self.number = number
        self.at = at
        self.outcome = outcome
        self.error = error
    }
}

/// One escalation report on one channel to one address, with its deadline, attempts and acknowledgement.
public struct DeliveryView: Codable, Sendable, Equatable {
    public var id: Int64
    public var incidentId: String
    /// `initial` (首报) or `summary` (总结报告).
    public var stage: String
    /// `superior` (上级主管部门), `cyberspace` (网信) or `police` (公安).
    public var authority: String
    /// The recipient body's name from `Config/escalation.json`.
    public var recipient: String
    /// `mail`, `webhook`, or `none` when no recipient is configured (then `lastError` says what to add).
    public var channel: String
    /// A mail address or a webhook URL.
    public var address: String
    public var subject: String
    /// RFC 3339, UTC: the report is due by then.
    public var deadline: String
    public var state: DeliveryStateCode
    public var attempts: [DeliveryAttemptView]
    public var sentAt: String?
    /// Past the deadline and not sent, or sent after it.
    public var overdue: Bool
    public var acknowledgedAt: String?
    public var acknowledgedBy: String?
    /// The acknowledgement's note.
    public var note: String?
    /// Why it is not sent yet (the last attempt's error, or a channel that is not configured).
    public var lastError: String?

    public init(
        id: Int64, incidentId: String, stage: String, authority: String, recipient: String, channel: String,
        address: String, subject: String, deadline: String, state: DeliveryStateCode, attempts: [DeliveryAttemptView],
        sentAt: String?, overdue: Bool, acknowledgedAt: String?, acknowledgedBy: String?, note: String?,
        lastError: String?
    ) {
        self.id = id
        self.incidentId = incidentId
        self.stage = stage
        self.authority = authority
        self.recipient = recipient
        self.channel = channel
        self.address = address
        self.subject = subject
        self.deadline = deadline
        self.state = state
        self.attempts = attempts
        self.sentAt = sentAt
        self.overdue = overdue
        self.acknowledgedAt = acknowledgedAt
        self.acknowledgedBy = acknowledgedBy
        self.note = note
        self.lastError = lastError
    }
}

/// The body of `POST /api/v1/deliveries/{id}/acknowledge`: how the recipient confirmed receipt (required).
public struct DeliveryAcknowledge: Codable, Sendable, Equatable {
    public var note: String

    public init(note: String) { self.note = note }
}

/// The JSON an escalation webhook carries (event `incident.escalated`), signed with HMAC-SHA256.
public struct EscalationWebhookBody: Codable, Sendable, Equatable {
    /// One report field, e.g. 事件级别.
    public struct Field: Codable, Sendable, Equatable {
        public var label: String
        public var value: String

        public init(label: String, value: String) {
            self.label = label
            self.value = value
        }
    }

    public var event: String
    /// `incidentId/stage/authority/channel/address`: the same on every retry and every repeated escalation.
    public var idempotencyKey: String
    public var incidentId: String
    public var stage: String
    public var authority: String
    public var recipient: String
    /// RFC 3339, UTC.
    public var deadline: String
    /// The planner's rule (`reportable-grade`, `isolation`, `suspected-crime`, `summary`) and its reason.
    public var rule: String
    public var reason: String
    public var grade: String
    public var title: String
    public var fields: [Field]
    /// The report as the mail's text body and as the Markdown attachment.
    public var text: String
    public var markdown: String

    public init(
        event: String = "incident.escalated", idempotencyKey: String, incidentId: String, stage: String,
        authority: String, recipient: String, deadline: String, rule: String, reason: String, grade: String,
        title: String, fields: [Field], text: String, markdown: String
    ) {
        self.event = event
        self.idempotencyKey = idempotencyKey
        self.incidentId = incidentId
        self.stage = stage
        self.authority = authority
        self.recipient = recipient
        self.deadline = deadline
        self.rule = rule
        self.reason = reason
        self.grade = grade
        self.title = title
        self.fields = fields
        self.text = text
        self.markdown = markdown
    }
}
