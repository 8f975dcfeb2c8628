import Foundation

/// A plain-text mail with optional attachments, rendered to RFC 5322/MIME bytes by `rendered()`.
public struct MailMessage: Sendable, Hashable {
    public var from: MailAddress
    public var to: [MailAddress]
    public var cc: [MailAddress]
    /// Envelope-only recipients: never written into the headers.
    public var bcc: [MailAddress]
    public var subject: String
    /// The text body; line breaks of any kind are sent as CRLF.
    public var textBody: String
    public var attachments: [MailAttachment]
    public var date: Date
    /// The Message-ID without angle brackets, e.g. `2c1f…@registry.example.gov.cn`.
    public var messageID: String
    /// Extra ASCII headers such as `X-Waiwang-Incident`, written after the standard ones.
    public var extraHeaders: [(name: String, value: String)]

    public init(
        from: MailAddress,
        to: [MailAddress],
        cc: [MailAddress] = [],
        bcc: [MailAddress] = [],
        subject: String,
        textBody: String,
        attachments: [MailAttachment] = [],
        date: Date = Date(),
        messageID: String? = nil,
        extraHeaders: [(name: String, value: String)] = []
    ) {
        self.from = from
        self.to = to
        self.cc = cc
        self.bcc = bcc
        self.subject = subject
        self.textBody = textBody
        self.attachments = attachments
        self.date = date
        self.messageID = messageID ?? "\(UUID().uuidString.lowercased())@\(from.domain)"
        self.extraHeaders = extraHeaders
    }

    /// Every envelope recipient (To, Cc, Bcc) once, in that order.
    public var envelopeRecipients: [String] {
        var seen = Set<String>()
        return (to + cc + bcc).map(\.address).filter { seen.insert($0.lowercased()).inserted }
    }

    public static func == (lhs: MailMessage, rhs: MailMessage) -> Bool {
        lhs.from == rhs.from && lhs.to == rhs.to && lhs.cc == rhs.cc && lhs.bcc == rhs.bcc
            && lhs.subject == rhs.subject && lhs.textBody == rhs.textBody && lhs.attachments == rhs.attachments
            && lhs.date == rhs.date && lhs.messageID == rhs.messageID
            && lhs.extraHeaders.map(\.name) == rhs.extraHeaders.map(\.name)
            && lhs.extraHeaders.map(\.value) == rhs.extraHeaders.map(\.value)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(messageID)
    }
}
