/// The OpenAPI 3.1 description of the API, built from the endpoint list and the wire types.
enum OpenAPIDocument {
    static func make(endpoints: [Endpoint], version: String) -> JSONValue {
        var paths: [(String, [(String, JSONValue)])] = []
        for endpoint in endpoints {
            let operation = self.operation(endpoint)
            let method = endpoint.method.rawValue.lowercased()
            if let index = paths.firstIndex(where: { $0.0 == endpoint.path }) {
                paths[index].1.append((method, operation))
            } else {
                paths.append((endpoint.path, [(method, operation)]))
            }
        }
        return .object([
            ("openapi", .string("3.1.0")),
            (
                "info",
                .object([
                    ("title", .string("Waiwang registry API (政务外网接入单位登记)")),
                    ("version", .string(version)),
                    (
                        "description",
                        .string(
                            "Access units, links, hub devices and prefixes of the e-government extranet. "
                                + "Errors are application/problem+json naming the field and the rule (e.g. article-16)."
                        )
                    ),
                ])
            ),
            (
                "components",
                .object([
                    ("schemas", SchemaReflector.componentSchemas()),
                    (
                        "securitySchemes",
                        .object([("bearer", .object([("type", .string("http")), ("scheme", .string("bearer"))]))])
                    ),
                ])
            ),
            ("paths", .object(paths.map { ($0.0, .object($0.1)) })),
        ])
    }

    private static func operation(_ endpoint: Endpoint) -> JSONValue {
        var members: [(String, JSONValue)] = [("summary", .string(endpoint.summary))]
        if let roles = endpoint.roles {
            members.append(("security", .array([.object([("bearer", .array([]))])])))
            members.append(("x-roles", .array(roles.map(\.rawValue).sorted().map(JSONValue.string))))
        }
        var parameters: [JSONValue] = []
        for segment in endpoint.path.split(separator: "/") where segment.hasPrefix("{") {
            parameters.append(
                .object([
                    ("name", .string(String(segment.dropFirst().dropLast()))), ("in", .string("path")),
                    ("required", .bool(true)), ("schema", .object([("type", .string("string"))])),
                ]))
        }
        for name in endpoint.query {
            parameters.append(
                .object([
                    ("name", .string(name)), ("in", .string("query")), ("required", .bool(false)),
                    ("schema", .object([("type", .string("string"))])),
                ]))
        }
        if !parameters.isEmpty { members.append(("parameters", .array(parameters))) }
        if let body = endpoint.requestBody {
            // A media type names a raw body (CSV, a file); anything else is a JSON schema of the wire types.
            let content: (String, JSONValue) =
                body.contains("/")
                ? (body, .object([("schema", .object([("type", .string("string")), ("format", .string("binary"))]))]))
                : ("application/json", .object([("schema", reference(body))]))
            members.append(("requestBody", .object([("required", .bool(true)), ("content", .object([content]))])))
        }
        let success: (String, JSONValue)
        switch endpoint.response {
        case "204":
            success = ("204", .object([("description", .string("Done"))]))
        case let mediaType where mediaType.contains("/"):
            success = (
                "200",
                .object([
                    ("description", .string("OK")),
                    ("content", .object([(endpoint.response, .object([("schema", .object([]))]))])),
                ])
            )
        default:
            success = (
                String(endpoint.successStatus),
                .object([
                    ("description", .string("OK")),
                    ("content", .object([("application/json", .object([("schema", reference(endpoint.response))]))])),
                ])
            )
        }
        let problem = JSONValue.object([
            ("description", .string("Problem")),
            ("content", .object([("application/problem+json", .object([("schema", reference("Problem"))]))])),
        ])
        members.append(("responses", .object([success, ("default", problem)])))
        return .object(members)
    }

    /// `Name`, `[Name]` or `Page<Name>` as a schema.
    private static func reference(_ name: String) -> JSONValue {
        if name.hasPrefix("["), name.hasSuffix("]") {
            return .object([("type", .string("array")), ("items", reference(String(name.dropFirst().dropLast())))])
        }
        if name.hasPrefix("Page<"), name.hasSuffix(">") {
            let item = String(name.dropFirst(5).dropLast())
            return .object([
                ("type", .string("object")),
                (
                    "properties",
                    .object([
                        ("items", .object([("type", .string("array")), ("items", reference(item))])),
                        ("total", .object([("type", .string("integer"))])),
                        ("limit", .object([("type", .string("integer"))])),
                        ("offset", .object([("type", .string("integer"))])),
                    ])
                ), ("required", .array(["items", "total", "limit", "offset"].map(JSONValue.string))),
            ])
        }
        return .object([("$ref", .string("#/components/schemas/\(name)"))])
    }
}
