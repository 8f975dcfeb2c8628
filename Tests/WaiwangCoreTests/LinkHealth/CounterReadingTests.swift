import Testing
import WaiwangCore

extension LinkHealthTests {
    /// How far a counter advanced between two readings, with exactly one wrap assumed when it went back.
    @Suite("Counter advance and wrap")
    struct CounterReadingTests {
        static let counter32Rows: [(UInt32, UInt32, UInt64, String)] = [
            (100, 250, 150, "no wrap"),
            (5, 5, 0, "no traffic"),
            (4_294_967_000, 300, 596, "wrap: 2^32 − 4294967000 = 296, plus 300"),
            (4_294_967_295, 0, 1, "wrap by one"),
            (0, 4_294_967_295, 4_294_967_295, "the largest advance without a wrap"),
            (1, 0, 4_294_967_295, "the largest advance with one"),
        ]

        @Test("Counter32 wraps at 2^32", arguments: counter32Rows)
        func counter32(earlier: UInt32, later: UInt32, advance: UInt64, why: String) {
            #expect(CounterReading.counter32(later).advance(since: .counter32(earlier)) == advance, "\(why)")
        }

        static let counter64Rows: [(UInt64, UInt64, UInt64, String)] = [
            (1_000, 3_000_000_000_000, 2_999_999_999_000, "no wrap, beyond 32 bits"),
            (18_446_744_073_709_551_000, 1_000, 1_616, "wrap: 2^64 − …551000 = 616, plus 1000"),
            (UInt64.max, 0, 1, "wrap by one"),
            (
                4_294_967_000, 300, 18_446_744_069_414_584_916,
                "a Counter32's wrap read as Counter64 is 2^64 − 4294966700"
            ),
        ]

        @Test("Counter64 wraps at 2^64", arguments: counter64Rows)
        func counter64(earlier: UInt64, later: UInt64, advance: UInt64, why: String) {
            #expect(CounterReading.counter64(later).advance(since: .counter64(earlier)) == advance, "\(why)")
        }

        @Test("readings of different widths are not comparable")
        func widthChange() {
            #expect(CounterReading.counter32(300).advance(since: .counter64(100)) == nil)
            #expect(CounterReading.counter64(300).advance(since: .counter32(100)) == nil)
        }

        @Test("the HC counter is preferred; the 32-bit one is used when HC is absent")
        func octets() {
            #expect(CounterReading.octets(hc: 7, legacy: 9) == .counter64(7))
            #expect(CounterReading.octets(hc: nil, legacy: 9) == .counter32(9))
            #expect(CounterReading.octets(hc: nil, legacy: nil) == nil)
        }
    }
}
