/// A refusal by the registry's rules: names the field, the rule (often an article of the measures) and what to do.
public struct RegistryError: Error, Sendable, Equatable, CustomStringConvertible {
    /// Broad class of refusal; maps to an HTTP status in the API.
    public struct Code: Hashable, Sendable, CustomStringConvertible {
        private enum Kind: String { case invalid, notFound, conflict, forbidden, unauthorized, tooLarge }
        private let kind: Kind
        private init(_ kind: Kind) { self.kind = kind }
        /// The input breaks a rule or is malformed.
        public static let invalid = Code(.invalid)
        /// The thing referred to does not exist (or is outside the caller's scope).
        public static let notFound = Code(.notFound)
        /// The input clashes with what is already registered.
        public static let conflict = Code(.conflict)
        /// The caller's role or division does not allow this.
        public static let forbidden = Code(.forbidden)
        /// No valid credential was presented.
        public static let unauthorized = Code(.unauthorized)
        /// The request is bigger than the registry accepts.
        public static let tooLarge = Code(.tooLarge)
        public var description: String { kind.rawValue }
    }

    public var code: Code
    /// The input field at fault, e.g. `creditCode`, when there is one.
    public var field: String?
    /// The rule broken, e.g. `article-16`, `gb32100-check-character`, `prefix-overlap`.
    public var rule: String?
    /// A sentence for a person: what is wrong and what to do next.
    public var message: String

    public init(_ code: Code, field: String? = nil, rule: String? = nil, _ message: String) {
        self.code = code
        self.field = field
        self.rule = rule
        self.message = message
    }

    public var description: String {
        var parts: [String] = []
        if let field { parts.append(field) }
        if let rule { parts.append("[\(rule)]") }
        parts.append(message)
        return parts.joined(separator: " ")
    }

    public static func invalid(_ field: String, rule: String? = nil, _ message: String) -> RegistryError {
        RegistryError(.invalid, field: field, rule: rule, message)
    }

    public static func notFound(_ field: String? = nil, _ message: String) -> RegistryError {
        RegistryError(.notFound, field: field, message)
    }

    public static func conflict(_ field: String? = nil, rule: String? = nil, _ message: String) -> RegistryError {
        RegistryError(.conflict, field: field, rule: rule, message)
    }

    public static func forbidden(_ message: String) -> RegistryError {
        RegistryError(.forbidden, rule: "role-scope", message)
    }
}
