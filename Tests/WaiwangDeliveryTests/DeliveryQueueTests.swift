import Foundation
import Testing
import WaiwangTestSupport
import WaiwangDelivery

@Suite("DeliveryQueue against real webhook receivers and a real SMTP server")
struct DeliveryQueueTests {
    private let secret = "queue-secret"
    private let fast = RetryPolicy(
        maxAttempts: 4, maxAge: 60, initialDelay: 0.05, multiplier: 2, maxDelay: 0.2, jitter: 0.5)

    private func queue(mailPort: Int? = nil, journal: RecordingJournal? = nil) throws -> DeliveryQueue {
        let mailer = try mailPort.map { try SMTPMailer(configuration: SMTPConfiguration(host: "127.0.0.1", port: $0)) }
        return DeliveryQueue(
            transport: ChannelTransport(mailer: mailer, webhooks: WebhookSender(timeout: .seconds(5))), policy: fast,
            journal: journal)
    }

    @Test("a receiver failing the first two calls gets the report once, on the third, with the same idempotency key")
    func retriesUntilDelivered() async throws {
        let sink = try WebhookSink(secret: secret, failFirst: 2)
        defer { sink.stop() }
        let journal = RecordingJournal()
        let queue = try queue(journal: journal)
        let message = try WebhookMessage(event: "incident.escalated", payload: ["incident": "INC-0001", "grade": "较大"])
        let submitted = await queue.submit(
            .webhook(message, WebhookEndpoint(url: sink.url, secret: secret)), id: "dlv-1")
        #expect(submitted.state == .pending(nextAttemptAt: submitted.submittedAt))

        let delivery = try #require(await queue.settled("dlv-1"))
        #expect(delivery.state == .delivered)
        #expect(delivery.attempts.map(\.outcome) == [.retryable, .retryable, .delivered])
        #expect(delivery.attempts.first?.error?.contains("HTTP 500") == true)
        #expect(delivery.attempts.allSatisfy { $0.channel == .webhook && $0.recipient == sink.url })

        let calls = try sink.calls()
        #expect(calls.map(\.status) == [500, 500, 200])
        #expect(calls.allSatisfy { $0.verified && $0.idempotencyKey == "dlv-1" })
        #expect(calls.filter { $0.status == 200 && !$0.duplicate }.count == 1)
        #expect(await journal.states("dlv-1").last == .delivered)
        #expect(await journal.states("dlv-1").count == 4)  // submitted + three attempts
    }

    @Test("an endpoint that always fails ends failed, every attempt visible with its error")
    func permanentlyFailing() async throws {
        let sink = try WebhookSink(secret: secret, failAlways: true, failStatus: 503)
        defer { sink.stop() }
        let queue = try queue()
        let message = WebhookMessage(event: "incident.escalated", body: Array("{}".utf8))
        await queue.submit(.webhook(message, WebhookEndpoint(url: sink.url, secret: secret)), id: "dlv-2")
        let delivery = try #require(await queue.settled("dlv-2"))
        #expect(delivery.state == .failed)
        #expect(delivery.attempts.count == 4)
        #expect(delivery.attempts.allSatisfy { $0.outcome == .retryable && $0.error?.contains("HTTP 503") == true })
        guard case .failed(let reason) = delivery.status[sink.url] else {
            Issue.record("the endpoint should be failed")
            return
        }
        #expect(reason.hasPrefix("gave up after 4 attempts"))
        #expect(try sink.calls().count == 4)
        #expect(await queue.deliveries.map(\.id) == ["dlv-2"])
    }

    @Test("a 4xx answer is not retried")
    func clientErrorNotRetried() async throws {
        let sink = try WebhookSink(secret: secret, failAlways: true, failStatus: 422)
        defer { sink.stop() }
        let queue = try queue()
        await queue.submit(
            .webhook(
                WebhookMessage(event: "x", body: Array("{}".utf8)), WebhookEndpoint(url: sink.url, secret: secret)),
            id: "dlv-3")
        let delivery = try #require(await queue.settled("dlv-3"))
        #expect(delivery.state == .failed)
        #expect(delivery.attempts.map(\.outcome) == [.rejected])
    }

    @Test("mail: delivered recipients are not sent again; a deferred one is retried, a refused one fails at once")
    func mailPerRecipient() async throws {
        let sink = try MailSink(refusing: ["refused.example"], deferring: ["busy.example"])
        defer { sink.stop() }
        let queue = try queue(mailPort: sink.port)
        let message = try Fixtures.message(to: [
            try MailAddress("sjj@city.example.gov.cn"), try MailAddress("x@refused.example"),
            try MailAddress("y@busy.example"),
        ])
        await queue.submit(.mail(message), id: "dlv-4")
        let delivery = try #require(await queue.settled("dlv-4"))
        #expect(delivery.state == .failed)
        #expect(delivery.status["sjj@city.example.gov.cn"] == .delivered(at: delivery.attempts[0].at))
        let busy = delivery.attempts.filter { $0.recipient == "y@busy.example" }
        #expect(busy.count == 4)
        #expect(busy.allSatisfy { $0.outcome == .retryable && $0.error?.contains("450") == true })
        #expect(delivery.attempts.filter { $0.recipient == "x@refused.example" }.map(\.outcome) == [.rejected])
        #expect(try sink.received().map(\.rcptTos) == [["sjj@city.example.gov.cn"]])
    }

    @Test("mail to a relay that is down is retried and ends failed with the connection error")
    func mailRelayDown() async throws {
        let queue = try queue(mailPort: try unusedPort())
        await queue.submit(.mail(try Fixtures.message(to: [try MailAddress("a@city.example.gov.cn")])), id: "dlv-5")
        let delivery = try #require(await queue.settled("dlv-5"))
        #expect(delivery.state == .failed)
        #expect(delivery.attempts.count == 4)
        #expect(delivery.attempts.allSatisfy { $0.error?.contains("cannot connect") == true })
    }
}

/// A journal that keeps every record written, in order.
actor RecordingJournal: DeliveryJournal {
    private var records: [Delivery] = []

    func record(_ delivery: Delivery) async { records.append(delivery) }

    func states(_ id: String) -> [DeliveryState] {
        records.filter { $0.id == id }.map(\.state)
    }
}
