import Hummingbird
import WaiwangAPI
import WaiwangCore
import WaiwangStore

/// The registry's API, in one list.
public enum RegistryEndpoints {
    public static func all(store: RegistryStore, version: String) -> [Endpoint] {
        meta(store: store, version: version) + units(store) + links(store) + prefixes(store) + devices(store)
            + transfer(store) + audit(store) + applications(store) + calendar(store) + agents(store)
            + agentProtocol(store) + incidents(store) + orders(store) + deliveries(store)
    }

    static func meta(store: RegistryStore, version: String) -> [Endpoint] {
        [
            Endpoint(.get, "/healthz", "Liveness and a unit count", roles: nil, response: "HealthView") { _, _, _ in
                try ProblemResponse.json(HealthView(status: "ok", version: version, units: try await store.unitCount()))
            },
            Endpoint(
                .get, "/api/v1/openapi.json", "This API as an OpenAPI 3.1 document", roles: nil,
                response: "application/json"
            ) { _, _, _ in
                try ProblemResponse.json(
                    OpenAPIDocument.make(endpoints: all(store: store, version: version), version: version))
            },
            Endpoint(
                .get, "/api/v1/divisions", "The administrative divisions and their hubs",
                roles: Endpoint.readers, response: "[DivisionView]"
            ) { _, _, _ in
                try ProblemResponse.json(try await store.divisions())
            },
        ]
    }

    static func units(_ store: RegistryStore) -> [Endpoint] {
        [
            Endpoint(
                .get, "/api/v1/units", "List access units (a county token sees its division only)",
                roles: Endpoint.readers, response: "Page<UnitView>",
                query: ["division", "state", "level", "q", "limit", "offset"]
            ) { request, _, principal in
                let page = try request.page()
                let filter = UnitFilter(
                    divisionCode: request.query("division"),
                    state: try request.query("state") { text throws(RegistryError) in try UnitState(parsing: text) },
                    level: try request.query("level") { text throws(RegistryError) in try UnitLevel(parsing: text) },
                    text: request.query("q"),
                    limit: page.limit, offset: page.offset)
                return try ProblemResponse.json(try await store.listUnits(filter, as: principal))
            },
            Endpoint(
                .post, "/api/v1/units", "Register an access unit", roles: Endpoint.writers, body: "UnitCreate",
                response: "UnitView"
            ) { request, _, principal in
                try ProblemResponse.json(
                    try await store.createUnit(request.json(UnitCreate.self), as: principal),
                    status: .created)
            },
            Endpoint(
                .get, "/api/v1/units/{unit}",
                "One unit by id or credit code, with links, prefixes and co-located units",
                roles: Endpoint.readers, response: "UnitView"
            ) { _, context, principal in
                try ProblemResponse.json(try await store.unit(context.parameter("unit"), as: principal))
            },
            Endpoint(
                .patch, "/api/v1/units/{unit}", "Change a unit; only the fields given change",
                roles: Endpoint.writers, body: "UnitUpdate", response: "UnitView"
            ) { request, context, principal in
                try ProblemResponse.json(
                    try await store.updateUnit(
                        context.parameter("unit"),
                        request.json(UnitUpdate.self), as: principal))
            },
        ]
    }

    static func links(_ store: RegistryStore) -> [Endpoint] {
        [
            Endpoint(
                .get, "/api/v1/links", "List links; shared=true for links serving co-located units",
                roles: Endpoint.readers, response: "Page<LinkView>",
                query: ["hub", "kind", "shared", "limit", "offset"]
            ) { request, _, principal in
                let page = try request.page()
                let filter = LinkFilter(
                    hubCode: request.query("hub"),
                    kind: try request.query("kind") { text throws(RegistryError) in try LinkKind(parsing: text) },
                    sharedOnly: try request.flag("shared"),
                    limit: page.limit, offset: page.offset)
                return try ProblemResponse.json(try await store.listLinks(filter, as: principal))
            },
            Endpoint(
                .post, "/api/v1/links", "Register a link (articles 16 and 17 checked)", roles: Endpoint.writers,
                body: "LinkCreate", response: "LinkView"
            ) { request, _, principal in
                try ProblemResponse.json(
                    try await store.createLink(request.json(LinkCreate.self), as: principal),
                    status: .created)
            },
            Endpoint(
                .get, "/api/v1/links/{id}", "One link with its units", roles: Endpoint.readers,
                response: "LinkView"
            ) { _, context, principal in
                try ProblemResponse.json(try await store.link(context.idParameter("id"), as: principal))
            },
            Endpoint(
                .patch, "/api/v1/links/{id}", "Change a link; `units` replaces the units served",
                roles: Endpoint.writers, body: "LinkUpdate", response: "LinkView"
            ) { request, context, principal in
                try ProblemResponse.json(
                    try await store.updateLink(
                        context.idParameter("id"),
                        request.json(LinkUpdate.self), as: principal))
            },
            Endpoint(
                .delete, "/api/v1/links/{id}", "Remove a link", roles: Endpoint.writers,
                response: "204"
            ) { _, context, principal in
                try await store.deleteLink(context.idParameter("id"), as: principal)
                return Response(status: .noContent)
            },
        ]
    }

