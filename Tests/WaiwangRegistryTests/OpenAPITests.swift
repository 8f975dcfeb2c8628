import Foundation
import Hummingbird
import Testing
import WaiwangRegistry

/// `/api/v1/openapi.json` is built from the same endpoint list as the router, and must describe all of it.
@Suite("OpenAPI document")
struct OpenAPITests {
    static func document() async throws -> (document: [String: Any], endpoints: [Endpoint]) {
        let fixture = try await RegistryFixture(seeded: false)
        let response = try await fixture.withAPI { api in try await api.get("/api/v1/openapi.json", as: nil) }
        #expect(response.status == .ok)
        #expect(response.headers[.contentType]?.hasPrefix("application/json") == true)
        let json = try #require(try JSONSerialization.jsonObject(with: response.data) as? [String: Any])
        return (json, RegistryEndpoints.all(store: fixture.store, version: RegistryApplication.version))
    }

    @Test("the document is OpenAPI 3.1 with the registry's version")
    func header() async throws {
        let (document, _) = try await Self.document()
        #expect(document["openapi"] as? String == "3.1.0")
        let info = document["info"] as? [String: Any]
        #expect(info?["version"] as? String == RegistryApplication.version)
    }

    @Test("every endpoint appears under its path and method, with its roles, and nothing else does")
    func everyEndpoint() async throws {
        let (document, endpoints) = try await Self.document()
        let paths = try #require(document["paths"] as? [String: [String: Any]])
        for endpoint in endpoints {
            let operation = paths[endpoint.path]?[endpoint.method.rawValue.lowercased()] as? [String: Any]
            #expect(operation != nil, "\(endpoint.method) \(endpoint.path) is missing")
            #expect(operation?["summary"] as? String == endpoint.summary)
            let roles = operation?["x-roles"] as? [String]
            #expect(roles.map(Set.init) == endpoint.roles.map { Set($0.map(\.rawValue)) },
                    "\(endpoint.method) \(endpoint.path)")
            let parameters = (operation?["parameters"] as? [[String: Any]] ?? []).compactMap { $0["name"] as? String }
            for segment in endpoint.path.split(separator: "/") where segment.hasPrefix("{") {
                #expect(parameters.contains(String(segment.dropFirst().dropLast())), "\(endpoint.path)")
            }
            for query in endpoint.query { #expect(parameters.contains(query), "\(endpoint.path)?\(query)") }
        }
        let documented = Set(paths.flatMap { path, operations in operations.keys.map { "\($0.uppercased()) \(path)" } })
        let listed = Set(endpoints.map { "\($0.method.rawValue) \($0.path)" })
        #expect(documented == listed)
    }

    @Test("every $ref resolves to a component schema")
    func referencesResolve() async throws {
        let (document, _) = try await Self.document()
        let components = try #require(document["components"] as? [String: Any])
        let schemas = try #require(components["schemas"] as? [String: Any])
        var references: [String] = []
        func collect(_ value: Any) {
            if let object = value as? [String: Any] {
                if let reference = object["$ref"] as? String { references.append(reference) }
                object.values.forEach(collect)
            } else if let array = value as? [Any] {
                array.forEach(collect)
            }
        }
        collect(document)
        #expect(references.count > 20)
        for reference in Set(references) {
            #expect(reference.hasPrefix("#/components/schemas/"), "\(reference)")
            let name = String(reference.dropFirst("#/components/schemas/".count))
            #expect(schemas[name] != nil, "\(reference) does not resolve")
        }
        for name in ["UnitCreate", "UnitView", "LinkCreate", "LinkView", "PrefixCreate", "Problem", "ImportReport"] {
            #expect(schemas[name] != nil, "\(name) is not a component")
        }
    }

    @Test("the request and problem schemas say what is required")
    func schemas() async throws {
        let (document, _) = try await Self.document()
        let schemas = (document["components"] as? [String: Any])?["schemas"] as? [String: [String: Any]]
        let unitCreate = schemas?["UnitCreate"]
        #expect(Set(unitCreate?["required"] as? [String] ?? []) == [
            "name", "creditCode", "level", "divisionCode", "officeAddress", "contactName", "contactPhone",
        ])
        let level = ((schemas?["UnitView"]?["properties"] as? [String: Any])?["level"] as? [String: Any])?["enum"] as? [String]
        #expect(level == ["city", "county", "township", "village"])
        #expect(Set(schemas?["Problem"]?["required"] as? [String] ?? []) == ["type", "title", "status", "detail"])
    }
}
