/// The ways a report leaves the registry: mail over SMTP, or a signed webhook POST.
public enum DeliveryChannel: String, Sendable, Hashable, Codable, CaseIterable {
    case mail
    case webhook
}
