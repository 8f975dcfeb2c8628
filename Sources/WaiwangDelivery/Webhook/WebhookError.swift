/// Why a webhook call did not succeed: the endpoint's HTTP status and an excerpt of its answer, or the
/// transport failure; and whether trying again later can help.
public struct WebhookError: Error, Sendable, CustomStringConvertible {
    public let url: String
    /// The HTTP status, when the endpoint answered.
    public let status: Int?
    public let message: String

    public init(url: String, status: Int?, message: String) {
        self.url = url
        self.status = status
        self.message = message
    }

    /// Transport failures, timeouts, 408, 429 and 5xx are worth retrying; other 4xx need a person.
    public var isTransient: Bool {
        guard let status else { return true }
        return status == 408 || status == 429 || status >= 500
    }

    public var description: String {
        if let status { return "webhook \(url): HTTP \(status): \(message)" }
        return "webhook \(url): \(message)"
    }
}
