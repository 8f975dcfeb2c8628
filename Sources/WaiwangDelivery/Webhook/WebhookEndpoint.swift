/// A receiver of our webhooks: its URL and the secret shared with it for the signature.
public struct WebhookEndpoint: Sendable, Hashable {
    public var url: String
    public var secret: [UInt8]

    public init(url: String, secret: [UInt8]) {
        self.url = url
        self.secret = secret
    }

    public init(url: String, secret: String) {
        self.init(url: url, secret: Array(secret.utf8))
    }
}
