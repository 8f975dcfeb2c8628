import Foundation

/// How one attempt ended for one recipient.
public enum AttemptOutcome: String, Sendable, Hashable, Codable {
    /// The server or endpoint took it.
    case delivered
    /// Refused or failed for now (4xx, 5xx from a webhook, timeout, connection); will be retried.
    case retryable
    /// Refused for good (SMTP 5xx, webhook 4xx, bad configuration); not retried.
    case rejected
}

/// The result of one attempt for one recipient: its outcome and, unless delivered, why.
public struct AttemptResult: Sendable, Hashable, Codable {
    public var outcome: AttemptOutcome
    public var error: String?

    public init(_ outcome: AttemptOutcome, error: String? = nil) {
        self.outcome = outcome
        self.error = error
    }

    public static let delivered = AttemptResult(.delivered)
}

/// One attempt to one recipient, kept forever with the delivery: what was tried, when, and how it ended.
public struct DeliveryAttempt: Sendable, Hashable, Codable {
    /// 1 for the first attempt of the delivery.
    public var number: Int
    public var channel: DeliveryChannel
    /// A mail address or a webhook URL.
    public var recipient: String
    public var at: Date
    public var outcome: AttemptOutcome
    public var error: String?

    public init(
        number: Int, channel: DeliveryChannel, recipient: String, at: Date, outcome: AttemptOutcome,
        error: String? = nil
    ) {
        self.number = number
        self.channel = channel
        self.recipient = recipient
        self.at = at
        self.outcome = outcome
        self.error = error
    }
}