    static func prefixes(_ store: RegistryStore) -> [Endpoint] {
        [
            Endpoint(
                .get, "/api/v1/prefixes", "List prefixes, optionally of one unit", roles: Endpoint.readers,
                response: "Page<PrefixView>", query: ["unit", "limit", "offset"]
            ) { request, _, principal in
                let page = try request.page()
                return try ProblemResponse.json(
                    try await store.listPrefixes(
                        unit: request.query("unit"), limit: page.limit, offset: page.offset, as: principal))
            },
            Endpoint(
                .post, "/api/v1/prefixes", "Register a unit's prefix; overlaps are refused",
                roles: Endpoint.writers, body: "PrefixCreate", response: "PrefixView"
            ) { request, _, principal in
                try ProblemResponse.json(
                    try await store.createPrefix(request.json(PrefixCreate.self), as: principal),
                    status: .created)
            },
            Endpoint(
                .delete, "/api/v1/prefixes", "Remove the prefix given as ?cidr=", roles: Endpoint.writers,
                response: "204", query: ["cidr"]
            ) { request, _, principal in
                guard let cidr = request.query("cidr") else {
                    throw RegistryError.invalid("cidr", rule: "required", "give the prefix to remove as ?cidr=")
                }
                try await store.deletePrefix(cidr, as: principal)
                return Response(status: .noContent)
            },
            Endpoint(
                .delete, "/api/v1/prefixes/{id}", "Remove a prefix by id", roles: Endpoint.writers,
                response: "204"
            ) { _, context, principal in
                try await store.deletePrefix(String(context.idParameter("id")), as: principal)
                return Response(status: .noContent)
            },
            Endpoint(
                .get, "/api/v1/attribution/{address}", "The unit owning an address (longest-prefix match)",
                roles: Endpoint.readers, response: "AttributionView"
            ) { _, context, principal in
                try ProblemResponse.json(try await store.attribute(context.parameter("address"), as: principal))
            },
        ]
    }

    static func devices(_ store: RegistryStore) -> [Endpoint] {
        [
            Endpoint(
                .get, "/api/v1/devices", "Hub devices", roles: Endpoint.readers, response: "[DeviceView]",
                query: ["hub"]
            ) { request, _, principal in
                try ProblemResponse.json(try await store.listDevices(hub: request.query("hub"), as: principal))
            },
            Endpoint(
                .post, "/api/v1/devices", "Register a hub device", roles: Endpoint.writers, body: "DeviceCreate",
                response: "DeviceView"
            ) { request, _, principal in
                try ProblemResponse.json(
                    try await store.createDevice(request.json(DeviceCreate.self), as: principal),
                    status: .created)
            },
            Endpoint(
                .get, "/api/v1/credentials", "SNMP credentials, secrets redacted", roles: [.admin],
                response: "[CredentialView]"
            ) { _, _, principal in
                try ProblemResponse.json(try await store.listCredentials(as: principal))
            },
            Endpoint(
                .post, "/api/v1/credentials", "Store SNMP credentials (write-only secrets)", roles: [.admin],
                body: "CredentialCreate", response: "CredentialView"
            ) { request, _, principal in
                try ProblemResponse.json(
                    try await store.createCredential(
                        request.json(CredentialCreate.self),
                        as: principal), status: .created)
            },
        ]
    }

    static func audit(_ store: RegistryStore) -> [Endpoint] {
        [
            Endpoint(
                .get, "/api/v1/audit", "The hash-chained audit log, oldest first", roles: [.admin, .auditor],
                response: "[AuditEntryView]", query: ["after", "limit", "entity"]
            ) { request, _, _ in
                try ProblemResponse.json(
                    try await store.auditEntries(
                        after: Int64(try request.query("after", default: 0, range: 0...Int.max)),
                        limit: try request.query("limit", default: 1000, range: 1...10000),
                        entity: request.query("entity")))
            }
        ]
    }
}
