import Hummingbird
import WaiwangCore
import WaiwangStore

/// Resolves `Authorization: Bearer <token>` to the caller's principal; endpoints then check role and scope.
struct BearerAuthMiddleware: RouterMiddleware {
    typealias Context = RegistryRequestContext
    let store: RegistryStore

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        var context = context
        if let header = request.headers[.authorization] {
            let parts = header.split(separator: " ", maxSplits: 1)
            guard parts.count == 2, parts[0].lowercased() == "bearer" else {
                throw RegistryError(
                    .unauthorized, field: "Authorization", rule: "bearer-token",
                    "use the header \"Authorization: Bearer <token>\"")
            }
            guard let principal = try await store.principal(forToken: String(parts[1]).trimmingBlanks()) else {
                throw RegistryError(
                    .unauthorized, field: "Authorization", rule: "bearer-token",
                    "the token is unknown or revoked; ask an admin for one (waiwang-registry token create)")
            }
            context.principal = principal
            context.logger[metadataKey: "principal"] = "\(principal.name)"
        }
        return try await next(request, context)
    }
}
