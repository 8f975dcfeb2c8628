import Foundation
import Hummingbird
import Logging
import WaiwangAPI
import WaiwangCore

/// Turns every error into an `application/problem+json` response naming the field and the rule;
/// internal details (SQL, file system) go to the log, never to the client.
struct ProblemMiddleware: RouterMiddleware {
    typealias Context = RegistryRequestContext

    func handle(_ request: Request, context: Context, next: (Request, Context) async throws -> Response) async throws
        -> Response
    {
        do {
            return try await next(request, context)
        } catch {
            let problem = Self.problem(for: error)
            if problem.status >= 500 {
                context.logger.error("internal error", metadata: ["error": "\(String(reflecting: error))"])
            }
            return ProblemResponse.make(problem)
        }
    }

    static func problem(for error: any Error) -> Problem {
        switch error {
        case let problem as Problem:
            return problem
        case let error as RegistryError:
            let status: Int =
                switch error.code {
                case .notFound: 404
                case .conflict: 409
                case .forbidden: 403
                case .unauthorized: 401
                case .tooLarge: 413
                default: 400
                }
            return Problem(
                title: title(status), status: status, detail: error.message,
                field: error.field, rule: error.rule)
        case let error as DecodingError:
            return decodingProblem(error)
        case let error as any HTTPResponseError:
            let status = error.status
            let detail: String =
                switch status {
                case .contentTooLarge: "the request body is too large"
                case .notFound: "no such endpoint; see /api/v1/openapi.json"
                case .methodNotAllowed: "method not allowed on this endpoint; see /api/v1/openapi.json"
                default: (error as? HTTPError)?.body ?? status.reasonPhrase
                }
            return Problem(
                title: status.reasonPhrase, status: status.code, detail: detail,
                rule: status == .contentTooLarge ? "body-size" : nil)
        default:
            return Problem(
                title: "Internal Server Error", status: 500,
                detail: "the registry failed to handle the request; the operator finds the cause in its log")
        }
    }

    static func title(_ status: Int) -> String {
        switch status {
        case 400: "Bad Request"
        case 401: "Unauthorized"
        case 403: "Forbidden"
        case 404: "Not Found"
        case 409: "Conflict"
        case 413: "Content Too Large"
        case 422: "Unprocessable Content"
        default: "Error"
        }
    }

    private static func decodingProblem(_ error: DecodingError) -> Problem {
        func path(_ context: DecodingError.Context, _ key: (any CodingKey)? = nil) -> String? {
            let keys = context.codingPath.map(\.stringValue) + (key.map { [$0.stringValue] } ?? [])
            return keys.isEmpty ? nil : keys.joined(separator: ".")
        }
        let (field, detail): (String?, String) =
            switch error {
            case .keyNotFound(let key, let context):
                (path(context, key), "required field \"\(key.stringValue)\" is missing")
            case .typeMismatch(let type, let context):
                (path(context), "wrong type: expected \(type == Int.self ? "a whole number" : "\(type)")")
            case .valueNotFound(_, let context):
                (path(context), "value is null but required")
            case .dataCorrupted(let context):
                (
                    path(context),
                    context.debugDescription.contains("JSON") ? "the body is not valid JSON" : context.debugDescription
                )
            @unknown default:
                (nil, "the body could not be read")
            }
        return Problem(title: "Bad Request", status: 400, detail: detail, field: field, rule: "json-schema")
    }
}

/// Builds problem+json and JSON responses.
enum ProblemResponse {
    static let encoder: JSONEncoder = {
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.withoutEscapingSlashes, .sortedKeys]
        return encoder
    }()

    static func make(_ problem: Problem) -> Response {
        let data = (try? encoder.encode(problem)) ?? Data()
        return Response(
            status: .init(code: problem.status),
            headers: [.contentType: "application/problem+json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: data)))
    }

    static func json(_ value: some Encodable, status: HTTPResponse.Status = .ok) throws -> Response {
        Response(
            status: status, headers: [.contentType: "application/json; charset=utf-8"],
            body: .init(byteBuffer: ByteBuffer(bytes: try encoder.encode(value))))
    }
}
