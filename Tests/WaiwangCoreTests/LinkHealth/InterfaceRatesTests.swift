import Testing
import WaiwangCore

extension LinkHealthTests {
    /// Rates between two samples: exact wraps, and a gap — never a spike, never a silent zero — at every
    /// discontinuity.
    @Suite("Interface rates")
    struct InterfaceRatesTests {
        typealias F = LinkHealthFixture

        /// Octets before and after over 10 s, the speed, and the bits/s and utilisation expected.
        static let rates: [(String, CounterReading, CounterReading, UInt32?, UInt32?, Double, IntervalMeasure)] = [
            (
                "Counter64, 100 Mbit/s by ifHighSpeed", .counter64(1_000), .counter64(1_251_000), 100, nil, 1e6,
                .value(0.01)
            ),
            (
                "Counter32 wrap: 596 octets in 10 s", .counter32(4_294_967_000), .counter32(300), 0, 10_000_000, 476.8,
                .value(476.8 / 1e7)
            ),
            (
                "Counter64 wrap: 1616 octets in 10 s", .counter64(18_446_744_073_709_551_000), .counter64(1_000), 1_000,
                nil, 1_292.8, .value(1_292.8 / 1e9)
            ),
            (
                "ifHighSpeed 0: ifSpeed in bit/s", .counter32(0), .counter32(12_500_000), 0, 100_000_000, 1e7,
                .value(0.1)
            ),
            ("ifHighSpeed absent: ifSpeed", .counter32(0), .counter32(12_500_000), nil, 100_000_000, 1e7, .value(0.1)),
            (
                "zero speed: rate known, utilisation unknown", .counter64(0), .counter64(1_250), 0, 0, 1_000,
                .missing(.speedUnknown)
            ),
            ("no speed at all", .counter64(0), .counter64(1_250), nil, nil, 1_000, .missing(.speedUnknown)),
            (
                "saturated ifSpeed only says ≥ 4.29 Gbit/s", .counter64(0), .counter64(1_250), nil, UInt32.max, 1_000,
                .missing(.speedUnknown)
            ),
            ("over 100 %: a misconfigured speed shows", .counter64(0), .counter64(25_000_000), 10, nil, 2e7, .value(2)),
        ]

        @Test("bits per second and utilisation", arguments: rates)
        func rate(
            why: String, before: CounterReading, after: CounterReading, highSpeed: UInt32?, speed: UInt32?,
            bitsPerSecond: Double, utilisation: IntervalMeasure
        ) {
            var previous = F.base
            previous.inOctets = before
            let current = F.later {
                $0.inOctets = after
                $0.highSpeed = highSpeed
                $0.speed = speed
            }
            let rates = InterfaceRates(from: previous, to: current)
            #expect(rates.seconds == 10)
            #expect(approximately(rates.inBitsPerSecond.value, bitsPerSecond), "\(why): \(rates.inBitsPerSecond)")
            switch utilisation {
            case .value(let expected):
                #expect(approximately(rates.inUtilisation.value, expected), "\(why): \(rates.inUtilisation)")
            case .missing:
                #expect(rates.inUtilisation == utilisation, "\(why)")
            }
        }

        /// How the later sample differs, and the gap of the whole interval.
        static let intervalGaps: [(String, RateGap, @Sendable (inout InterfaceSample) -> Void)] = [
            ("reboot: sysUpTime went back", .agentRestarted, { $0.sysUpTime = 3_000 }),
            ("sysUpTime did not advance", .nonPositiveInterval, { $0.sysUpTime = F.base.sysUpTime }),
            ("polled at the same moment", .nonPositiveInterval, { $0.polledAt = F.base.polledAt }),
            ("polled earlier (out of order)", .nonPositiveInterval, { $0.polledAt = F.base.polledAt - 1 }),
            ("ifCounterDiscontinuityTime changed", .counterDiscontinuity, { $0.counterDiscontinuityTime = 100_500 }),
        ]

        @Test("a discontinuity of the whole interval leaves every measure missing", arguments: intervalGaps)
        func intervalGap(why: String, gap: RateGap, change: @Sendable (inout InterfaceSample) -> Void) {
            let rates = InterfaceRates(from: F.base, to: F.later(change))
            #expect(rates.seconds == nil, "\(why)")
            for measure in [
                rates.inBitsPerSecond, rates.outBitsPerSecond, rates.inUtilisation, rates.outUtilisation,
                rates.inErrorsPerSecond, rates.outErrorsPerSecond, rates.inDiscardsPerSecond,
                rates.outDiscardsPerSecond,
                rates.errorsAndDiscardsPerSecond,
            ] {
                #expect(measure == .missing(gap), "\(why)")
            }
        }

        /// How the later sample differs, and the gap of inbound bits/s alone.
        static let counterGaps: [(String, RateGap, @Sendable (inout InterfaceSample) -> Void)] = [
            ("HC disappeared: 64 → 32 bits", .counterWidthChanged, { $0.inOctets = .counter32(1_500) }),
            ("in octets absent", .counterAbsent, { $0.inOctets = nil }),
            (
                "Counter32 at 10 Gbit/s could wrap many times in 10 s", .ambiguousWrap,
                {
                    $0.inOctets = .counter32(1_500)
                    $0.highSpeed = 10_000
                }
            ),
        ]

