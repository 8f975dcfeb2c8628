/// Why a call to the registry failed, classified for the retry decision: unreachable (retry with backoff), refused
/// with a status (401: the credential; 400/403/413/422: this request is bad), or an answer that is not the API.
public struct UplinkError: Error, Sendable, CustomStringConvertible {
    /// The broad class of failure.
    public enum Code: String, Sendable {
        case unreachable, refused, badResponse, configuration
    }

    public var code: Code
    /// The HTTP status of a refusal.
    public var status: Int?
    public var message: String

    public init(code: Code, status: Int? = nil, message: String) {
        self.code = code
        self.status = status
        self.message = message
    }

    /// The registry says this request itself is bad (invalid, another hub's device or link, too large): resending
    /// it unchanged will never succeed.
    public var isRequestRejected: Bool {
        code == .refused && [400, 403, 413, 422].contains(status ?? 0)
    }

    public var description: String {
        status.map { "\(code.rawValue) (HTTP \($0)): \(message)" } ?? "\(code.rawValue): \(message)"
    }
}
