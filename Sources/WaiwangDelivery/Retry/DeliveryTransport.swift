/// Makes one attempt of a delivery: the seam between the retry queue and the channels.
public protocol DeliveryTransport: Sendable {
    /// Tries once to deliver `payload` to `recipients` (those still pending) and says how it went for each.
    /// `idempotencyKey` is the same on every attempt of one delivery.
    func attempt(_ payload: DeliveryPayload, to recipients: [String], idempotencyKey: String) async -> [String:
        AttemptResult]
}

/// The real channels: mail through an `SMTPMailer`, webhooks through a `WebhookSender`.
public struct ChannelTransport: DeliveryTransport {
    public var mailer: SMTPMailer?
    public var webhooks: WebhookSender?

    public init(mailer: SMTPMailer?, webhooks: WebhookSender?) {
        self.mailer = mailer
        self.webhooks = webhooks
    }

    public func attempt(_ payload: DeliveryPayload, to recipients: [String], idempotencyKey: String) async -> [String:
        AttemptResult]
    {
        switch payload {
        case .mail(let message):
            guard let mailer else {
                return Self.all(recipients, AttemptResult(.rejected, error: "no SMTP relay configured"))
            }
            do {
                let report = try await mailer.send(message, to: recipients)
                var results = Dictionary(uniqueKeysWithValues: report.accepted.map { ($0, AttemptResult.delivered) })
                for refusal in report.refused {
                    results[refusal.recipient] = AttemptResult(
                        refusal.isTransient ? .retryable : .rejected, error: "RCPT TO refused: \(refusal.reply)")
                }
                return results
            } catch let error as SMTPError {
                return Self.all(
                    recipients, AttemptResult(error.isTransient ? .retryable : .rejected, error: error.description))
            } catch {
                return Self.all(recipients, AttemptResult(.retryable, error: "\(error)"))
            }
        case .webhook(let message, let endpoint):
            guard let webhooks else {
                return Self.all(recipients, AttemptResult(.rejected, error: "no webhook sender configured"))
            }
            do {
                try await webhooks.send(message, to: endpoint, idempotencyKey: idempotencyKey)
                return Self.all(recipients, .delivered)
            } catch let error as WebhookError {
                return Self.all(
                    recipients, AttemptResult(error.isTransient ? .retryable : .rejected, error: error.description))
            } catch {
                return Self.all(recipients, AttemptResult(.retryable, error: "\(error)"))
            }
        }
    }

    private static func all(_ recipients: [String], _ result: AttemptResult) -> [String: AttemptResult] {
        Dictionary(uniqueKeysWithValues: recipients.map { ($0, result) })
    }
}