        @Test("a gap of one counter leaves the others", arguments: counterGaps)
        func counterGap(why: String, gap: RateGap, change: @Sendable (inout InterfaceSample) -> Void) {
            var previous = F.base
            if gap == .ambiguousWrap { previous.inOctets = .counter32(1_000) }
            let rates = InterfaceRates(from: previous, to: F.later(change))
            #expect(rates.inBitsPerSecond == .missing(gap), "\(why)")
            #expect(rates.inUtilisation == .missing(gap), "\(why)")
            #expect(rates.outBitsPerSecond == .value(0), "\(why)")
            #expect(rates.inErrorsPerSecond == .value(0), "\(why)")
        }

        /// Octets before and after over 10 s, ifHighSpeed, and what comes out: a backward step is a wrap only when the
        /// link could have carried that much.
        static let resets: [(String, CounterReading, CounterReading, UInt32?, IntervalMeasure)] = [
            (
                "Counter32 cleared on 100 Mbit/s: a wrap would be 1.04 Gbit/s", .counter32(3_000_000_000),
                .counter32(1_000), 100, .missing(.counterReset)
            ),
            (
                "Counter64 cleared, speed unknown: a wrap would be ~2^64 octets", .counter64(1_000_000),
                .counter64(5), nil, .missing(.counterReset)
            ),
            (
                "Counter64 cleared on 10 Gbit/s", .counter64(9_000_000_000_000), .counter64(5), 10_000,
                .missing(.counterReset)
            ),
            (
                "Counter64 jumps forward 10^14 octets in 10 s on 1 Gbit/s (80 Tbit/s)", .counter64(1_000),
                .counter64(100_000_000_001_000), 1_000, .missing(.implausibleAdvance)
            ),
            (
                "Counter32 forward at 1.9x a 100 Mbit/s link is still a rate", .counter32(0),
                .counter32(237_500_000), 100, .value(190_000_000)
            ),
            (
                "a real Counter64 wrap, speed unknown", .counter64(18_446_744_073_709_551_516), .counter64(50), nil,
                .value(120)
            ),
            (
                "a real Counter32 wrap at 150 % of a speed set too low", .counter32(4_294_000_000),
                .counter32(907_704), 1, .value(1_500_000)
            ),
        ]

        @Test("a counter reset is not taken for a wrap", arguments: resets)
        func reset(
            why: String, before: CounterReading, after: CounterReading, highSpeed: UInt32?, expected: IntervalMeasure
        ) {
            var previous = F.base
            previous.inOctets = before
            let current = F.later {
                $0.inOctets = after
                $0.highSpeed = highSpeed
            }
            #expect(InterfaceRates(from: previous, to: current).inBitsPerSecond == expected, "\(why)")
        }

        @Test("cleared error counters are a reset, not 400 million errors a second")
        func errorReset() {
            let rates = InterfaceRates(from: F.base, to: F.later { $0.inErrors = 0 })
            #expect(rates.inErrorsPerSecond == .missing(.counterReset))
            #expect(rates.errorsAndDiscardsPerSecond == .missing(.counterReset))
        }

        @Test("HC appearing (32 → 64 bits) is a gap too, and a missing discontinuity time is not")
        func hcAppeared() {
            var previous = F.base
            previous.inOctets = .counter32(1_000)
            previous.counterDiscontinuityTime = nil
            let rates = InterfaceRates(from: previous, to: F.later { $0.inOctets = .counter64(2_000) })
            #expect(rates.inBitsPerSecond == .missing(.counterWidthChanged))
            #expect(rates.seconds == 10)
        }

        @Test("Counter32 octets on 1 Gbit/s are exact over 10 s and ambiguous over 60 s (2^32 octets in 34.4 s)")
        func counter32OnGigabit() {
            var previous = F.base
            previous.inOctets = .counter32(4_294_967_000)
            let short = F.later(by: 1_000) {
                $0.inOctets = .counter32(300)
                $0.highSpeed = 1_000
            }
            #expect(approximately(InterfaceRates(from: previous, to: short).inBitsPerSecond.value, 476.8))
            let long = F.later(by: 6_000) {
                $0.inOctets = .counter32(300)
                $0.highSpeed = 1_000
            }
            #expect(InterfaceRates(from: previous, to: long).inBitsPerSecond == .missing(.ambiguousWrap))
        }

        @Test("errors and discards: per-counter rates, their sum, a Counter32 wrap among them")
        func errors() {
            let current = F.later {
                $0.inErrors = 40
                $0.outErrors = 9
                $0.inDiscards = 35
                $0.outDiscards = nil
            }
            var previous = F.base
            previous.outErrors = 4_294_967_295
            let rates = InterfaceRates(from: previous, to: current)
            #expect(rates.inErrorsPerSecond == .value(3))
            #expect(rates.outErrorsPerSecond == .value(1))
            #expect(rates.inDiscardsPerSecond == .value(3))
            #expect(rates.outDiscardsPerSecond == .missing(.counterAbsent))
            #expect(rates.errorsAndDiscardsPerSecond == .value(7))
        }

        @Test("no error counter at all is absent, not zero")
        func noErrorCounters() {
            let strip: (inout InterfaceSample) -> Void = {
                $0.inErrors = nil
                $0.outErrors = nil
                $0.inDiscards = nil
                $0.outDiscards = nil
            }
            var previous = F.base
            strip(&previous)
            #expect(
                InterfaceRates(from: previous, to: F.later(strip)).errorsAndDiscardsPerSecond
                    == .missing(.counterAbsent))
        }
    }
}
