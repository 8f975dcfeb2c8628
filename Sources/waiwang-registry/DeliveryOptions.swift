import ArgumentParser
import WaiwangRegistry

/// The flags of escalation delivery: the SMTP relay and the webhook secret. Without them, reports are still
/// journaled and wait, pending, with the reason shown by `waiwangctl deliveries list`.
struct DeliveryOptions: ParsableArguments {
    @Option(help: "SMTP relay of escalation mail, HOST:PORT. Without it, mail reports stay pending (shown).")
    var smtp: String?

    @Option(help: "Sender address of escalation mail (needed with --smtp).")
    var smtpFrom: String?

    @Flag(help: "Require STARTTLS with the relay (certificate and host name checked).")
    var smtpStarttls = false

    @Option(help: "PEM file of the CA that signed the relay's certificate (with --smtp-starttls).")
    var smtpCaFile: String?

    @Option(help: "SMTP AUTH user (with --smtp-password-file; needs --smtp-starttls unless the relay is on loopback).")
    var smtpUser: String?

    @Option(help: "File holding the SMTP AUTH password.")
    var smtpPasswordFile: String?

    @Option(
        help: "File holding the shared secret that signs webhooks (HMAC-SHA256). Without it, webhooks stay pending.")
    var webhookSecretFile: String?

    var settings: DeliverySettings {
        DeliverySettings(
            smtp: smtp, smtpFrom: smtpFrom, smtpStartTLS: smtpStarttls, smtpCAFile: smtpCaFile, smtpUser: smtpUser,
            smtpPasswordFile: smtpPasswordFile, webhookSecretFile: webhookSecretFile)
    }

    func validate() throws {
        do { _ = try settings.channels() } catch { throw ValidationError("\(error)") }
    }
}
