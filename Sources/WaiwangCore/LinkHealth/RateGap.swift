/// Why an interval has no rate (or no utilisation): a gap is reported, never a spike and never a silent zero.
public enum RateGap: String, Sendable, Hashable, Codable {
    /// sysUpTime went back: the agent restarted (a reboot) and its counters began again.
    ///
    /// A sysUpTime wrap (TimeTicks, after 497 days of uptime) looks the same and costs one interval.
    case agentRestarted
    /// ifCounterDiscontinuityTime changed: the interface's counters were reset or re-created.
    case counterDiscontinuity
    /// The counter went back by more than the link could carry in the interval: reset (e.g. cleared), not wrapped.
    case counterReset
    /// The counter went forward by more than the link could carry in the interval (twice its speed): a counter
    /// replaced or re-based by the agent, or a hostile agent — no measurement, so no spike and no false `degraded`.
    case implausibleAdvance
    /// One sample had the Counter64 (ifHC…) and the other the Counter32: the values are not comparable.
    case counterWidthChanged
    /// The samples are not in order (the later one was taken at or before the earlier one).
    case nonPositiveInterval
    /// The counter is missing from one of the two samples.
    case counterAbsent
    /// A Counter32 octet counter on a link fast enough to wrap it more than once in the interval.
    case ambiguousWrap
    /// The interface's speed is 0 or unknown, so utilisation cannot be computed (rates still can).
    case speedUnknown

    /// Whether the gap is of this interval only (a restart, a reset, a width change, samples out of order), as
    /// opposed to one that lasts as long as the device is configured so (absent counter, unknown speed, a Counter32
    /// on a fast link).
    public var isTransient: Bool {
        switch self {
        case .agentRestarted, .counterDiscontinuity, .counterReset, .implausibleAdvance, .counterWidthChanged,
            .nonPositiveInterval:
            return true
        case .counterAbsent, .ambiguousWrap, .speedUnknown: return false
        }
    }
}
