/// What the server took: the recipients it accepted and, one by one, those it refused.
public struct SMTPSendReport: Sendable {
    /// Envelope recipients the message was handed over for.
    public var accepted: [String]
    /// Recipients refused at RCPT TO, each with the server's reply.
    public var refused: [SMTPRecipientRefusal]
    /// The server's answer to the message data (often names its queue id); nil when nothing was sent.
    public var dataReply: SMTPReply?

    /// True when every recipient accepted the message.
    public var isComplete: Bool { refused.isEmpty && !accepted.isEmpty }
}

/// One recipient the server refused, with its reply (550: for good; 450: try later).
public struct SMTPRecipientRefusal: Sendable, Hashable, CustomStringConvertible {
    public var recipient: String
    public var reply: SMTPReply

    public var isTransient: Bool { reply.isTransientFailure }

    public var description: String { "\(recipient): \(reply)" }
}
