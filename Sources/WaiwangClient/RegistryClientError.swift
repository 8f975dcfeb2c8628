import WaiwangAPI

/// Why a call to the registry failed: the registry refused it (with its `Problem`), could not be reached,
/// or answered with something that is not the API.
public struct RegistryClientError: Error, Sendable, CustomStringConvertible {
    /// The broad class of failure; new classes can be added without breaking callers.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Kind: String { case refused, unreachable, badResponse, configuration }
        private let kind: Kind
        private init(_ kind: Kind) { self.kind = kind }
        /// The registry answered with an error status and a problem document.
        public static let refused = Code(.refused)
        /// No answer: connection refused, timeout, DNS failure, TLS failure.
        public static let unreachable = Code(.unreachable)
        /// An answer that could not be read as the API's JSON or CSV.
        public static let badResponse = Code(.badResponse)
        /// The client's own settings are wrong (e.g. a CA file that cannot be read); nothing was sent.
        public static let configuration = Code(.configuration)
        public var description: String { kind.rawValue }
    }

    public var code: Code
    /// The registry's problem document when it refused the request.
    public var problem: Problem?
    /// A sentence for a person: what happened and what to do.
    public var message: String
    /// The URL that was requested.
    public var url: String

    public init(code: Code, problem: Problem? = nil, message: String, url: String) {
        self.code = code
        self.problem = problem
        self.message = message
        self.url = url
    }

    /// The HTTP status of a refusal.
    public var status: Int? { problem?.status }
    public var detail: String { problem?.detail ?? message }
    public var field: String? { problem?.field }
    public var rule: String? { problem?.rule }
    /// Every bad row or field the registry listed (an import's bad rows).
    public var errors: [Problem.Item] { problem?.errors ?? [] }

    public var description: String {
        var text = detail
        let tags = [field, rule].compactMap { $0 }
        if !tags.isEmpty { text += " (\(tags.joined(separator: ", ")))" }
        return text
    }

    static func refused(_ problem: Problem, url: String) -> RegistryClientError {
        RegistryClientError(code: .refused, problem: problem, message: problem.detail, url: url)
    }

    static func unreachable(_ base: String, reason: String, url: String) -> RegistryClientError {
        RegistryClientError(
            code: .unreachable,
            message: "cannot reach the registry (\(reason)); is the registry running at \(base)? "
                + "start it with make run, or point --registry / WAIWANG_REGISTRY at it",
            url: url)
    }

    static func badResponse(_ message: String, url: String) -> RegistryClientError {
        RegistryClientError(code: .badResponse, message: message, url: url)
    }
}
