import Foundation
import WaiwangAPI

/// A rendered report to journal: one recipient's channel and address, keyed so that journaling it twice is a no-op.
public struct DeliveryDraft: Sendable, Hashable {
    /// `incidentId/stage/authority/channel/address`.
    public var idempotencyKey: String
    public var incidentId: String
    /// `initial` or `summary`.
    public var stage: String
    /// `superior`, `cyberspace` or `police`.
    public var authority: String
    public var recipient: String
    /// `mail`, `webhook`, or `none` when the policy names no recipient (journaled as failed, `problem` kept).
    public var channel: String
    public var address: String
    public var subject: String
    /// The mail's text body, or the webhook's JSON.
    public var body: String
    public var attachmentName: String?
    public var attachment: String?
    public var rule: String
    public var reason: String
    public var deadline: Date
    /// Not sendable now, and why: a missing recipient (the row fails at once) or a channel not configured
    /// (the row waits, pending, until a restart configures it).
    public var problem: String?

    public init(
        idempotencyKey: String, incidentId: String, stage: String, authority: String, recipient: String,
        channel: String, address: String, subject: String, body: String, attachmentName: String? = nil,
        attachment: String? = nil, rule: String, reason: String, deadline: Date, problem: String? = nil
    ) {
        self.idempotencyKey = idempotencyKey
        self.incidentId = incidentId
        self.stage = stage
        self.authority = authority
        self.recipient = recipient
        self.channel = channel
        self.address = address
        self.subject = subject
        self.body = body
        self.attachmentName = attachmentName
        self.attachment = attachment
        self.rule = rule
        self.reason = reason
        self.deadline = deadline
        self.problem = problem
    }
}

/// A journaled delivery due for an attempt, with what to send.
public struct OutboundDelivery: Sendable, Hashable {
    public var id: Int64
    public var idempotencyKey: String
    public var incidentId: String
    public var channel: String
    public var address: String
    public var subject: String
    public var body: String
    public var attachmentName: String?
    public var attachment: String?
    /// Attempts made so far.
    public var attempts: Int
    /// When the first attempt was made (the retry policy's age counts from there); nil before it.
    public var firstAttemptAt: Date?
}

/// How one attempt ended, and when to try next when it may be retried (nil: give up).
public struct DeliveryAttemptRecord: Sendable, Hashable {
    /// `delivered`, `retryable` or `rejected`.
    public var outcome: String
    public var error: String?
    public var nextAttemptAt: Date?

    public init(outcome: String, error: String? = nil, nextAttemptAt: Date? = nil) {
        self.outcome = outcome
        self.error = error
        self.nextAttemptAt = nextAttemptAt
    }
}

/// The filter of the delivery list.
public struct DeliveryFilter: Sendable, Hashable {
    public var incidentId: String?
    public var state: DeliveryStateCode?
    public var limit: Int

    public init(incidentId: String? = nil, state: DeliveryStateCode? = nil, limit: Int = 1000) {
        self.incidentId = incidentId
        self.state = state
        self.limit = limit
    }
}
