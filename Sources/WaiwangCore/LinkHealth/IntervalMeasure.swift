/// A value computed over one polling interval (a per-second rate or a utilisation), or why there is none.
public enum IntervalMeasure: Sendable, Hashable {
    case value(Double)
    case missing(RateGap)

    /// The value, or nil when missing.
    public var value: Double? {
        if case .value(let value) = self { return value }
        return nil
    }

    /// The reason it is missing, or nil when there is a value.
    public var gap: RateGap? {
        if case .missing(let gap) = self { return gap }
        return nil
    }
}
