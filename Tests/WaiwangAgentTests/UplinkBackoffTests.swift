import Testing

@testable import WaiwangAgent

@Suite("Uplink backoff: exponential with full jitter")
struct UplinkBackoffTests {
    /// A deterministic generator (SplitMix64) so the bounds are checked on many draws, reproducibly.
    struct SplitMix: RandomNumberGenerator {
        var state: UInt64
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }

    @Test(
        "ceilings double from base up to the cap",
        arguments: [(1, 0.5), (2, 1.0), (3, 2.0), (7, 32.0), (8, 60.0), (80, 60.0)])
    func ceilings(failures: Int, ceiling: Double) {
        #expect(UplinkBackoff(base: 0.5, cap: 60).ceiling(afterFailures: failures) == ceiling)
    }

    @Test("every delay lies in 0…ceiling, spreads over it, and a success starts again from base")
    func jitterBounds() {
        var generator = SplitMix(state: 42)
        var backoff = UplinkBackoff(base: 0.5, cap: 8)
        var atCap: [Double] = []
        for failure in 1...2000 {
            let delay = backoff.nextDelay(using: &generator)
            let ceiling = backoff.ceiling(afterFailures: failure)
            #expect(delay >= 0 && delay <= ceiling)
            if failure > 10 { atCap.append(delay) }
        }
        // Full jitter: the draws at the cap cover the whole range, not a band near it.
        #expect(atCap.min()! < 0.5)
        #expect(atCap.max()! > 7.5)
        let mean = atCap.reduce(0, +) / Double(atCap.count)
        #expect(abs(mean - 4) < 0.4)
        backoff.reset()
        #expect(backoff.nextDelay(using: &generator) <= 0.5)
    }
}
