import Foundation
import NIOSSL
import WaiwangDelivery

/// The channels the dispatcher may use: a mail relay with its sender address, and the webhook secret. A channel
/// left out is not used: its deliveries stay pending with `heldReason`, visible in the journal.
public struct DeliveryChannels: Sendable {
    public var mailer: SMTPMailer?
    public var mailFrom: MailAddress?
    public var webhooks: WebhookSender
    public var webhookSecret: [UInt8]?

    public init(
        mailer: SMTPMailer? = nil, mailFrom: MailAddress? = nil, webhooks: WebhookSender = WebhookSender(),
        webhookSecret: [UInt8]? = nil
    ) {
        self.mailer = mailer
        self.mailFrom = mailFrom
        self.webhooks = webhooks
        self.webhookSecret = webhookSecret
    }

    /// The channels that can send now (`mail`, `webhook`).
    public var configured: Set<String> {
        var channels: Set<String> = []
        if mailer != nil, mailFrom != nil { channels.insert("mail") }
        if webhookSecret != nil { channels.insert("webhook") }
        return channels
    }

    /// Why each channel that is not configured cannot send, for the journal's `lastError`.
    public var heldReasons: [String: String] {
        var reasons: [String: String] = [:]
        if !configured.contains("mail") {
            reasons["mail"] =
                "no SMTP relay configured: start waiwang-registry serve with --smtp HOST:PORT --smtp-from ADDRESS"
        }
        if !configured.contains("webhook") {
            reasons["webhook"] =
                "no webhook secret configured: start waiwang-registry serve with --webhook-secret-file FILE"
        }
        return reasons
    }
}

/// The delivery flags of `waiwang-registry serve`, read into channels: errors name the flag and what to fix.
public struct DeliverySettings: Sendable {
    /// `HOST:PORT` of the SMTP relay.
    public var smtp: String?
    public var smtpFrom: String?
    public var smtpStartTLS = false
    /// PEM file of the CA that signed the relay's certificate (default: the system's trust store).
    public var smtpCAFile: String?
    public var smtpUser: String?
    public var smtpPasswordFile: String?
    public var webhookSecretFile: String?

    public init(
        smtp: String? = nil, smtpFrom: String? = nil, smtpStartTLS: Bool = false, smtpCAFile: String? = nil,
        smtpUser: String? = nil, smtpPasswordFile: String? = nil, webhookSecretFile: String? = nil
    ) {
        self.smtp = smtp
        self.smtpFrom = smtpFrom
        self.smtpStartTLS = smtpStartTLS
        self.smtpCAFile = smtpCAFile
        self.smtpUser = smtpUser
        self.smtpPasswordFile = smtpPasswordFile
        self.webhookSecretFile = webhookSecretFile
    }

    /// Builds the mailer and reads the secrets.
    public func channels() throws -> DeliveryChannels {
        var channels = DeliveryChannels()
        if let secretFile = webhookSecretFile {
            let secret = try Self.readSecret(secretFile, flag: "--webhook-secret-file")
            channels.webhookSecret = Array(secret.utf8)
        }
        guard let smtp else {
            if smtpFrom != nil || smtpStartTLS || smtpCAFile != nil || smtpUser != nil || smtpPasswordFile != nil {
                throw ConfigurationError("the --smtp-… flags need --smtp HOST:PORT")
            }
            return channels
        }
        let (host, port) = try Self.hostAndPort(smtp)
        guard let smtpFrom else {
            throw ConfigurationError("--smtp needs --smtp-from ADDRESS, the sender of escalation mail")
        }
        do { channels.mailFrom = try MailAddress(smtpFrom, name: "政务外网 Waiwang") } catch {
            throw ConfigurationError("--smtp-from \(smtpFrom) is not a mail address: \(error)")
        }
        if smtpCAFile != nil, !smtpStartTLS {
            throw ConfigurationError("--smtp-ca-file is for --smtp-starttls")
        }
        if (smtpUser == nil) != (smtpPasswordFile == nil) {
            throw ConfigurationError("give --smtp-user and --smtp-password-file together")
        }
        let loopback = ["127.0.0.1", "::1", "localhost"].contains(host)
        var security = SMTPConfiguration.Security.plain
        if smtpStartTLS {
            var tls = TLSConfiguration.makeClientConfiguration()
            if let smtpCAFile {
                do { tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(smtpCAFile)) } catch {
                    throw ConfigurationError("--smtp-ca-file \(smtpCAFile) is not a PEM certificate file: \(error)")
                }
            }
            security = .startTLS(tls)
        }
        var credentials: SMTPCredentials?
        if let smtpUser, let smtpPasswordFile {
            guard smtpStartTLS || loopback else {
                throw ConfigurationError(
                    "--smtp-user sends a password: add --smtp-starttls (plain AUTH is allowed only to a loopback relay)"
                )
            }
            credentials = SMTPCredentials(
                username: smtpUser, password: try Self.readSecret(smtpPasswordFile, flag: "--smtp-password-file"),
                allowWithoutTLS: loopback)
        }
        do {
            channels.mailer = try SMTPMailer(
                configuration: SMTPConfiguration(host: host, port: port, security: security, credentials: credentials))
        } catch {
            throw ConfigurationError("cannot set up TLS for --smtp \(smtp): \(error)")
        }
        return channels
    }

    static func hostAndPort(_ text: String) throws -> (String, Int) {
        guard let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...]),
            (1...65535).contains(port), colon != text.startIndex
        else {
            throw ConfigurationError("--smtp \(text) is not HOST:PORT (e.g. smtp.example.gov.cn:587)")
        }
        var host = String(text[..<colon])
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        return (host, port)
    }

    static func readSecret(_ path: String, flag: String) throws -> String {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw ConfigurationError("\(flag) \(path) cannot be read")
        }
        let secret = String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !secret.isEmpty else { throw ConfigurationError("\(flag) \(path) is empty") }
        return secret
    }
}
