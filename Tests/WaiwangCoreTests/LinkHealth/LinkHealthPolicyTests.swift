import Foundation
import Testing
import WaiwangCore

extension LinkHealthTests {
    /// The shipped `Config/link-health.json` and the checks that keep a hand-edited one sound.
    @Suite("Link health policy")
    struct LinkHealthPolicyTests {
        static let shippedFile = URL(fileURLWithPath: #filePath)
            .deletingLastPathComponent()  // LinkHealth
            .deletingLastPathComponent()  // WaiwangCoreTests
            .deletingLastPathComponent()  // Tests
            .deletingLastPathComponent()
            .appending(path: "Config/link-health.json")

        @Test("the shipped file holds the documented defaults and is valid")
        func shipped() throws {
            let policy = try JSONDecoder().decode(LinkHealthPolicy.self, from: Data(contentsOf: Self.shippedFile))
            #expect(policy == LinkHealthPolicy())
            #expect(policy.utilisationThreshold == 0.9)
            #expect(policy.errorsAndDiscardsPerSecond == 1)
            #expect(
                policy.dampening
                    == FlapDampeningPolicy(
                        penaltyPerTransition: 1_000, halfLifeSeconds: 60, suppressThreshold: 2_000, reuseThreshold: 750,
                        maxSuppressSeconds: 240))
            try policy.validate()
        }

        /// A policy that cannot work, and the field named.
        static let invalid: [(LinkHealthPolicy, String)] = [
            (LinkHealthPolicy(utilisationThreshold: 0), "utilisationThreshold"),
            (LinkHealthPolicy(utilisationThreshold: 1.5), "utilisationThreshold"),
            (LinkHealthPolicy(errorsAndDiscardsPerSecond: -1), "errorsAndDiscardsPerSecond"),
            (LinkHealthPolicy(dampening: FlapDampeningPolicy(reuseThreshold: 2_500)), "dampening.reuseThreshold"),
        ]

        @Test("thresholds out of range are refused, naming the field", arguments: invalid)
        func validation(policy: LinkHealthPolicy, field: String) {
            do {
                try policy.validate()
                Issue.record("accepted \(policy)")
            } catch {
                #expect(error.field == field)
            }
        }
    }
}
