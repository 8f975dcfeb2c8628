extension InterfaceRates {
    /// The rates from `previous` to `current`, with every discontinuity reported as a gap.
    ///
    /// The whole interval is a gap when the samples are out of order or sysUpTime did not advance
    /// (`nonPositiveInterval`), when sysUpTime went back (`agentRestarted`), or when both samples carry an
    /// ifCounterDiscontinuityTime and it changed (`counterDiscontinuity`). A single counter is a gap when it is
    /// missing from either sample or its width changed. The interval is measured by sysUpTime, the device's clock,
    /// so poll jitter and response latency do not bend the rates. Counters are assumed to wrap at most once; a
    /// Counter32 octet counter on a link whose speed could wrap it twice in the interval is `ambiguousWrap`. A
    /// counter that went back by more than the link could carry in the interval (twice its speed, to allow for a
    /// speed set too low; 2^62 for a Counter64 on a link of unknown speed) was reset, not wrapped: `counterReset`.
    /// One that went forward by more than that is `implausibleAdvance`.
    public init(from previous: InterfaceSample, to current: InterfaceSample) {
        if let gap = Self.intervalGap(previous, current) {
            let missing = IntervalMeasure.missing(gap)
            self.init(
                seconds: nil, inBitsPerSecond: missing, outBitsPerSecond: missing, inUtilisation: missing,
                outUtilisation: missing, inErrorsPerSecond: missing, outErrorsPerSecond: missing,
                inDiscardsPerSecond: missing, outDiscardsPerSecond: missing)
            return
        }
        let seconds = Double(current.sysUpTime - previous.sysUpTime) / 100
        let speed = current.bitsPerSecond

        func octets(_ earlier: CounterReading?, _ later: CounterReading?) -> IntervalMeasure {
            switch Self.perSecond(earlier, later, seconds: seconds, ceiling: speed.map { 2 * $0 / 8 }) {
            case .missing(let gap): return .missing(gap)
            case .value(let octetsPerSecond):
                // At full speed, could a Counter32 have wrapped twice in this interval?
                if later?.width == .counter32, let speed, speed / 8 * seconds >= 4_294_967_296 {
                    return .missing(.ambiguousWrap)
                }
                return .value(octetsPerSecond * 8)
            }
        }
        func utilisation(_ bits: IntervalMeasure) -> IntervalMeasure {
            guard case .value(let bitsPerSecond) = bits else { return bits }
            guard let speed else { return .missing(.speedUnknown) }
            return .value(bitsPerSecond / speed)
        }
        func count(_ earlier: UInt32?, _ later: UInt32?) -> IntervalMeasure {
            // No more than one error or discard per minimum (64-octet) frame at twice the line rate.
            Self.perSecond(
                earlier.map(CounterReading.counter32), later.map(CounterReading.counter32), seconds: seconds,
                ceiling: speed.map { 2 * $0 / 512 })
        }

        let inBits = octets(previous.inOctets, current.inOctets)
        let outBits = octets(previous.outOctets, current.outOctets)
        self.init(
            seconds: seconds, inBitsPerSecond: inBits, outBitsPerSecond: outBits,
            inUtilisation: utilisation(inBits), outUtilisation: utilisation(outBits),
            inErrorsPerSecond: count(previous.inErrors, current.inErrors),
            outErrorsPerSecond: count(previous.outErrors, current.outErrors),
            inDiscardsPerSecond: count(previous.inDiscards, current.inDiscards),
            outDiscardsPerSecond: count(previous.outDiscards, current.outDiscards))
    }

    private static func intervalGap(_ previous: InterfaceSample, _ current: InterfaceSample) -> RateGap? {
        guard current.polledAt > previous.polledAt else { return .nonPositiveInterval }
        guard current.sysUpTime >= previous.sysUpTime else { return .agentRestarted }
        guard current.sysUpTime > previous.sysUpTime else { return .nonPositiveInterval }
        if let before = previous.counterDiscontinuityTime, let after = current.counterDiscontinuityTime,
            before != after
        {
            return .counterDiscontinuity
        }
        return nil
    }

    /// The counter's advance per second; `ceiling` is the most per second the link could plausibly carry.
    private static func perSecond(
        _ earlier: CounterReading?, _ later: CounterReading?, seconds: Double, ceiling: Double?
    ) -> IntervalMeasure {
        guard let earlier, let later else { return .missing(.counterAbsent) }
        guard let advance = later.advance(since: earlier) else { return .missing(.counterWidthChanged) }
        let rate = Double(advance) / seconds
        if later.value < earlier.value {
            if let ceiling, rate > ceiling { return .missing(.counterReset) }
            if later.width == .counter64, advance >= 1 << 62 { return .missing(.counterReset) }
        } else if let ceiling, rate > ceiling {
            return .missing(.implausibleAdvance)
        }
        return .value(rate)
    }
}
