import AsyncHTTPClient
import Foundation
import NIOCore

/// POSTs signed JSON to webhook endpoints over AsyncHTTPClient, with a timeout per call.
public struct WebhookSender: Sendable {
    private let client: HTTPClient
    private let timeout: TimeAmount
    /// The longest answer body kept for an error message.
    private static let excerptLimit = 2048

    public init(client: HTTPClient = .shared, timeout: TimeAmount = .seconds(10)) {
        self.client = client
        self.timeout = timeout
    }

    /// Sends `message` once. The same `idempotencyKey` on every retry lets the receiver act once.
    /// Returns the 2xx status; throws `WebhookError` for any other answer or a transport failure.
    @discardableResult
    public func send(
        _ message: WebhookMessage, to endpoint: WebhookEndpoint, idempotencyKey: String, now: Date = Date()
    ) async throws -> Int {
        let timestamp = Int64(now.timeIntervalSince1970.rounded(.down))
        var request = HTTPClientRequest(url: endpoint.url)
        request.method = .POST
        request.headers.add(name: "Content-Type", value: "application/json; charset=utf-8")
        request.headers.add(name: "User-Agent", value: "waiwang-registry")
        request.headers.add(name: WebhookSignature.eventHeader, value: message.event)
        request.headers.add(name: WebhookSignature.timestampHeader, value: String(timestamp))
        request.headers.add(
            name: WebhookSignature.signatureHeader,
            value: WebhookSignature.sign(body: message.body, timestamp: timestamp, secret: endpoint.secret))
        request.headers.add(name: WebhookSignature.idempotencyHeader, value: idempotencyKey)
        request.body = .bytes(ByteBuffer(bytes: message.body))

        let response: HTTPClientResponse
        let answer: ByteBuffer
        do {
            response = try await client.execute(request, timeout: timeout)
            answer = try await response.body.collect(upTo: 1 << 20)
        } catch {
            throw WebhookError(url: endpoint.url, status: nil, message: "\(error)")
        }
        let status = Int(response.status.code)
        guard (200..<300).contains(status) else {
            let excerpt = String(decoding: answer.readableBytesView.prefix(Self.excerptLimit), as: UTF8.self)
            throw WebhookError(
                url: endpoint.url, status: status, message: excerpt.isEmpty ? response.status.reasonPhrase : excerpt)
        }
        return status
    }
}
