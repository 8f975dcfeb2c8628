import AsyncHTTPClient
import Foundation
import NIOCore
import NIOHTTP1
import WaiwangAPI

extension RegistryClient {
    /// The body of a request, already encoded.
    enum RequestBody {
        case none
        case json(Data)
        case csv(Data, progress: (@Sendable (UploadProgress) -> Void)?)
        /// Raw file bytes sent as they are, e.g. a scanned PDF under `application/pdf`.
        case file(Data, mediaType: String)
    }

    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return encoder
    }()

    /// Sends a request and decodes a JSON answer.
    func call<Answer: Decodable>(
        _ method: HTTPMethod, _ path: String, query: [(String, String?)] = [], body: RequestBody = .none,
        as type: Answer.Type = Answer.self, timeout: TimeAmount = requestTimeout
    ) async throws -> Answer {
        let (bytes, url) = try await send(method, path, query: query, body: body, timeout: timeout)
        do {
            return try JSONDecoder().decode(Answer.self, from: bytes)
        } catch {
            throw RegistryClientError.badResponse(
                "the answer from \(url) is not the \(Answer.self) the API promises (\(error)); "
                    + "are --registry and the registry's version right?", url: url)
        }
    }

    /// Encodes `value` as a JSON request body.
    func json(_ value: some Encodable) throws -> RequestBody {
        .json(try Self.encoder.encode(value))
    }

    /// Sends a request; returns the body of a 2xx answer, throws the registry's problem otherwise.
    @discardableResult
    func send(
        _ method: HTTPMethod, _ path: String, query: [(String, String?)] = [], body: RequestBody = .none,
        accept: String = "application/json", timeout: TimeAmount = requestTimeout
    ) async throws -> (Data, String) {
        let url = self.url(path, query: query)
        var request = HTTPClientRequest(url: url)
        request.method = method
        request.headers.add(name: "Accept", value: accept + ", application/problem+json")
        request.headers.add(name: "User-Agent", value: "waiwangctl")
        if let token, !token.isEmpty { request.headers.add(name: "Authorization", value: "Bearer \(token)") }
        switch body {
        case .none:
            break
        case .json(let data):
            request.headers.add(name: "Content-Type", value: "application/json")
            request.body = .bytes(data)
        case .csv(let data, let progress):
            request.headers.add(name: "Content-Type", value: "text/csv; charset=utf-8")
            if let progress {
                request.body = .stream(ChunkedUpload(data: data, progress: progress), length: .known(Int64(data.count)))
            } else {
                request.body = .bytes(data)
            }
        case .file(let data, let mediaType):
            request.headers.add(name: "Content-Type", value: mediaType)
            request.body = .bytes(data)
        }
        let response: HTTPClientResponse
        let buffer: ByteBuffer
        do {
            response = try await http.execute(request, timeout: timeout)
            buffer = try await response.body.collect(upTo: Self.maxResponseBytes)
        } catch let error as NIOTooManyBytesError {
            throw RegistryClientError.badResponse(
                "the answer from \(url) is larger than \(Self.maxResponseBytes >> 20) MiB (\(error))", url: url)
        } catch {
            throw RegistryClientError.unreachable(baseURL.absoluteString, reason: Self.reason(error), url: url)
        }
        let data = Data(buffer.readableBytesView)
        guard (200..<300).contains(response.status.code) else {
            throw RegistryClientError.refused(Self.problem(from: data, status: response.status), url: url)
        }
        return (data, url)
    }

    /// The problem document of an error answer, or one made from the status when the body is not one.
    static func problem(from data: Data, status: HTTPResponseStatus) -> Problem {
        if let problem = try? JSONDecoder().decode(Problem.self, from: data) { return problem }
        let text = String(decoding: data.prefix(500), as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        return Problem(
            title: status.reasonPhrase, status: Int(status.code),
            detail: text.isEmpty ? "HTTP \(status.code) \(status.reasonPhrase)" : text)
    }

    /// A short human reason for a transport failure.
    static func reason(_ error: any Error) -> String {
        let text = String(describing: error)
        if text.contains("connectTimeout") { return "connection timed out" }
        if text.contains("deadlineExceeded") || text.contains("readTimeout") { return "no answer in time" }
        if text.lowercased().contains("refused") { return "connection refused" }
        return text
    }

    /// The full URL of an API path with its query, each value percent-encoded.
    func url(_ path: String, query: [(String, String?)]) -> String {
        var text = baseURL.absoluteString
        while text.hasSuffix("/") { text.removeLast() }
        text += path
        let pairs = query.compactMap { name, value in value.map { "\(name)=\(Self.encodeComponent($0))" } }
        if !pairs.isEmpty { text += "?" + pairs.joined(separator: "&") }
        return text
    }

    /// Percent-encodes everything but RFC 3986's unreserved characters.
    static func encodeComponent(_ text: String) -> String {
        var allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        allowed.insert(charactersIn: "-._~")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }

    /// One path segment, percent-encoded (credit codes, addresses with colons, ids).
    static func segment(_ text: String) -> String {
        var allowed = CharacterSet(charactersIn: "abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789")
        allowed.insert(charactersIn: "-._~:")
        return text.addingPercentEncoding(withAllowedCharacters: allowed) ?? text
    }
}
