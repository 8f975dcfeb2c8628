import Hummingbird
import WaiwangCore

/// The per-request context of the registry: Hummingbird's core storage plus the authenticated caller.
public struct RegistryRequestContext: RequestContext {
    public var coreContext: CoreRequestContextStorage
    /// Set by `BearerAuthMiddleware` when the request carried a valid token.
    public var principal: Principal?

    public init(source: Source) {
        coreContext = .init(source: source)
        principal = nil
    }

    /// JSON bodies are small; CSV imports read their body with their own, larger limit.
    public var maxUploadSize: Int { 1024 * 1024 }
}
