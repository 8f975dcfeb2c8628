/// A message that cannot be rendered as written: names the field and what is wrong with it.
public struct MailMessageError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The field at fault, e.g. `to` or `attachment filename`.
    public let field: String
    /// What is wrong, in words an operator can act on.
    public let reason: String

    public init(field: String, reason: String) {
        self.field = field
        self.reason = reason
    }

    public var description: String { "mail \(field): \(reason)" }
}
