import Foundation

/// Where a recipient stands in a delivery.
public enum RecipientStatus: Sendable, Hashable, Codable {
    case pending
    case delivered(at: Date)
    /// Rejected for good, or out of retries: `reason` is the last error.
    case failed(reason: String)
}

/// Where a delivery stands as a whole.
public enum DeliveryState: Sendable, Hashable, Codable {
    /// Some recipients are still owed the message; the next attempt is due then.
    case pending(nextAttemptAt: Date)
    /// Every recipient has it.
    case delivered
    /// Attempts are over and at least one recipient does not have it: someone must act.
    case failed
}

/// One report on one channel to its recipients, with every attempt made: the pure record the retry
/// scheduler updates and the registry stores. Nothing leaves it: a recipient ends delivered or failed.
public struct Delivery: Sendable, Hashable, Codable, Identifiable {
    /// Also the idempotency key of webhook calls: the same on every retry.
    public let id: String
    public let channel: DeliveryChannel
    public let submittedAt: Date
    /// In the order given; each one once.
    public let recipients: [String]
    public private(set) var status: [String: RecipientStatus]
    public private(set) var attempts: [DeliveryAttempt]
    public private(set) var state: DeliveryState

    /// A new delivery, due at once.
    public init(id: String, channel: DeliveryChannel, recipients: [String], submittedAt: Date) {
        var seen = Set<String>()
        self.id = id
        self.channel = channel
        self.submittedAt = submittedAt
        self.recipients = recipients.filter { seen.insert($0).inserted }
        self.status = Dictionary(uniqueKeysWithValues: self.recipients.map { ($0, .pending) })
        self.attempts = []
        self.state = self.recipients.isEmpty ? .failed : .pending(nextAttemptAt: submittedAt)
    }

    /// How many attempts have been made (one attempt covers all the recipients still pending).
    public var attemptCount: Int { attempts.map(\.number).max() ?? 0 }

    /// The recipients still owed the message, in order.
    public var pendingRecipients: [String] {
        recipients.filter { status[$0] == .pending }
    }

    /// Records one attempt's results and decides what follows, by `policy`. A pending recipient that
    /// has no result is counted as a retryable failure (never silently dropped).
    public mutating func record(
        _ results: [String: AttemptResult], at now: Date, policy: RetryPolicy, jitterUnit: Double
    ) {
        guard case .pending = state else { return }
        let number = attemptCount + 1
        var retrying: [String] = []
        for recipient in pendingRecipients {
            let result = results[recipient] ?? AttemptResult(.retryable, error: "no result for this recipient")
            attempts.append(
                DeliveryAttempt(
                    number: number, channel: channel, recipient: recipient, at: now, outcome: result.outcome,
                    error: result.error))
            switch result.outcome {
            case .delivered: status[recipient] = .delivered(at: now)
            case .rejected: status[recipient] = .failed(reason: result.error ?? "rejected")
            case .retryable: retrying.append(recipient)
            }
        }
        if !retrying.isEmpty {
            if let next = policy.nextAttempt(afterAttempt: number, submittedAt: submittedAt, now: now, unit: jitterUnit)
            {
                state = .pending(nextAttemptAt: next)
                return
            }
            for recipient in retrying {
                let last = results[recipient]?.error ?? "failed"
                status[recipient] = .failed(reason: "gave up after \(number) attempts: \(last)")
            }
        }
        let allDelivered = status.values.allSatisfy { if case .delivered = $0 { true } else { false } }
        state = allDelivered ? .delivered : .failed
    }

    /// Stops a pending delivery for good, e.g. when its report is withdrawn; the reason is kept per recipient.
    public mutating func abandon(reason: String) {
        guard case .pending = state else { return }
        for recipient in pendingRecipients { status[recipient] = .failed(reason: reason) }
        state = .failed
    }
}
