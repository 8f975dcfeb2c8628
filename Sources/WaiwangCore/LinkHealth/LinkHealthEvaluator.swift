/// The health state machine of one link: fed observations with their times, it returns the changes of health.
///
/// A pure value: no clock of its own, no I/O. It starts `unknown` (nothing seen yet), so the first observation
/// reports a change from `unknown`. Precedence: device unreachable → `unknown`; admin down → `adminDown`; admin or
/// oper testing, oper unknown → `unknown`; flap penalty suppressed → `flapping`; oper down → `down`; over a
/// threshold → `degraded`; else `up`. Only oper transitions while admin is up add flap penalty — an operator's
/// shut or no-shut (an isolation order) is not a flap.
public struct LinkHealthEvaluator: Sendable, Hashable {
    public let policy: LinkHealthPolicy
    public private(set) var health: LinkHealth = .unknown
    /// Why the link has its health; nil before the first observation.
    public private(set) var reason: LinkHealthReason?
    public private(set) var dampening: FlapDampening
    /// Oper up or down as last seen while admin was up; nil after an admin down, so no-shut is not a flap.
    private var lastOperUp: Bool?
    /// The last conclusive verdict on the thresholds while up: nil when within them.
    private var degradation: LinkHealthReason?

    public init(policy: LinkHealthPolicy = LinkHealthPolicy()) {
        self.policy = policy
        self.dampening = FlapDampening(policy: policy.dampening)
    }

    /// Takes in one observation made at `time` (seconds on the caller's clock) and returns the changes of health
    /// it causes: empty when the health stays, otherwise one change today (an array so that later kinds of event
    /// break no caller).
    public mutating func observe(_ observation: LinkObservation, at time: Double) -> [LinkHealthChange] {
        dampening.advance(to: time)
        let (next, why) = verdict(observation, at: time)
        defer {
            health = next
            reason = why
        }
        guard next != health else { return [] }
        return [LinkHealthChange(from: health, to: next, reason: why, at: time)]
    }

    private mutating func verdict(_ observation: LinkObservation, at time: Double) -> (LinkHealth, LinkHealthReason) {
        guard case .polled(let admin, let oper, let rates) = observation else {
            return (.unknown, .deviceUnreachable)
        }
        switch admin {
        case .down:
            lastOperUp = nil
            degradation = nil
            return (.adminDown, .administrativelyDown)
        case .testing:
            return (.unknown, .statusIndeterminate(admin: admin, oper: oper))
        case .up:
            break
        }
        guard let operUp = oper.isUp else {
            return (.unknown, .statusIndeterminate(admin: admin, oper: oper))
        }
        if let lastOperUp, lastOperUp != operUp {
            dampening.recordTransition(at: time)
        }
        lastOperUp = operUp
        if dampening.isSuppressed {
            return (.flapping, .flapPenalty(dampening.penalty))
        }
        guard operUp else {
            degradation = nil
            return (.down, .operDown(oper))
        }
        switch rates.map(thresholdVerdict) {
        case .within: degradation = nil
        case .over(let why): degradation = why
        case .open, nil: break  // The rates are missing for this interval only: hold the last verdict.
        }
        if let degradation { return (.degraded, degradation) }
        return (.up, .operUp)
    }

    private enum ThresholdVerdict {
        case within
        case over(LinkHealthReason)
        /// A transient gap leaves it open and nothing measured is over.
        case open
    }

    private func thresholdVerdict(_ rates: InterfaceRates) -> ThresholdVerdict {
        let threshold = policy.utilisationThreshold
        let measured: [(IntervalMeasure, (Double) -> LinkHealthReason?)] = [
            (
                rates.inUtilisation,
                { $0 > threshold ? .utilisation(.inbound, value: $0, threshold: threshold) : nil }
            ),
            (
                rates.outUtilisation,
                { $0 > threshold ? .utilisation(.outbound, value: $0, threshold: threshold) : nil }
            ),
            (
                rates.errorsAndDiscardsPerSecond,
                {
                    $0 > policy.errorsAndDiscardsPerSecond
                        ? .errorsAndDiscards(perSecond: $0, threshold: policy.errorsAndDiscardsPerSecond) : nil
                }
            ),
        ]
        var open = false
        for (measure, check) in measured {
            switch measure {
            case .value(let value):
                if let over = check(value) { return .over(over) }
            case .missing(let gap):
                if gap.isTransient { open = true }
            }
        }
        return open ? .open : .within
    }
}
