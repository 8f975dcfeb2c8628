import NIOCore
import NIOPosix
import NIOSSL

/// An open SMTP connection: one command and its reply at a time, each bounded by its own timeout.
struct SMTPConnection: Sendable {
    let channel: any Channel
    let failures: SMTPFailureRecord

    static func connect(host: String, port: Int, timeout: TimeAmount, group: any EventLoopGroup) async throws
        -> SMTPConnection
    {
        let failures = SMTPFailureRecord()
        do {
            let channel = try await ClientBootstrap(group: group)
                .connectTimeout(timeout)
                .channelInitializer { channel in
                    channel.eventLoop.makeCompletedFuture {
                        try channel.pipeline.syncOperations.addHandler(ByteToMessageHandler(SMTPReplyDecoder()))
                        try channel.pipeline.syncOperations.addHandler(SMTPClientHandler(record: failures))
                    }
                }
                .connect(host: host, port: port)
                .get()
            return SMTPConnection(channel: channel, failures: failures)
        } catch {
            throw SMTPError(.connection, step: "connect", message: "cannot connect to \(host):\(port): \(error)")
        }
    }

    /// Sends `line` (CRLF added) or, when nil, only awaits the next reply (the greeting).
    func command(_ line: String?, step: String, timeout: TimeAmount) async throws -> SMTPReply {
        try await exchange(line.map { channel.allocator.buffer(string: $0 + "\r\n") }, step: step, timeout: timeout)
    }

    /// Sends raw bytes (the dot-stuffed message and its terminator) and awaits the reply.
    func exchange(_ bytes: ByteBuffer?, step: String, timeout: TimeAmount) async throws -> SMTPReply {
        let reply = channel.eventLoop.makePromise(of: SMTPReply.self)
        let exchange = SMTPExchange(bytes: bytes, step: step, timeout: timeout, reply: reply)
        let failures = self.failures
        channel.writeAndFlush(exchange).whenFailure { error in
            // A closed channel never reaches the handler; the reply fails with what closed it.
            reply.fail(failures.error ?? SMTPError(classifying: error, step: step))
        }
        return try await reply.futureResult.get()
    }

    /// Puts TLS under the dialogue after the server's 220 to STARTTLS.
    func startTLS(context: NIOSSLContext, serverHostname: String?) async throws {
        let channel = self.channel
        try await channel.eventLoop.submit {
            let handler = try channel.pipeline.syncOperations.handler(type: SMTPClientHandler.self)
            if handler.hasUnclaimedReplies {
                throw SMTPError(.tls, step: "STARTTLS", message: "the server sent data before the TLS handshake")
            }
            let tls = try NIOSSLClientHandler(context: context, serverHostname: serverHostname)
            try channel.pipeline.syncOperations.addHandler(tls, position: .first)
        }.get()
    }

    func close() async {
        try? await channel.close()
    }
}
