/// Why the outbox could not be opened or written: the path and the cause, for the log and the exit message.
public struct OutboxError: Error, Sendable, CustomStringConvertible {
    public var path: String
    public var message: String

    public init(path: String, message: String) {
        self.path = path
        self.message = message
    }

    public var description: String { "outbox \(path): \(message)" }
}
