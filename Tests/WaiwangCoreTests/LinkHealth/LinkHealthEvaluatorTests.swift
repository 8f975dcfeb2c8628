import Testing
import WaiwangCore

extension LinkHealthTests {
    /// The link-health state machine: every transition between the states, each change an event with its reason.
    @Suite("Link health evaluator")
    struct LinkHealthEvaluatorTests {
        typealias F = LinkHealthFixture

        /// A state to start from, reached by observations ending at t = 30.
        enum Start: String, CaseIterable, Sendable {
            case unknown, up, down, adminDown, degraded, flapping

            func evaluator() -> LinkHealthEvaluator {
                var evaluator = LinkHealthEvaluator()
                let steps: [LinkObservation]
                switch self {
                case .unknown: steps = [F.healthy, .unreachable]
                case .up: steps = [F.healthy]
                case .down: steps = [F.healthy, F.operDown]
                case .adminDown: steps = [F.healthy, F.shut]
                case .degraded: steps = [F.healthy, F.hot]
                // up at 0, then down 10, up 20, down 30: 1000 → 1890.9 → 2684.6, above 2000.
                case .flapping: steps = [F.healthy, F.operDown, F.healthy, F.operDown]
                }
                let start = 30 - 10 * Double(steps.count - 1)
                for (offset, step) in steps.enumerated() {
                    _ = evaluator.observe(step, at: start + 10 * Double(offset))
                }
                return evaluator
            }

            var health: LinkHealth { LinkHealth(rawValue: rawValue)! }
        }

        /// What the next poll at t = 40 sees.
        enum Seen: String, CaseIterable, Sendable {
            case healthy, hot, erroring, operDown, lowerLayerDown, shut, unreachable, testing, dormant

            var observation: LinkObservation {
                switch self {
                case .healthy: F.healthy
                case .hot: F.hot
                case .erroring: .polled(admin: .up, oper: .up, rates: F.rates(errorsPerSecond: 1.5))
                case .operDown: F.operDown
                case .lowerLayerDown: .polled(admin: .up, oper: .lowerLayerDown, rates: nil)
                case .shut: F.shut
                case .unreachable: .unreachable
                case .testing: .polled(admin: .testing, oper: .testing, rates: nil)
                case .dormant: .polled(admin: .up, oper: .dormant, rates: F.rates())
                }
            }
        }

        /// Start, what is seen, the health after, the reason.
        static let transitions: [(Start, Seen, LinkHealth, LinkHealthReason)] = [
            (.unknown, .healthy, .up, .operUp),
            (.unknown, .hot, .degraded, .utilisation(.inbound, value: 0.95, threshold: 0.9)),
            (.unknown, .operDown, .down, .operDown(.down)),
            (.unknown, .shut, .adminDown, .administrativelyDown),
            (.unknown, .unreachable, .unknown, .deviceUnreachable),
            (.up, .healthy, .up, .operUp),
            (.up, .hot, .degraded, .utilisation(.inbound, value: 0.95, threshold: 0.9)),
            (.up, .erroring, .degraded, .errorsAndDiscards(perSecond: 1.5, threshold: 1)),
            (.up, .operDown, .down, .operDown(.down)),
            (.up, .lowerLayerDown, .down, .operDown(.lowerLayerDown)),
            (.up, .shut, .adminDown, .administrativelyDown),
            (.up, .unreachable, .unknown, .deviceUnreachable),
            (.up, .testing, .unknown, .statusIndeterminate(admin: .testing, oper: .testing)),
            (.up, .dormant, .up, .operUp),
            (.down, .healthy, .up, .operUp),
            (.down, .hot, .degraded, .utilisation(.inbound, value: 0.95, threshold: 0.9)),
            (.down, .operDown, .down, .operDown(.down)),
            (.down, .shut, .adminDown, .administrativelyDown),
            (.down, .unreachable, .unknown, .deviceUnreachable),
            (.adminDown, .healthy, .up, .operUp),
            (.adminDown, .hot, .degraded, .utilisation(.inbound, value: 0.95, threshold: 0.9)),
            (.adminDown, .operDown, .down, .operDown(.down)),
            (.adminDown, .shut, .adminDown, .administrativelyDown),
            (.adminDown, .unreachable, .unknown, .deviceUnreachable),
            (.degraded, .healthy, .up, .operUp),
            (.degraded, .hot, .degraded, .utilisation(.inbound, value: 0.95, threshold: 0.9)),
            (.degraded, .erroring, .degraded, .errorsAndDiscards(perSecond: 1.5, threshold: 1)),
            (.degraded, .operDown, .down, .operDown(.down)),
            (.degraded, .shut, .adminDown, .administrativelyDown),
            (.degraded, .unreachable, .unknown, .deviceUnreachable),
            // While suppressed, oper changes stay `flapping`; an operator's shut and an unreachable device do not.
            (.flapping, .healthy, .flapping, .flapPenalty(3_391.706_025_310_986)),
            (.flapping, .hot, .flapping, .flapPenalty(3_391.706_025_310_986)),
            (.flapping, .operDown, .flapping, .flapPenalty(2_391.706_025_310_986)),
            (.flapping, .shut, .adminDown, .administrativelyDown),
            (.flapping, .unreachable, .unknown, .deviceUnreachable),
        ]

