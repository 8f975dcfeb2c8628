import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import NIOSSL
import WaiwangAPI

/// The agent's HTTP conversation with the registry: enrolment, assignment, observation batches, commands.
///
/// One `HTTPClient` with the registry's CA as its only trust root. Every call throws ``UplinkError``; retrying is the
/// caller's business (``UplinkBackoff``). Call ``shutdown()`` when done.
public final class RegistryUplink: Sendable {
    public let endpoint: UplinkEndpoint
    /// The agent's bearer secret (nil before enrolment).
    let secret: String?
    private let http: HTTPClient

    /// Longest wait for an answer; above the commands long-poll wait.
    static let readTimeout: TimeAmount = .seconds(60)

    public init(endpoint: UplinkEndpoint, secret: String?) throws {
        self.endpoint = endpoint
        self.secret = secret
        var configuration = HTTPClient.Configuration()
        configuration.timeout = .init(connect: .seconds(5), read: Self.readTimeout)
        configuration.connectionPool.retryConnectionEstablishment = false
        if endpoint.baseURL.scheme?.lowercased() == "https" {
            var tls = TLSConfiguration.makeClientConfiguration()
            if let caFile = endpoint.caFile {
                do {
                    tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(caFile))
                } catch {
                    throw UplinkError(code: .configuration, message: "registry CA file \(caFile): \(error)")
                }
            }
            configuration.tlsConfiguration = tls
        }
        http = HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    public func shutdown() async {
        try? await http.shutdown()
    }

    /// `POST /api/v1/agents/enroll`: trades a one-time token for the agent's credential.
    public func enroll(_ request: AgentEnrollRequest) async throws -> AgentCredential {
        try decode(try await send(.POST, "/api/v1/agents/enroll", body: request, authorised: false).body)
    }

    /// What `GET /api/v1/agent/assignment` answered.
    public enum AssignmentAnswer: Sendable, Equatable {
        case unchanged
        case changed(AgentAssignment)
    }

    /// `GET /api/v1/agent/assignment` with `If-None-Match: version` (304 = unchanged).
    public func assignment(ifNoneMatch version: String?) async throws -> AssignmentAnswer {
        var headers: [(String, String)] = []
        if let version { headers.append(("If-None-Match", "\"\(version)\"")) }
        let answer = try await send(.GET, "/api/v1/agent/assignment", headers: headers, accepting: [304])
        if answer.status == 304 { return .unchanged }
        return .changed(try decode(answer.body))
    }

    /// `POST /api/v1/agent/observations`: one batch; the answer lists every key the registry now holds.
    public func send(_ batch: ObservationBatch) async throws -> ObservationAck {
        try decode(try await send(.POST, "/api/v1/agent/observations", body: batch).body)
    }

    /// `GET /api/v1/agent/commands?wait=SECONDS`: the commands queued for this agent (long poll).
    public func commands(wait seconds: Int) async throws -> [AgentCommand] {
        let body = try await send(.GET, "/api/v1/agent/commands?wait=\(seconds)").body
        if let list = try? JSONDecoder().decode([AgentCommand].self, from: body) { return list }
        return try decode(body, as: CommandList.self).commands
    }

    /// `POST /api/v1/agent/commands/{id}/result`.
    public func report(_ result: AgentCommandResult) async throws {
        let id =
            result.id.addingPercentEncoding(
                withAllowedCharacters: .urlPathAllowed.subtracting(CharacterSet(charactersIn: "/"))) ?? result.id
        _ = try await send(.POST, "/api/v1/agent/commands/\(id)/result", body: result)
    }

    /// The commands answer when the registry wraps the list in an object.
    private struct CommandList: Decodable { var commands: [AgentCommand] }

    private struct NoBody: Encodable {}

    private func send(
        _ method: HTTPMethod, _ path: String, headers: [(String, String)] = [], accepting extra: Set<Int> = [],
        authorised: Bool = true
    ) async throws -> (status: Int, body: Data) {
        try await send(
            method, path, body: Optional<NoBody>.none, headers: headers, accepting: extra, authorised: authorised)
    }

    private func send<Body: Encodable>(
        _ method: HTTPMethod, _ path: String, body: Body?, headers: [(String, String)] = [],
        accepting extra: Set<Int> = [], authorised: Bool = true
    ) async throws -> (status: Int, body: Data) {
        var base = endpoint.baseURL.absoluteString
        while base.hasSuffix("/") { base.removeLast() }
        var request = HTTPClientRequest(url: base + path)
        request.method = method
        request.headers.add(name: "Accept", value: "application/json, application/problem+json")
        request.headers.add(name: "User-Agent", value: "waiwang-agent/\(AgentInfo.version)")
        if authorised, let secret { request.headers.add(name: "Authorization", value: "Bearer \(secret)") }
        for (name, value) in headers { request.headers.add(name: name, value: value) }
        if let body {
            let encoder = JSONEncoder()
            encoder.outputFormatting = [.withoutEscapingSlashes]
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(try encoder.encode(body))
        }
        let status: Int
        let data: Data
        do {
            let response = try await http.execute(request, timeout: Self.readTimeout + .seconds(5))
            status = Int(response.status.code)
            data = Data((try await response.body.collect(upTo: 64 << 20)).readableBytesView)
        } catch {
            throw UplinkError(code: .unreachable, message: "\(base)\(path): \(error)")
        }
        guard (200..<300).contains(status) || extra.contains(status) else {
            let detail =
                (try? JSONDecoder().decode(ProblemText.self, from: data))?.detail
                ?? String(decoding: data.prefix(300), as: UTF8.self)
            throw UplinkError(code: .refused, status: status, message: "\(method) \(path): \(detail)")
        }
        return (status, data)
    }

    private struct ProblemText: Decodable { var detail: String? }

    private func decode<T: Decodable>(_ data: Data, as type: T.Type = T.self) throws -> T {
        do {
            return try JSONDecoder().decode(T.self, from: data)
        } catch {
            throw UplinkError(code: .badResponse, message: "the registry's answer is not a \(T.self): \(error)")
        }
    }
}
