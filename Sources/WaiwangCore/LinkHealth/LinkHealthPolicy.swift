/// The thresholds of link health and flap dampening, from `Config/link-health.json`.
public struct LinkHealthPolicy: Sendable, Codable, Hashable {
    /// A link is degraded when utilisation in either direction is above this fraction of its speed.
    public var utilisationThreshold: Double
    /// A link is degraded when errors and discards, in and out together, are above this many per second.
    public var errorsAndDiscardsPerSecond: Double
    public var dampening: FlapDampeningPolicy

    public init(
        utilisationThreshold: Double = 0.9, errorsAndDiscardsPerSecond: Double = 1,
        dampening: FlapDampeningPolicy = FlapDampeningPolicy()
    ) {
        self.utilisationThreshold = utilisationThreshold
        self.errorsAndDiscardsPerSecond = errorsAndDiscardsPerSecond
        self.dampening = dampening
    }

    public func validate() throws(RegistryError) {
        guard utilisationThreshold > 0, utilisationThreshold <= 1 else {
            throw .invalid("utilisationThreshold", rule: "policy", "utilisationThreshold must be above 0 and at most 1")
        }
        guard errorsAndDiscardsPerSecond >= 0, errorsAndDiscardsPerSecond.isFinite else {
            throw .invalid("errorsAndDiscardsPerSecond", rule: "policy", "errorsAndDiscardsPerSecond must be 0 or more")
        }
        try dampening.validate()
    }
}
