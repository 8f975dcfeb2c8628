import Foundation
import Hummingbird
import WaiwangCore

extension Request {
    /// A query parameter as text, nil when absent or empty.
    func query(_ name: String) -> String? {
        guard let value = uri.queryParameters[Substring(name)].map(String.init), !value.isEmpty else { return nil }
        return value
    }

    /// A query parameter read by a domain parser (a state, a level, a kind), nil when absent.
    func query<Value>(_ name: String, _ parse: (String) throws(RegistryError) -> Value) throws(RegistryError)
        -> Value?
    {
        guard let text = query(name) else { return nil }
        return try parse(text)
    }

    /// `limit` (1…`maxLimit`, default `defaultLimit`) and `offset` of a list endpoint.
    func page(defaultLimit: Int = 100, maxLimit: Int = 5000) throws -> (limit: Int, offset: Int) {
        (
            try query("limit", default: defaultLimit, range: 1...maxLimit),
            try query("offset", default: 0, range: 0...Int(Int32.max))
        )
    }

    /// A whole-number query parameter within bounds, with a clear error otherwise.
    func query(_ name: String, default value: Int, range: ClosedRange<Int>) throws -> Int {
        guard let text = query(name) else { return value }
        guard let number = Int(text), range.contains(number) else {
            throw RegistryError.invalid(
                name, rule: "query", "\(name) must be a whole number in \(range.lowerBound)...\(range.upperBound)")
        }
        return number
    }

    /// A yes/no query parameter.
    func flag(_ name: String) throws -> Bool {
        try FieldRules.flag(query(name), field: name)
    }

    /// The body as bytes, refusing more than `limit` bytes with 413.
    func bodyBytes(limit: Int, rule: String = "body-size", advice: String = "split the file") async throws -> Data {
        var data = Data()
        for try await chunk in body {
            guard data.count + chunk.readableBytes <= limit else {
                throw RegistryError(
                    .tooLarge, field: "body", rule: rule,
                    "the body is larger than \(ByteSize.describe(limit)); \(advice)")
            }
            data.append(contentsOf: chunk.readableBytesView)
        }
        return data
    }

    /// Decodes a JSON body when there is one; an empty body is nil.
    func optionalJSON<T: Decodable>(_ type: T.Type) async throws -> T? {
        let data = try await bodyBytes(limit: 1024 * 1024, advice: "send less in one request")
        return data.isEmpty ? nil : try JSONDecoder().decode(T.self, from: data)
    }

    /// Decodes a JSON body of at most 1 MiB.
    func json<T: Decodable>(_ type: T.Type) async throws -> T {
        let data = try await bodyBytes(limit: 1024 * 1024, advice: "send less in one request")
        guard !data.isEmpty else {
            throw RegistryError.invalid("body", rule: "json-schema", "the request needs a JSON body of \(T.self)")
        }
        return try JSONDecoder().decode(T.self, from: data)
    }
}

extension RegistryRequestContext {
    /// A path parameter that the route guarantees.
    func parameter(_ name: String) throws -> String {
        guard let value = parameters.get(name) else {
            throw RegistryError.invalid(name, rule: "path", "missing path parameter \(name)")
        }
        return value.removingPercentEncoding ?? value
    }

    func idParameter(_ name: String) throws -> Int64 {
        let text = try parameter(name)
        guard let id = Int64(text) else {
            throw RegistryError.invalid(name, rule: "path", "\"\(text)\" is not a numeric id")
        }
        return id
    }
}
