/// Per-second rates and utilisation of one interface over the interval between two samples.
public struct InterfaceRates: Sendable, Hashable {
    /// The interval by the device's clock (sysUpTime), in seconds; nil when the interval itself is a gap.
    public var seconds: Double?
    public var inBitsPerSecond: IntervalMeasure
    public var outBitsPerSecond: IntervalMeasure
    /// Inbound bits/s over the link speed (0…1, more when the speed is misconfigured).
    public var inUtilisation: IntervalMeasure
    /// Outbound bits/s over the link speed.
    public var outUtilisation: IntervalMeasure
    public var inErrorsPerSecond: IntervalMeasure
    public var outErrorsPerSecond: IntervalMeasure
    public var inDiscardsPerSecond: IntervalMeasure
    public var outDiscardsPerSecond: IntervalMeasure

    public init(
        seconds: Double?, inBitsPerSecond: IntervalMeasure, outBitsPerSecond: IntervalMeasure,
        inUtilisation: IntervalMeasure, outUtilisation: IntervalMeasure, inErrorsPerSecond: IntervalMeasure,
        outErrorsPerSecond: IntervalMeasure, inDiscardsPerSecond: IntervalMeasure,
        outDiscardsPerSecond: IntervalMeasure
    ) {
        self.seconds = seconds
        self.inBitsPerSecond = inBitsPerSecond
        self.outBitsPerSecond = outBitsPerSecond
        self.inUtilisation = inUtilisation
        self.outUtilisation = outUtilisation
        self.inErrorsPerSecond = inErrorsPerSecond
        self.outErrorsPerSecond = outErrorsPerSecond
        self.inDiscardsPerSecond = inDiscardsPerSecond
        self.outDiscardsPerSecond = outDiscardsPerSecond
    }

    /// Errors and discards in both directions per second: the sum of those present; missing when none is present,
    /// or with the first gap when any present one has a gap.
    public var errorsAndDiscardsPerSecond: IntervalMeasure {
        let parts = [inErrorsPerSecond, outErrorsPerSecond, inDiscardsPerSecond, outDiscardsPerSecond]
            .filter { $0.gap != .counterAbsent }
        guard !parts.isEmpty else { return .missing(.counterAbsent) }
        var sum = 0.0
        for part in parts {
            switch part {
            case .value(let value): sum += value
            case .missing(let gap): return .missing(gap)
            }
        }
        return .value(sum)
    }
}
