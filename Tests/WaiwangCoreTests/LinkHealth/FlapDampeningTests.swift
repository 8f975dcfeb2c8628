import Testing
import WaiwangCore

extension LinkHealthTests {
    /// RFC 2439-style dampening with the link defaults: 1000 a transition, half-life 60 s, suppress above 2000,
    /// reuse below 750, released at most 240 s after the last transition (cap 750 × 2^4 = 12 000).
    @Suite("Flap dampening")
    struct FlapDampeningTests {
        /// Seconds after one transition at t = 100, and the penalty `1000 × 2^(−t/60)` worked by hand.
        static let decay: [(Double, Double)] = [
            (0, 1_000),
            (30, 707.106_781_186_547_6),  // 1000 / √2
            (60, 500),
            (90, 353.553_390_593_273_8),  // 500 / √2
            (120, 250),
            (10, 890.898_718_140_339_3),  // 1000 × 2^(−1/6)
            (600, 0.976_562_5),  // 1000 / 1024
        ]

        @Test("one transition decays by half every half-life", arguments: decay)
        func decays(after: Double, penalty: Double) {
            var dampening = FlapDampening()
            dampening.recordTransition(at: 100)
            #expect(approximately(dampening.penalty(at: 100 + after), penalty), "\(dampening.penalty(at: 100 + after))")
        }

        @Test("nothing before the first transition; a clock that went back decays nothing")
        func edges() {
            var dampening = FlapDampening()
            #expect(dampening.penalty(at: 50) == 0)
            dampening.advance(to: 60)
            #expect(dampening.updatedAt == nil)
            dampening.recordTransition(at: 100)
            #expect(dampening.penalty(at: 40) == 1_000)
        }

        @Test("three transitions 10 s apart suppress; released only below 750, 110.38 s after the third")
        func suppressThenReuse() {
            var dampening = FlapDampening()
            dampening.recordTransition(at: 0)
            dampening.recordTransition(at: 10)
            #expect(approximately(dampening.penalty, 1_890.898_718_140_339_3))
            #expect(!dampening.isSuppressed)
            dampening.recordTransition(at: 20)
            // 1000 + 1890.8987 × 2^(−1/6)
            #expect(approximately(dampening.penalty, 2_684.599_244_124_439))
            #expect(dampening.isSuppressed)

            // 2684.6 → 750 takes 60 × log2(2684.6 / 750) = 110.3847 s.
            dampening.advance(to: 80)
            #expect(dampening.isSuppressed, "below suppress (1342.3) but above reuse: still suppressed")
            dampening.advance(to: 130.38)
            #expect(dampening.isSuppressed)
            dampening.advance(to: 130.39)
            #expect(!dampening.isSuppressed)
            #expect(dampening.penalty < 750)

            // Hysteresis the other way: one more transition lifts it to 1749.98, under suppress: not suppressed.
            dampening.recordTransition(at: 130.39)
            #expect(dampening.penalty > 1_749 && dampening.penalty < 1_750)
            #expect(!dampening.isSuppressed)
        }

        @Test("two transitions at once reach 2000 but are not above it; 60 s transitions never suppress")
        func threshold() {
            var atOnce = FlapDampening()
            atOnce.recordTransition(at: 0)
            atOnce.recordTransition(at: 0)
            #expect(atOnce.penalty == 2_000)
            #expect(!atOnce.isSuppressed)

            var everyPoll = FlapDampening()
            for poll in 0..<50 { everyPoll.recordTransition(at: Double(poll) * 60) }
            #expect(everyPoll.penalty < 2_000, "p = p/2 + 1000 tends to 2000 from below")
            #expect(!everyPoll.isSuppressed)
        }

        @Test("the penalty is capped so that the link is released 240 s after its last transition")
        func cap() {
            var dampening = FlapDampening()
            for _ in 0..<30 { dampening.recordTransition(at: 1_000) }
            #expect(dampening.policy.maximumPenalty == 12_000)
            #expect(dampening.penalty == 12_000)
            dampening.advance(to: 1_239.9)
            #expect(dampening.isSuppressed)
            dampening.advance(to: 1_240.1)
            #expect(!dampening.isSuppressed)
        }

        /// A policy that cannot work, and the field named.
        static let invalid: [(FlapDampeningPolicy, String)] = [
            (FlapDampeningPolicy(penaltyPerTransition: 0), "dampening.penaltyPerTransition"),
            (FlapDampeningPolicy(halfLifeSeconds: 0), "dampening.halfLifeSeconds"),
            (FlapDampeningPolicy(suppressThreshold: 700), "dampening.reuseThreshold"),
            (FlapDampeningPolicy(maxSuppressSeconds: 60), "dampening.maxSuppressSeconds"),
        ]

        @Test("a policy that could never suppress or never release is refused", arguments: invalid)
        func validation(policy: FlapDampeningPolicy, field: String) {
            #expect(throws: RegistryError.self) { try policy.validate() }
            do { try policy.validate() } catch { #expect(error.field == field) }
        }
    }
}
