import Foundation
import Testing
import WaiwangAPI
import WaiwangCore
import WaiwangDelivery
import WaiwangRegistry
import WaiwangStore
import WaiwangTestSupport

/// The signed webhook against a real HTTP receiver that checks the HMAC and the idempotency key.
@Suite("Escalation webhooks")
struct EscalationWebhookTests {
    @Test("the report's JSON is POSTed signed, retried after a 500 with the same idempotency key, then sent")
    func signedAndRetried() async throws {
        let secret = "test-webhook-secret"
        let receiver = try WebhookSink(secret: secret, failFirst: 1)
        defer { receiver.stop() }
        let sink = try MailSink()
        defer { sink.stop() }
        let store = try EscalationFixture.store()
        let dispatcher = EscalationDispatcher(
            store: store, policy: EscalationFixture.policy(webhook: receiver.url),
            channels: try EscalationFixture.mailChannels(port: sink.port, webhookSecret: secret),
            retryPolicy: EscalationFixture.quickRetries())
        let (escalation, report) = EscalationFixture.isolatedGeneral("INC-HOOK-1")
        try await EscalationFixture.running(dispatcher) {
            await dispatcher.escalate(escalation, report: report)
            let sent = try await EscalationFixture.waitFor(store) {
                $0.count == 2 && $0.allSatisfy { $0.state == .sent }
            }
            let hook = try #require(sent.first { $0.channel == "webhook" })
            #expect(hook.address == receiver.url)
            #expect(hook.attempts.map(\.outcome) == ["retryable", "delivered"])
            #expect(hook.attempts.first?.error?.contains("500") == true, "\(hook.attempts)")

            let calls = try receiver.calls()
            #expect(calls.count == 2)
            #expect(calls.allSatisfy { $0.verified && $0.event == "incident.escalated" })
            #expect(Set(calls.compactMap(\.idempotencyKey)).count == 1)
            let body = try JSONDecoder().decode(
                EscalationWebhookBody.self, from: Data(try #require(calls.last).body.utf8))
            #expect(body.incidentId == "INC-HOOK-1")
            #expect(body.idempotencyKey == "INC-HOOK-1/initial/superior/webhook/\(receiver.url)")
            #expect(body.authority == "superior")
            #expect(body.rule == "isolation")
            #expect(body.markdown.hasPrefix("# 政务外网事件报告"))
            #expect(body.fields.contains { $0.label == "事件级别" })
        }
    }
}
