/// One change of a link's health: the event the agent sends up and the registry records.
public struct LinkHealthChange: Sendable, Hashable {
    public var from: LinkHealth
    public var to: LinkHealth
    public var reason: LinkHealthReason
    /// Seconds on the caller's clock of the observation that caused it.
    public var at: Double

    public init(from: LinkHealth, to: LinkHealth, reason: LinkHealthReason, at: Double) {
        self.from = from
        self.to = to
        self.reason = reason
        self.at = at
    }
}
