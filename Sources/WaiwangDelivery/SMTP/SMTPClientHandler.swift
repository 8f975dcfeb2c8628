import NIOCore
import NIOSSL
import Synchronization

/// The first failure of a connection, kept where the async side can read it after the pipeline is gone
/// (a write to a channel closed by a failed TLS handshake never reaches the handler).
final class SMTPFailureRecord: Sendable {
    private let first = Mutex<SMTPError?>(nil)

    func record(_ error: SMTPError) {
        first.withLock { if $0 == nil { $0 = error } }
    }

    var error: SMTPError? { first.withLock { $0 } }
}

/// One turn of the dialogue: the bytes to send (none when awaiting the greeting) and the reply awaited.
struct SMTPExchange: Sendable {
    var bytes: ByteBuffer?
    var step: String
    var timeout: TimeAmount
    var reply: EventLoopPromise<SMTPReply>
}

/// Pairs each exchange with the next reply, one at a time, and fails it when its timeout passes or the
/// connection breaks. Lives on the channel's event loop only.
final class SMTPClientHandler: ChannelDuplexHandler {
    typealias InboundIn = SMTPReply
    typealias OutboundIn = SMTPExchange
    typealias OutboundOut = ByteBuffer

    private struct Waiter {
        var step: String
        var timeout: TimeAmount
        var reply: EventLoopPromise<SMTPReply>
    }

    private var waiters = CircularBuffer<Waiter>()
    /// Replies that came before anyone asked (the greeting can beat the first exchange).
    private var unclaimed = CircularBuffer<SMTPReply>()
    private var timer: Scheduled<Void>?
    private var failure: SMTPError?
    private let record: SMTPFailureRecord

    init(record: SMTPFailureRecord) {
        self.record = record
    }

    /// Whether replies are waiting unread: after STARTTLS there must be none (plaintext injection).
    var hasUnclaimedReplies: Bool { !unclaimed.isEmpty }

    func write(context: ChannelHandlerContext, data: NIOAny, promise: EventLoopPromise<Void>?) {
        let exchange = unwrapOutboundIn(data)
        if let failure {
            exchange.reply.fail(failure)
            promise?.fail(failure)
            return
        }
        waiters.append(Waiter(step: exchange.step, timeout: exchange.timeout, reply: exchange.reply))
        if let bytes = exchange.bytes {
            context.write(wrapOutboundOut(bytes), promise: promise)
        } else {
            promise?.succeed(())
        }
        if let reply = unclaimed.popFirst() {
            answer(reply, context: context)
        } else if waiters.count == 1 {
            armTimer(context: context)
        }
    }

    func channelRead(context: ChannelHandlerContext, data: NIOAny) {
        let reply = unwrapInboundIn(data)
        if waiters.isEmpty {
            if unclaimed.count < 16 { unclaimed.append(reply) }
            return
        }
        answer(reply, context: context)
    }

    func channelInactive(context: ChannelHandlerContext) {
        failAll(
            SMTPError(.connection, step: waiters.first?.step ?? "session", message: "the server closed the connection"))
        context.fireChannelInactive()
    }

    func errorCaught(context: ChannelHandlerContext, error: any Error) {
        failAll(SMTPError(classifying: error, step: waiters.first?.step ?? "session"))
        context.close(promise: nil)
    }

    private func answer(_ reply: SMTPReply, context: ChannelHandlerContext) {
        timer?.cancel()
        timer = nil
        guard let waiter = waiters.popFirst() else { return }
        if !waiters.isEmpty { armTimer(context: context) }
        waiter.reply.succeed(reply)
    }

    private func armTimer(context: ChannelHandlerContext) {
        guard let waiter = waiters.first else { return }
        let step = waiter.step
        let timeout = waiter.timeout
        timer = context.eventLoop.assumeIsolated().scheduleTask(in: timeout) { [self] in
            let seconds = Double(timeout.nanoseconds) / 1e9
            failAll(SMTPError(.timeout, step: step, message: "no reply within \(seconds) s"))
            context.close(promise: nil)
        }
    }

    private func failAll(_ error: SMTPError) {
        timer?.cancel()
        timer = nil
        if failure == nil {
            failure = error
            record.record(error)
        }
        while let waiter = waiters.popFirst() {
            waiter.reply.fail(error)
        }
    }
}

extension SMTPError {
    /// Our error for whatever the channel raised: TLS failures as `.tls`, the rest as `.connection`.
    init(classifying error: any Error, step: String) {
        switch error {
        case let error as SMTPError: self = error
        case let error as NIOSSLError: self.init(.tls, step: step, message: "TLS failed: \(error)")
        case let error as NIOSSLExtraError: self.init(.tls, step: step, message: "TLS failed: \(error)")
        case let error as BoringSSLError: self.init(.tls, step: step, message: "TLS failed: \(error)")
        default: self.init(.connection, step: step, message: "connection error: \(error)")
        }
    }
}
