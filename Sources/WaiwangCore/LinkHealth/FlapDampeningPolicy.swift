/// The flap-dampening parameters (RFC 2439's figure of merit, with a half-life sized for links, not routes).
public struct FlapDampeningPolicy: Sendable, Codable, Hashable {
    /// Penalty added by each oper-status transition.
    public var penaltyPerTransition: Double
    /// Seconds in which the penalty halves.
    public var halfLifeSeconds: Double
    /// Above this penalty the link is `flapping`.
    public var suppressThreshold: Double
    /// A flapping link is released once the penalty decays below this.
    public var reuseThreshold: Double
    /// The longest a link stays `flapping` after its last transition; caps the penalty at
    /// `reuseThreshold × 2^(maxSuppressSeconds / halfLifeSeconds)`.
    public var maxSuppressSeconds: Double

    public init(
        penaltyPerTransition: Double = 1000, halfLifeSeconds: Double = 60, suppressThreshold: Double = 2000,
        reuseThreshold: Double = 750, maxSuppressSeconds: Double = 240
    ) {
        self.penaltyPerTransition = penaltyPerTransition
        self.halfLifeSeconds = halfLifeSeconds
        self.suppressThreshold = suppressThreshold
        self.reuseThreshold = reuseThreshold
        self.maxSuppressSeconds = maxSuppressSeconds
    }

    /// The highest penalty kept: one that decays to the reuse threshold in exactly `maxSuppressSeconds`.
    public var maximumPenalty: Double {
        reuseThreshold * FlapDampening.exp2(maxSuppressSeconds / halfLifeSeconds)
    }

    public func validate() throws(RegistryError) {
        guard penaltyPerTransition > 0, penaltyPerTransition.isFinite else {
            throw .invalid("dampening.penaltyPerTransition", rule: "policy", "penaltyPerTransition must be above 0")
        }
        guard halfLifeSeconds > 0, halfLifeSeconds.isFinite else {
            throw .invalid("dampening.halfLifeSeconds", rule: "policy", "halfLifeSeconds must be above 0")
        }
        guard reuseThreshold > 0, reuseThreshold < suppressThreshold else {
            throw .invalid(
                "dampening.reuseThreshold", rule: "policy",
                "reuseThreshold must be above 0 and below suppressThreshold, or a flapping link is never released")
        }
        guard maxSuppressSeconds > 0, maximumPenalty > suppressThreshold else {
            throw .invalid(
                "dampening.maxSuppressSeconds", rule: "policy",
                "maxSuppressSeconds is too short: the penalty cap (reuse × 2^(max/halfLife)) must exceed "
                    + "suppressThreshold, or a link can never be marked flapping")
        }
    }
}
