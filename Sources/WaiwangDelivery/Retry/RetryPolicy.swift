import Foundation

/// When to try a delivery again: exponential backoff with jitter, bounded by a number of attempts and by age.
public struct RetryPolicy: Sendable, Hashable, Codable {
    /// Attempts in all, the first included.
    public var maxAttempts: Int
    /// No attempt starts later than this after the delivery was submitted (seconds).
    public var maxAge: TimeInterval
    /// The wait after the first failed attempt (seconds).
    public var initialDelay: TimeInterval
    /// Each further wait is this many times the one before.
    public var multiplier: Double
    /// No single wait is longer (seconds).
    public var maxDelay: TimeInterval
    /// The share of each wait drawn at random (0…1), so many deliveries failing together do not retry in step.
    public var jitter: Double

    /// The defaults fit a report due within one hour: 5 s, 10 s, 20 s … up to 5 min apart, for at most 45 min.
    public init(
        maxAttempts: Int = 12,
        maxAge: TimeInterval = 45 * 60,
        initialDelay: TimeInterval = 5,
        multiplier: Double = 2,
        maxDelay: TimeInterval = 300,
        jitter: Double = 0.2
    ) {
        self.maxAttempts = max(1, maxAttempts)
        self.maxAge = maxAge
        self.initialDelay = initialDelay
        self.multiplier = max(1, multiplier)
        self.maxDelay = maxDelay
        self.jitter = min(max(jitter, 0), 1)
    }

    /// The wait after `attempt` failed attempts (1 = after the first); `unit` in 0..<1 places it in the
    /// jitter band `[(1 - jitter) × d, d]` where d is the capped exponential delay.
    public func delay(afterAttempt attempt: Int, unit: Double) -> TimeInterval {
        let exponential = initialDelay * pow(multiplier, Double(max(attempt, 1) - 1))
        let capped = min(exponential, maxDelay)
        return capped * (1 - jitter * min(max(unit, 0), 1))
    }

    /// When to try next after `attempt` failed attempts, or nil to give up (out of attempts, or too old by then).
    public func nextAttempt(afterAttempt attempt: Int, submittedAt: Date, now: Date, unit: Double) -> Date? {
        guard attempt < maxAttempts else { return nil }
        let next = now.addingTimeInterval(delay(afterAttempt: attempt, unit: unit))
        guard next.timeIntervalSince(submittedAt) <= maxAge else { return nil }
        return next
    }
}
