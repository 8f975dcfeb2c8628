import Foundation
import Testing
import WaiwangDelivery

@Suite("Retry policy and the delivery record: pure scheduling")
struct RetryPolicyTests {
    private let policy = RetryPolicy(
        maxAttempts: 5, maxAge: 600, initialDelay: 10, multiplier: 2, maxDelay: 60, jitter: 0.5)
    private let t0 = Date(timeIntervalSince1970: 1_795_754_545)

    @Test(
        "waits grow exponentially up to the cap; jitter only shortens, within its band",
        arguments: [
            (1, 0.0, 10.0), (2, 0.0, 20.0), (3, 0.0, 40.0), (4, 0.0, 60.0), (9, 0.0, 60.0),
            (1, 0.999_999, 5.000_005), (3, 0.5, 30.0),
        ])
    func delays(attempt: Int, unit: Double, expected: Double) {
        #expect(abs(policy.delay(afterAttempt: attempt, unit: unit) - expected) < 1e-6)
    }

    @Test("gives up when out of attempts or when the next try would be too old")
    func givingUp() {
        #expect(policy.nextAttempt(afterAttempt: 1, submittedAt: t0, now: t0, unit: 0) == t0.addingTimeInterval(10))
        #expect(policy.nextAttempt(afterAttempt: 5, submittedAt: t0, now: t0, unit: 0) == nil)
        #expect(policy.nextAttempt(afterAttempt: 2, submittedAt: t0, now: t0.addingTimeInterval(590), unit: 0) == nil)
    }

    @Test("every attempt is recorded per recipient; retryable ones are tried again, rejected ones fail at once")
    func partialDelivery() {
        var delivery = Delivery(id: "d1", channel: .mail, recipients: ["a@x", "b@y", "c@z", "a@x"], submittedAt: t0)
        #expect(delivery.recipients == ["a@x", "b@y", "c@z"])
        #expect(delivery.state == .pending(nextAttemptAt: t0))

        delivery.record(
            [
                "a@x": .delivered, "b@y": AttemptResult(.rejected, error: "550 no such user"),
                "c@z": AttemptResult(.retryable, error: "450 busy"),
            ],
            at: t0, policy: policy, jitterUnit: 0)
        #expect(delivery.state == .pending(nextAttemptAt: t0.addingTimeInterval(10)))
        #expect(delivery.pendingRecipients == ["c@z"])
        #expect(delivery.status["b@y"] == .failed(reason: "550 no such user"))

        delivery.record(["c@z": .delivered], at: t0.addingTimeInterval(10), policy: policy, jitterUnit: 0)
        #expect(delivery.state == .failed)  // b@y never got it: someone must act
        #expect(delivery.status["c@z"] == .delivered(at: t0.addingTimeInterval(10)))
        #expect(delivery.attempts.map(\.recipient) == ["a@x", "b@y", "c@z", "c@z"])
        #expect(delivery.attempts.map(\.number) == [1, 1, 1, 2])
        #expect(delivery.attempts.map(\.outcome) == [.delivered, .rejected, .retryable, .delivered])
    }

    @Test("a recipient that keeps failing ends failed after the last allowed attempt, all attempts kept")
    func exhausted() {
        var delivery = Delivery(id: "d2", channel: .webhook, recipients: ["https://hook"], submittedAt: t0)
        var now = t0
        while case .pending(let next) = delivery.state {
            now = next
            delivery.record(
                ["https://hook": AttemptResult(.retryable, error: "HTTP 500")], at: now, policy: policy, jitterUnit: 0)
        }
        #expect(delivery.state == .failed)
        #expect(delivery.attemptCount == 5)
        #expect(delivery.attempts.count == 5)
        #expect(delivery.attempts.map { $0.at.timeIntervalSince(t0) } == [0, 10, 30, 70, 130])
        #expect(delivery.status["https://hook"] == .failed(reason: "gave up after 5 attempts: HTTP 500"))
    }

    @Test("a recipient missing from the results counts as a retryable failure, not as done")
    func missingResult() {
        var delivery = Delivery(id: "d3", channel: .mail, recipients: ["a@x"], submittedAt: t0)
        delivery.record([:], at: t0, policy: policy, jitterUnit: 0)
        #expect(delivery.attempts.first?.outcome == .retryable)
        #expect(delivery.pendingRecipients == ["a@x"])
    }

    @Test("a delivery with no recipients is failed from the start, not silently done")
    func noRecipients() {
        #expect(Delivery(id: "d4", channel: .mail, recipients: [], submittedAt: t0).state == .failed)
    }
}