        @Test("one observation from each state", arguments: transitions)
        func transition(start: Start, seen: Seen, after: LinkHealth, reason: LinkHealthReason) {
            var evaluator = start.evaluator()
            #expect(evaluator.health == start.health)
            let changes = evaluator.observe(seen.observation, at: 40)
            #expect(evaluator.health == after)
            if case .flapPenalty(let expected) = reason, case .flapPenalty(let penalty)? = evaluator.reason {
                #expect(approximately(penalty, expected), "\(penalty)")
            } else {
                #expect(evaluator.reason == reason)
            }
            if after == start.health {
                #expect(changes.isEmpty)
            } else {
                #expect(changes.count == 1)
                #expect(changes.first?.from == start.health)
                #expect(changes.first?.to == after)
                #expect(changes.first?.reason == evaluator.reason)
                #expect(changes.first?.at == 40)
            }
        }

        @Test("flapping: entered on the third change 10 s apart, left at the first poll after the penalty is under 750")
        func flappingEntersAndLeaves() {
            var evaluator = Start.flapping.evaluator()
            #expect(evaluator.health == .flapping)
            #expect(approximately(evaluator.dampening.penalty, 2_684.599_244_124_439))
            // 2684.6 reaches 750 at 30 + 110.38 s; the link stays down meanwhile, so no penalty is added.
            #expect(evaluator.observe(F.operDown, at: 140).isEmpty)
            #expect(evaluator.health == .flapping)
            let changes = evaluator.observe(F.operDown, at: 141)
            #expect(changes == [LinkHealthChange(from: .flapping, to: .down, reason: .operDown(.down), at: 141)])
        }

        @Test("an unreachable device is unknown, never down, and coming back up is not a flap")
        func unreachable() {
            var evaluator = LinkHealthEvaluator()
            _ = evaluator.observe(F.healthy, at: 0)
            #expect(
                evaluator.observe(.unreachable, at: 10)
                    == [LinkHealthChange(from: .up, to: .unknown, reason: .deviceUnreachable, at: 10)])
            #expect(evaluator.observe(F.healthy, at: 20).map(\.to) == [.up])
            #expect(evaluator.dampening.penalty == 0)
            // Down found after an outage is a transition from the last oper status seen.
            _ = evaluator.observe(.unreachable, at: 30)
            #expect(evaluator.observe(F.operDown, at: 40).map(\.to) == [.down])
            #expect(evaluator.dampening.penalty == 1_000)
        }

        @Test("an operator's shut and no-shut (an isolation order and its restoration) add no flap penalty")
        func adminChangesAreNotFlaps() {
            var evaluator = LinkHealthEvaluator()
            for (time, observation) in [F.healthy, F.shut, F.healthy, F.shut, F.healthy, F.shut, F.healthy].enumerated()
            {
                _ = evaluator.observe(observation, at: Double(time))
            }
            #expect(evaluator.health == .up)
            #expect(evaluator.dampening.penalty == 0)
        }

        @Test("a gap in the rates holds the last verdict: no false recovery, no false alarm")
        func gapHolds() {
            var degraded = Start.degraded.evaluator()
            let gap = LinkObservation.polled(admin: .up, oper: .up, rates: F.gap(.agentRestarted))
            #expect(degraded.observe(gap, at: 40).isEmpty)
            #expect(degraded.health == .degraded)
            #expect(degraded.observe(.polled(admin: .up, oper: .up, rates: nil), at: 50).isEmpty)
            #expect(degraded.health == .degraded)
            #expect(degraded.observe(F.healthy, at: 60).map(\.to) == [.up])

            var up = Start.up.evaluator()
            #expect(up.observe(gap, at: 40).isEmpty)
            #expect(up.health == .up)
        }

        @Test("a measure that can never be had (no speed) does not keep a link degraded")
        func permanentGapClears() {
            var evaluator = LinkHealthEvaluator()
            _ = evaluator.observe(.polled(admin: .up, oper: .up, rates: F.rates(errorsPerSecond: 5)), at: 0)
            #expect(evaluator.health == .degraded)
            var rates = F.rates()
            rates.inUtilisation = .missing(.speedUnknown)
            rates.outUtilisation = .missing(.speedUnknown)
            #expect(evaluator.observe(.polled(admin: .up, oper: .up, rates: rates), at: 10).map(\.to) == [.up])
        }

        @Test("outbound utilisation degrades too; a threshold is exceeded only when above it")
        func outboundAndBoundary() {
            var evaluator = LinkHealthEvaluator()
            let out = evaluator.observe(.polled(admin: .up, oper: .up, rates: F.rates(outUtilisation: 0.91)), at: 0)
            #expect(out.map(\.reason) == [.utilisation(.outbound, value: 0.91, threshold: 0.9)])
            let atThreshold = F.rates(inUtilisation: 0.9, errorsPerSecond: 1)
            #expect(evaluator.observe(.polled(admin: .up, oper: .up, rates: atThreshold), at: 10).map(\.to) == [.up])
        }
    }
}
