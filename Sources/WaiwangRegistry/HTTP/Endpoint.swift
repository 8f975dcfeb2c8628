import Hummingbird
import WaiwangCore

/// One route of the API: what it is, who may call it, and its handler.
///
/// The whole API is one list of these (`RegistryEndpoints`): the router, the OpenAPI document and the
/// role-matrix test all read the same list, so none of them can drift from the others.
public struct Endpoint: Sendable {
    public typealias Handler = @Sendable (Request, RegistryRequestContext, Principal) async throws -> Response

    public let method: HTTPRequest.Method
    /// Path with `{parameters}`, e.g. `/api/v1/units/{unit}`.
    public let path: String
    public let summary: String
    /// Roles allowed; nil means no token is needed.
    public let roles: Set<Role>?
    /// Name of the request schema (a WaiwangAPI type), or `text/csv`.
    public let requestBody: String?
    /// Name of the response schema, or a media type.
    public let response: String
    /// Query parameters the endpoint reads.
    public let query: [String]
    /// The status of success: 201 for a POST that creates, 204 for an empty answer, 200 otherwise.
    public let successStatus: Int
    let handler: Handler

    init(
        _ method: HTTPRequest.Method, _ path: String, _ summary: String, roles: Set<Role>?, body: String? = nil,
        response: String, query: [String] = [], success: Int? = nil, handler: @escaping Handler
    ) {
        self.method = method
        self.path = path
        self.summary = summary
        self.roles = roles
        self.requestBody = body
        self.response = response
        self.query = query
        self.successStatus = success ?? (response == "204" ? 204 : method == .post ? 201 : 200)
        self.handler = handler
    }

    /// Every human role that reads the registry.
    static let readers: Set<Role> = [.admin, .county, .security, .auditor]
    /// The roles that change the registry (county within its division).
    static let writers: Set<Role> = [.admin, .county]
}

extension Endpoint {
    /// Checks the caller's role, then runs the handler.
    func respond(_ request: Request, _ context: RegistryRequestContext) async throws -> Response {
        guard let roles else {
            return try await handler(
                request, context, context.principal ?? Principal(name: "anonymous", role: .auditor))
        }
        guard let principal = context.principal else {
            throw RegistryError(
                .unauthorized, field: "Authorization", rule: "bearer-token",
                "this endpoint needs a bearer token (Authorization: Bearer <token>)")
        }
        guard roles.contains(principal.role) else {
            let allowed = roles.map(\.rawValue).sorted().joined(separator: ", ")
            throw RegistryError.forbidden(
                "role \(principal.role.rawValue) may not \(method) \(path); allowed: \(allowed)")
        }
        return try await handler(request, context, principal)
    }
}
