import Foundation
import Testing
import WaiwangTestSupport
import WaiwangDelivery

@Suite("Webhook signatures and the sender against a real receiver")
struct WebhookTests {
    private let secret = "shared-secret-网信"
    private let body = Array(#"{"incident":"INC-0001","grade":"较大"}"#.utf8)

    @Test("the signature is HMAC-SHA256 over \"<timestamp>.<body>\", as Python's hmac computes it")
    func matchesPython() throws {
        let script = """
            import hmac, hashlib, sys
            print('sha256=' + hmac.new(sys.argv[1].encode(), b'1795754545.' + sys.argv[2].encode(), hashlib.sha256).hexdigest())
            """
        let python = try runProcess("/usr/bin/python3", ["-c", script, secret, String(decoding: body, as: UTF8.self)])
        let ours = WebhookSignature.sign(body: body, timestamp: 1_795_754_545, secret: Array(secret.utf8))
        #expect(ours == python.trimmingCharacters(in: .whitespacesAndNewlines))
    }

    @Test("the verifier accepts a fresh call and names what is wrong with the others")
    func verifier() throws {
        let now = Date(timeIntervalSince1970: 1_795_754_545)
        let key = Array(secret.utf8)
        let signature = WebhookSignature.sign(body: body, timestamp: 1_795_754_545, secret: key)
        try WebhookSignature.verify(body: body, timestamp: "1795754545", signature: signature, secret: key, now: now)
        #expect(throws: WebhookVerificationError.signatureMismatch) {
            try WebhookSignature.verify(
                body: body + [0x20], timestamp: "1795754545", signature: signature, secret: key, now: now)
        }
        #expect(throws: WebhookVerificationError.signatureMismatch) {
            try WebhookSignature.verify(
                body: body, timestamp: "1795754545", signature: signature, secret: Array("other".utf8), now: now)
        }
        #expect(throws: WebhookVerificationError.staleTimestamp) {
            try WebhookSignature.verify(
                body: body, timestamp: "1795754545", signature: signature, secret: key, now: now.addingTimeInterval(301)
            )
        }
        #expect(throws: WebhookVerificationError.missingTimestamp) {
            try WebhookSignature.verify(body: body, timestamp: nil, signature: signature, secret: key, now: now)
        }
        #expect(throws: WebhookVerificationError.malformedSignature) {
            try WebhookSignature.verify(
                body: body, timestamp: "1795754545", signature: "sha256=zz", secret: key, now: now)
        }
    }

    @Test("a signed POST is verified by the receiver, with its event and idempotency key")
    func sends() async throws {
        let sink = try WebhookSink(secret: secret)
        defer { sink.stop() }
        let status = try await WebhookSender().send(
            WebhookMessage(event: "incident.escalated", body: body), to: WebhookEndpoint(url: sink.url, secret: secret),
            idempotencyKey: "delivery-1")
        #expect(status == 200)
        let calls = try sink.calls()
        #expect(calls.count == 1)
        #expect(calls.first?.verified == true)
        #expect(calls.first?.event == "incident.escalated")
        #expect(calls.first?.idempotencyKey == "delivery-1")
        #expect(calls.first?.body == String(decoding: body, as: UTF8.self))
    }

    @Test("a wrong secret is refused with 401: a permanent error carrying the status")
    func wrongSecret() async throws {
        let sink = try WebhookSink(secret: secret)
        defer { sink.stop() }
        let error = await #expect(throws: WebhookError.self) {
            try await WebhookSender().send(
                WebhookMessage(event: "incident.escalated", body: body),
                to: WebhookEndpoint(url: sink.url, secret: "wrong"),
                idempotencyKey: "delivery-2")
        }
        #expect(error?.status == 401)
        #expect(error?.isTransient == false)
    }

    @Test("an endpoint that is down is a transient error")
    func endpointDown() async throws {
        let url = "http://127.0.0.1:\(try unusedPort())/hook"
        let error = await #expect(throws: WebhookError.self) {
            try await WebhookSender(timeout: .seconds(3)).send(
                WebhookMessage(event: "x", body: body), to: WebhookEndpoint(url: url, secret: secret),
                idempotencyKey: "k")
        }
        #expect(error?.status == nil)
        #expect(error?.isTransient == true)
    }
}
