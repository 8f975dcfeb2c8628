import Foundation
import Logging
import NIOCore
import NIOPosix
import NIOSSL

/// Sends mail to one relay over SMTP (RFC 5321): EHLO (HELO fallback), STARTTLS and AUTH when configured,
/// MAIL FROM, RCPT TO per recipient, DATA, QUIT, each step under its own timeout. One connection per message.
public struct SMTPMailer: Sendable {
    public let configuration: SMTPConfiguration
    private let group: any EventLoopGroup
    private let logger: Logger
    private let tlsContext: NIOSSLContext?

    /// Builds the TLS context once, so a bad certificate configuration fails here and not at the first report.
    public init(
        configuration: SMTPConfiguration,
        eventLoopGroup: any EventLoopGroup = MultiThreadedEventLoopGroup.singleton,
        logger: Logger = Logger(label: "waiwang.delivery.smtp")
    ) throws {
        self.configuration = configuration
        self.group = eventLoopGroup
        self.logger = logger
        if case .startTLS(let tls, _) = configuration.security {
            self.tlsContext = try NIOSSLContext(configuration: tls)
        } else {
            self.tlsContext = nil
        }
    }

    /// Sends `message` to all its envelope recipients (To, Cc, Bcc).
    ///
    /// Returns which recipients the server accepted and which it refused (each with its reply): a
    /// refused recipient is never dropped silently. Throws `SMTPError` when the message as a whole was
    /// not accepted (connection, TLS, AUTH, MAIL FROM, DATA or a timeout).
    public func send(_ message: MailMessage) async throws -> SMTPSendReport {
        try await send(message, to: message.envelopeRecipients)
    }

    /// Sends `message` to `recipients` only: a retry to the recipients still owed it, headers unchanged.
    public func send(_ message: MailMessage, to recipients: [String]) async throws -> SMTPSendReport {
        let bytes: [UInt8]
        do {
            bytes = try message.rendered()
        } catch {
            throw SMTPError(.protocolViolation, step: "message", message: "cannot render the message: \(error)")
        }
        return try await send(rawMessage: bytes, from: message.from.address, to: recipients)
    }

    /// Sends an already rendered RFC 5322 message (CRLF or LF line ends; dot-stuffing is done here).
    public func send(rawMessage: [UInt8], from sender: String, to recipients: [String]) async throws -> SMTPSendReport {
        guard !recipients.isEmpty else {
            throw SMTPError(.protocolViolation, step: "RCPT TO", message: "no recipients")
        }
        for address in [sender] + recipients
        where address.contains(where: { $0 == "\r" || $0 == "\n" || $0 == "<" || $0 == ">" }) {
            throw SMTPError(
                .protocolViolation, step: "MAIL FROM", message: "an envelope address holds CR, LF or angle brackets")
        }
        let timeouts = configuration.timeouts
        let connection = try await SMTPConnection.connect(
            host: configuration.host, port: configuration.port, timeout: timeouts.connect, group: group)
        do {
            let report = try await transaction(connection, message: rawMessage, from: sender, to: recipients)
            _ = try? await connection.command("QUIT", step: "QUIT", timeout: timeouts.command)
            await connection.close()
            return report
        } catch {
            await connection.close()
            throw error
        }
    }

    private func transaction(
        _ connection: SMTPConnection, message: [UInt8], from sender: String, to recipients: [String]
    ) async throws -> SMTPSendReport {
        let timeouts = configuration.timeouts
        let greeting = try await connection.command(nil, step: "greeting", timeout: timeouts.greeting)
        try expect(greeting, 220, step: "greeting", "the server does not accept mail now")
        var capabilities = try await hello(connection)

        if case .startTLS(_, let serverName) = configuration.security, let tlsContext {
            guard capabilities.supports("STARTTLS") else {
                let offered = capabilities.extensions.keys.sorted().joined(separator: " ")
                throw SMTPError(
                    .tls, step: "STARTTLS",
                    message: "STARTTLS is required but the server does not offer it (offered: \(offered))")
            }
            let reply = try await connection.command("STARTTLS", step: "STARTTLS", timeout: timeouts.command)
            try expect(reply, 220, step: "STARTTLS", "the server refused STARTTLS")
            try await connection.startTLS(context: tlsContext, serverHostname: serverName ?? hostnameForTLS)
            capabilities = try await hello(connection)  // RFC 3207 §4.2: forget what was said in plaintext
        }
        if let credentials = configuration.credentials {
            try await SMTPAuthenticator(connection: connection, timeout: timeouts.command)
                .authenticate(credentials, mechanisms: capabilities.authMechanisms, overTLS: tlsContext != nil)
        }

        let mail = try await connection.command("MAIL FROM:<\(sender)>", step: "MAIL FROM", timeout: timeouts.command)
        try expect(mail, 250, step: "MAIL FROM", "the server refused the sender \(sender)")

        var accepted: [String] = []
        var refused: [SMTPRecipientRefusal] = []
        for recipient in recipients {
            let reply = try await connection.command(
                "RCPT TO:<\(recipient)>", step: "RCPT TO", timeout: timeouts.command)
            if reply.code == 250 || reply.code == 251 {
                accepted.append(recipient)
            } else if reply.code == 421 {
                throw SMTPError(.rejected, step: "RCPT TO", reply: reply, message: "the server is closing the session")
            } else {
                logger.warning("recipient refused", metadata: ["recipient": "\(recipient)", "reply": "\(reply)"])
                refused.append(SMTPRecipientRefusal(recipient: recipient, reply: reply))
            }
        }
        guard !accepted.isEmpty else {
            _ = try? await connection.command("RSET", step: "RSET", timeout: timeouts.command)
            return SMTPSendReport(accepted: [], refused: refused, dataReply: nil)
        }

        let data = try await connection.command("DATA", step: "DATA", timeout: timeouts.command)
        try expect(data, 354, step: "DATA", "the server refused to take the message")
        let body = connection.channel.allocator.buffer(bytes: SMTPDataEncoding.stuffed(message))
        let done = try await connection.exchange(body, step: "message", timeout: timeouts.dataTermination)
        try expect(done, 250, step: "message", "the server refused the message")
        logger.info("mail accepted", metadata: ["recipients": "\(accepted)", "reply": "\(done)"])
        return SMTPSendReport(accepted: accepted, refused: refused, dataReply: done)
    }

    /// EHLO, or HELO when the server does not know EHLO (RFC 5321 §3.2).
    private func hello(_ connection: SMTPConnection) async throws -> SMTPCapabilities {
        let timeout = configuration.timeouts.command
        let ehlo = try await connection.command("EHLO \(configuration.clientName)", step: "EHLO", timeout: timeout)
        if ehlo.code == 250 { return SMTPCapabilities(ehlo: ehlo) }
        guard ehlo.isPermanentFailure else {
            throw SMTPError(.rejected, step: "EHLO", reply: ehlo, message: "the server refused EHLO")
        }
        let helo = try await connection.command("HELO \(configuration.clientName)", step: "HELO", timeout: timeout)
        try expect(helo, 250, step: "HELO", "the server refused HELO")
        return .none
    }

    /// The host name to check the certificate against; an IP literal is checked against the IP instead.
    private var hostnameForTLS: String? {
        let host = configuration.host
        let isIP = host.contains(":") || host.split(separator: ".").allSatisfy { Int($0) != nil }
        return isIP ? nil : host
    }

    private func expect(_ reply: SMTPReply, _ code: Int, step: String, _ message: String) throws {
        guard reply.code == code else {
            throw SMTPError(.rejected, step: step, reply: reply, message: message)
        }
    }
}
