import AsyncHTTPClient
import Foundation
import NIOCore
import NIOSSL

/// A client of the registry's REST API: typed calls over AsyncHTTPClient, a bearer token, problem+json errors.
///
/// Every failing call throws `RegistryClientError`. A client made with `init(baseURL:token:)` owns its
/// `HTTPClient` and must be shut down (or use `withClient`); one given an `HTTPClient` leaves it to the caller.
public final class RegistryClient: Sendable {
    /// The registry's root, e.g. `http://127.0.0.1:8080`.
    public let baseURL: URL
    let token: String?
    let http: HTTPClient
    private let ownsHTTPClient: Bool

    /// Time allowed for an ordinary call.
    static let requestTimeout: TimeAmount = .seconds(60)
    /// Time allowed for an import or export of a whole inventory.
    static let bulkTimeout: TimeAmount = .minutes(10)
    /// The largest answer read (an export of a big inventory).
    static let maxResponseBytes = 512 << 20

    /// Uses the given HTTP client, which the caller keeps and shuts down.
    public init(baseURL: URL, token: String?, httpClient: HTTPClient) {
        self.baseURL = baseURL
        self.token = token
        self.http = httpClient
        self.ownsHTTPClient = false
    }

    /// Owns an HTTP client that fails at once when the registry is not listening; call `shutdown()` when done.
    public convenience init(baseURL: URL, token: String?) {
        self.init(baseURL: baseURL, token: token, tls: nil)
    }

    /// As `init(baseURL:token:)`, trusting only the CA in the PEM file `caFile` for an https registry (the
    /// registry's own CA, as the agents pin it); nil trusts the system's roots.
    public convenience init(baseURL: URL, token: String?, caFile: String?) throws(RegistryClientError) {
        guard let caFile else {
            self.init(baseURL: baseURL, token: token, tls: nil)
            return
        }
        var tls = TLSConfiguration.makeClientConfiguration()
        do {
            tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(caFile))
        } catch {
            throw RegistryClientError(
                code: .configuration,
                message: "cannot read the CA file \(caFile) (\(error)); give the PEM of the CA that signed the "
                    + "registry's certificate with --ca-file or WAIWANG_CA_FILE",
                url: baseURL.absoluteString)
        }
        self.init(baseURL: baseURL, token: token, tls: tls)
    }

    private init(baseURL: URL, token: String?, tls: TLSConfiguration?) {
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: .seconds(5), read: .minutes(10))
        configuration.connectionPool.retryConnectionEstablishment = false
        if let tls { configuration.tlsConfiguration = tls }
        self.baseURL = baseURL
        self.token = token
        self.http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
        self.ownsHTTPClient = true
    }

    /// Shuts the owned HTTP client down; does nothing for a client given at `init`.
    public func shutdown() async throws {
        if ownsHTTPClient { try await http.shutdown() }
    }

    /// Runs `body` with a client that is shut down afterwards, whether `body` succeeds or throws.
    public static func withClient<T: Sendable>(
        baseURL: URL, token: String?, caFile: String? = nil, _ body: (RegistryClient) async throws -> T
    ) async throws -> T {
        let client = try RegistryClient(baseURL: baseURL, token: token, caFile: caFile)
        let result: Result<T, any Error>
        do { result = .success(try await body(client)) } catch { result = .failure(error) }
        try? await client.shutdown()
        return try result.get()
    }
}
