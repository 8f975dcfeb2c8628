/// The flap penalty of one link, as routers dampen routes (RFC 2439): each transition adds a penalty that decays
/// exponentially; above the suppress threshold the link is flapping until the penalty decays below reuse.
public struct FlapDampening: Sendable, Hashable {
    public let policy: FlapDampeningPolicy
    /// The penalty as of `updatedAt`.
    public private(set) var penalty: Double = 0
    /// Seconds on the caller's clock when `penalty` was last brought up to date; nil before the first transition.
    public private(set) var updatedAt: Double?
    /// Whether the link is being suppressed (reported as flapping).
    public private(set) var isSuppressed = false

    public init(policy: FlapDampeningPolicy = FlapDampeningPolicy()) {
        self.policy = policy
    }

    /// The penalty decayed to `time`: `penalty × 2^(−Δt / halfLife)`; a clock that went back decays nothing.
    public func penalty(at time: Double) -> Double {
        guard let updatedAt else { return 0 }
        let elapsed = max(0, time - updatedAt)
        return penalty * Self.exp2(-elapsed / policy.halfLifeSeconds)
    }

    /// Decays the penalty to `time` and releases the link once it is below the reuse threshold.
    public mutating func advance(to time: Double) {
        guard let updatedAt else { return }
        penalty = penalty(at: time)
        self.updatedAt = max(updatedAt, time)
        if isSuppressed && penalty < policy.reuseThreshold { isSuppressed = false }
    }

    /// Adds one transition's penalty at `time` (capped at the policy's maximum) and suppresses the link once the
    /// penalty is above the suppress threshold.
    public mutating func recordTransition(at time: Double) {
        advance(to: time)
        penalty = min(penalty + policy.penaltyPerTransition, policy.maximumPenalty)
        updatedAt = max(updatedAt ?? time, time)
        if penalty > policy.suppressThreshold { isSuppressed = true }
    }

    /// 2^x in pure Swift (no libm): 2^⌊x⌋ exactly, times e^(f·ln 2) for the fraction f by its Taylor series, which
    /// for 0 ≤ f < 1 is within an ulp or two.
    static func exp2(_ x: Double) -> Double {
        guard x.isFinite else { return x > 0 ? .infinity : 0 }
        let whole = x.rounded(.down)
        guard whole > -1100 else { return 0 }
        guard whole < 1100 else { return .infinity }
        let y = (x - whole) * 0.693_147_180_559_945_309_417_232_121_458
        var term = 1.0
        var sum = 1.0
        for k in 1...24 {
            term *= y / Double(k)
            sum += term
        }
        return Double(sign: .plus, exponent: Int(whole), significand: sum)
    }
}
