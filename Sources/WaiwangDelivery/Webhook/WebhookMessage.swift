import Foundation

/// A JSON document to POST, with the event name sent in `X-Waiwang-Event` (e.g. `incident.escalated`).
public struct WebhookMessage: Sendable, Hashable {
    public var event: String
    /// The JSON body exactly as signed and sent.
    public var body: [UInt8]

    public init(event: String, body: [UInt8]) {
        self.event = event
        self.body = body
    }

    /// Encodes `payload` as JSON (sorted keys, ISO 8601 dates) for the body.
    public init(event: String, payload: some Encodable) throws {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        self.init(event: event, body: Array(try encoder.encode(payload)))
    }
}
