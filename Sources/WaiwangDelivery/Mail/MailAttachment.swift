/// A document attached to a message, e.g. the incident report as `事件报告.md`.
public struct MailAttachment: Sendable, Hashable {
    /// The file name readers show and save under; any script (sent per RFC 2231).
    public var filename: String
    /// The media type, e.g. `text/markdown` or `text/html`; text types are declared UTF-8.
    public var contentType: String
    /// The file's bytes.
    public var content: [UInt8]

    public init(filename: String, contentType: String, content: [UInt8]) {
        self.filename = filename
        self.contentType = contentType
        self.content = content
    }

    /// A UTF-8 text document.
    public init(filename: String, contentType: String = "text/markdown", text: String) {
        self.init(filename: filename, contentType: contentType, content: Array(text.utf8))
    }
}
