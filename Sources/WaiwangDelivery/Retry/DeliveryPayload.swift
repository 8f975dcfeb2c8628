/// What a delivery carries: a mail to its envelope recipients, or a webhook call to one endpoint.
public enum DeliveryPayload: Sendable, Hashable {
    case mail(MailMessage)
    case webhook(WebhookMessage, WebhookEndpoint)

    public var channel: DeliveryChannel {
        switch self {
        case .mail: .mail
        case .webhook: .webhook
        }
    }

    /// Mail: the envelope recipients; webhook: the endpoint's URL.
    public var recipients: [String] {
        switch self {
        case .mail(let message): message.envelopeRecipients
        case .webhook(_, let endpoint): [endpoint.url]
        }
    }
}
