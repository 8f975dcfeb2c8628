import Testing
import WaiwangCore

/// The link-health suites (counters, rates, dampening, health, renumbering), grouped so `--filter LinkHealth`
/// runs them all.
@Suite("Link health")
enum LinkHealthTests {}

/// Samples, rates and observations shared by the link-health tests.
enum LinkHealthFixture {
    /// A sample 10 s (1000 ticks) after `base`, as the table rows alter it.
    static let base = InterfaceSample(
        sysUpTime: 100_000, polledAt: 5_000, inOctets: .counter64(1_000), outOctets: .counter64(2_000), inErrors: 10,
        outErrors: 0, inDiscards: 5, outDiscards: 0, counterDiscontinuityTime: 500, highSpeed: 100)

    static func later(by ticks: UInt32 = 1_000, _ change: (inout InterfaceSample) -> Void = { _ in }) -> InterfaceSample
    {
        var sample = base
        sample.sysUpTime += ticks
        sample.polledAt += Double(ticks) / 100
        change(&sample)
        return sample
    }

    /// Rates over one interval with the given utilisations (100 Mbit/s link) and errors+discards per second.
    static func rates(inUtilisation: Double = 0.1, outUtilisation: Double = 0.1, errorsPerSecond: Double = 0)
        -> InterfaceRates
    {
        InterfaceRates(
            seconds: 10, inBitsPerSecond: .value(inUtilisation * 1e8), outBitsPerSecond: .value(outUtilisation * 1e8),
            inUtilisation: .value(inUtilisation), outUtilisation: .value(outUtilisation),
            inErrorsPerSecond: .value(errorsPerSecond), outErrorsPerSecond: .value(0), inDiscardsPerSecond: .value(0),
            outDiscardsPerSecond: .value(0))
    }

    /// Rates of an interval that is entirely a gap.
    static func gap(_ gap: RateGap) -> InterfaceRates {
        let missing = IntervalMeasure.missing(gap)
        return InterfaceRates(
            seconds: nil, inBitsPerSecond: missing, outBitsPerSecond: missing, inUtilisation: missing,
            outUtilisation: missing, inErrorsPerSecond: missing, outErrorsPerSecond: missing,
            inDiscardsPerSecond: missing, outDiscardsPerSecond: missing)
    }

    static let healthy = LinkObservation.polled(admin: .up, oper: .up, rates: rates())
    static let hot = LinkObservation.polled(admin: .up, oper: .up, rates: rates(inUtilisation: 0.95))
    static let operDown = LinkObservation.polled(admin: .up, oper: .down, rates: nil)
    static let shut = LinkObservation.polled(admin: .down, oper: .down, rates: nil)
}

/// Whether two doubles agree to 1e-12 relative.
func approximately(_ actual: Double?, _ expected: Double) -> Bool {
    guard let actual else { return false }
    return abs(actual - expected) <= 1e-12 * max(1, abs(expected))
}
