import Hummingbird
import WaiwangAPI
import WaiwangCore
import WaiwangStore

extension RegistryEndpoints {
    /// The escalation delivery journal (article 21(4)): what was owed to whom, what was sent, what failed, who
    /// confirmed receipt.
    static func deliveries(_ store: RegistryStore) -> [Endpoint] {
        let readers: Set<Role> = [.security, .admin, .auditor]
        return [
            Endpoint(
                .get, "/api/v1/deliveries",
                "Escalation reports by deadline: state, attempts, overdue, acknowledgement", roles: readers,
                response: "[DeliveryView]", query: ["incident", "state", "limit"]
            ) { request, _, _ in
                let state = try request.query("state") { text throws(RegistryError) in
                    guard let state = DeliveryStateCode(rawValue: text) else {
                        throw RegistryError.invalid(
                            "state", rule: "query",
                            "state must be one of \(DeliveryStateCode.allCases.map(\.rawValue).joined(separator: ", "))"
                        )
                    }
                    return state
                }
                return try ProblemResponse.json(
                    try await store.listDeliveries(
                        DeliveryFilter(
                            incidentId: request.query("incident"), state: state,
                            limit: try request.query("limit", default: 1000, range: 1...10000))))
            },
            Endpoint(
                .get, "/api/v1/deliveries/{id}", "One escalation delivery with every attempt", roles: readers,
                response: "DeliveryView"
            ) { _, context, _ in
                try ProblemResponse.json(try await store.delivery(context.idParameter("id")))
            },
            Endpoint(
                .post, "/api/v1/deliveries/{id}/acknowledge",
                "Record that the recipient confirmed receipt (a note is required)", roles: [.security, .admin],
                body: "DeliveryAcknowledge", response: "DeliveryView", success: 200
            ) { request, context, principal in
                let body = try await request.json(DeliveryAcknowledge.self)
                return try ProblemResponse.json(
                    try await store.acknowledgeDelivery(context.idParameter("id"), note: body.note, as: principal))
            },
        ]
    }
}
