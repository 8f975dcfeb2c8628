/// Exponential backoff with full jitter (AWS architecture blog, "Exponential Backoff And Jitter"): after the n-th
/// failure in a row, wait a uniformly random time in `0 … min(cap, base × 2^(n-1))`.
///
/// A pure value; the random source is passed in so tests can bound it. Full jitter spreads the agents of a city
/// that lost the registry at the same moment, so they do not all come back in step.
public struct UplinkBackoff: Sendable, Equatable {
    /// The ceiling of the first wait, seconds.
    public let base: Double
    /// The largest wait, seconds.
    public let cap: Double
    /// Failures in a row since the last success.
    public private(set) var failures = 0

    public init(base: Double = 0.5, cap: Double = 60) {
        self.base = max(0.001, base)
        self.cap = max(self.base, cap)
    }

    /// The ceiling of the wait after `failures` failures in a row.
    public func ceiling(afterFailures failures: Int) -> Double {
        guard failures > 0 else { return 0 }
        return min(cap, base * Double(1 << min(failures - 1, 40)))
    }

    /// A failure: returns the seconds to wait before the next try.
    public mutating func nextDelay(using generator: inout some RandomNumberGenerator) -> Double {
        failures += 1
        let ceiling = ceiling(afterFailures: failures)
        return Double.random(in: 0...ceiling, using: &generator)
    }

    /// A failure, with the system's random source.
    public mutating func nextDelay() -> Double {
        var generator = SystemRandomNumberGenerator()
        return nextDelay(using: &generator)
    }

    /// A success: the next failure starts from `base` again.
    public mutating func reset() { failures = 0 }
}
