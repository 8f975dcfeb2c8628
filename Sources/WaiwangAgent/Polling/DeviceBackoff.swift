/// When to try an unreachable device again: the poll interval doubled at each consecutive failure, up to a cap.
///
/// A pure value on the caller's clock (seconds). The first failure keeps the normal interval (one lost answer is
/// common), the second waits 2×, then 4×, 8× … never more than `cap`. A success resets it.
public struct DeviceBackoff: Sendable, Hashable, Codable {
    /// The normal poll interval, the first delay.
    public let interval: Double
    /// The longest delay between attempts.
    public let cap: Double
    /// Failed polls in a row since the last success.
    public private(set) var consecutiveFailures = 0
    /// When the device may next be polled; nil until the first poll.
    public private(set) var nextAttempt: Double?

    public init(interval: Double, cap: Double) {
        self.interval = max(0.001, interval)
        self.cap = max(self.interval, cap)
    }

    /// The delay after `failures` failures in a row.
    public func delay(afterFailures failures: Int) -> Double {
        guard failures > 1 else { return interval }
        let doublings = Double(min(failures - 1, 62))
        return min(cap, interval * (doublings < 60 ? Double(1 << Int(doublings)) : .infinity))
    }

    /// A poll failed at `time`: returns the time of the next attempt.
    @discardableResult
    public mutating func recordFailure(at time: Double) -> Double {
        consecutiveFailures += 1
        let next = time + delay(afterFailures: consecutiveFailures)
        nextAttempt = next
        return next
    }

    /// A poll succeeded at `time`.
    public mutating func recordSuccess(at time: Double) {
        consecutiveFailures = 0
        nextAttempt = time + interval
    }

    /// Whether a scheduled poll at `time` should go ahead (a device never polled is always due).
    public func isDue(at time: Double) -> Bool {
        guard consecutiveFailures > 0, let nextAttempt else { return true }
        return time + min(0.5, interval / 10) >= nextAttempt
    }
}
