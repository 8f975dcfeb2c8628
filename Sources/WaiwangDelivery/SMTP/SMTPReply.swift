/// A server reply: the three-digit code and the text of every line (RFC 5321 §4.2).
public struct SMTPReply: Sendable, Hashable, CustomStringConvertible {
    public let code: Int
    /// The text after the code on each line, e.g. `["sink.example ESMTP", "STARTTLS"]`.
    public let lines: [String]

    public init(code: Int, lines: [String]) {
        self.code = code
        self.lines = lines
    }

    /// 2xx: the command was done.
    public var isPositiveCompletion: Bool { (200..<300).contains(code) }
    /// 3xx: go on (354 after DATA, 334 during AUTH).
    public var isPositiveIntermediate: Bool { (300..<400).contains(code) }
    /// 4xx: refused for now; the same command may succeed later.
    public var isTransientFailure: Bool { (400..<500).contains(code) }
    /// 5xx: refused for good.
    public var isPermanentFailure: Bool { code >= 500 }

    /// The lines joined by spaces, as an error shows them.
    public var text: String { lines.joined(separator: " ") }

    public var description: String { "\(code) \(text)" }
}
