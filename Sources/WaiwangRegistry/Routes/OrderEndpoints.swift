import Hummingbird
import WaiwangAPI
import WaiwangCore
import WaiwangStore

/// The steps of an isolation order a person takes through `POST /api/v1/orders/{id}/<action>`.
enum OrderAction: String, CaseIterable {
    case approve, reject, cancel
    case acknowledgeCollateral = "acknowledge-collateral"
    case execute, retry, remediate, verify, restore, close
    case approveRetrospectively = "approve-retrospectively"

    var summary: String {
        switch self {
        case .approve: "Approve a proposed order; never by its proposer (four eyes)"
        case .reject: "Reject a proposed order, with the reason"
        case .cancel: "Withdraw a proposed or approved order before anything was cut, with the reason"
        case .acknowledgeCollateral: "Accept that the order also cuts the other units of a shared link (article 17)"
        case .execute: "Queue port.shutdown for every port with the hub's agent"
        case .retry: "Send the failed or timed-out ports' command again"
        case .remediate: "Record the unit's tracing, cleaning and rectification (the county of the unit may)"
        case .verify: "Accept the remediation, or send it back with a note"
        case .restore: "Queue port.restore for every port after an accepted verification"
        case .close: "Close a restored order (an emergency order needs its retrospective approval first)"
        case .approveRetrospectively: "Approve an emergency isolation afterwards; never by the lead who isolated"
        }
    }

    var roles: Set<Role> { self == .remediate ? [.county, .security, .admin] : [.security, .admin] }

    var body: String? {
        switch self {
        case .reject, .cancel: "OrderNote"
        case .remediate: "RemediationInput"
        case .verify: "VerificationInput"
        default: nil
        }
    }
}

extension RegistryEndpoints {
    /// Isolation orders: propose from an incident, list, show, each step, and the emergency path.
    static func orders(_ store: RegistryStore) -> [Endpoint] {
        [
            Endpoint(
                .post, "/api/v1/orders",
                "Propose isolating an incident's unit: every hub port of its links, shared links' units named",
                roles: [.security, .admin], body: "OrderProposal", response: "OrderView"
            ) { request, _, principal in
                try ProblemResponse.json(
                    try await store.proposeOrder(request.json(OrderProposal.self), as: principal), status: .created)
            },
            Endpoint(
                .post, "/api/v1/orders/isolate-now",
                "Emergency isolation: propose, approve and execute at once (admins and emergencyLeads)",
                roles: [.security, .admin], body: "IsolateNowInput", response: "OrderView"
            ) { request, _, principal in
                try ProblemResponse.json(
                    try await store.isolateNow(request.json(IsolateNowInput.self), as: principal), status: .created)
            },
            Endpoint(
                .get, "/api/v1/orders", "List isolation orders, newest first (a county sees its division)",
                roles: Endpoint.readers, response: "Page<OrderView>",
                query: ["state", "incident", "unit", "limit", "offset"]
            ) { request, _, principal in
                let page = try request.page(maxLimit: 1000)
                let filter = OrderFilter(
                    state: try request.query("state") { text throws(RegistryError) in try IsolationState(parsing: text) },
                    incidentId: request.query("incident"), unit: request.query("unit"), limit: page.limit,
                    offset: page.offset)
                return try ProblemResponse.json(try await store.listOrders(filter, as: principal))
            },
            Endpoint(
                .get, "/api/v1/orders/{id}", "One isolation order: its ports' outcomes, remediation and timeline",
                roles: Endpoint.readers, response: "OrderView"
            ) { _, context, principal in
                try ProblemResponse.json(try await store.order(context.parameter("id"), as: principal))
            },
        ] + OrderAction.allCases.map { step($0, store) }
    }

    private static func step(_ action: OrderAction, _ store: RegistryStore) -> Endpoint {
        Endpoint(
            .post, "/api/v1/orders/{id}/\(action.rawValue)", action.summary, roles: action.roles, body: action.body,
            response: "OrderView", success: 200
        ) { request, context, principal in
            let id = try context.parameter("id")
            let view: OrderView
            switch action {
            case .remediate:
                view = try await store.remediateOrder(id, request.json(RemediationInput.self), as: principal)
            case .verify:
                let input = try await request.json(VerificationInput.self)
                view = try await store.actOnOrder(
                    id, .verify(accepted: input.accepted, note: input.note ?? ""), as: principal)
            case .reject, .cancel:
                let reason = try await request.optionalJSON(OrderNote.self)?.reason ?? ""
                view = try await store.actOnOrder(
                    id, action == .reject ? .reject(reason: reason) : .cancel(reason: reason), as: principal)
            case .approve: view = try await store.actOnOrder(id, .approve, as: principal)
            case .acknowledgeCollateral: view = try await store.actOnOrder(id, .acknowledgeCollateral, as: principal)
            case .execute: view = try await store.actOnOrder(id, .execute, as: principal)
            case .retry: view = try await store.actOnOrder(id, .retryFailedPorts, as: principal)
            case .restore: view = try await store.actOnOrder(id, .restore, as: principal)
            case .close: view = try await store.actOnOrder(id, .close, as: principal)
            case .approveRetrospectively: view = try await store.actOnOrder(id, .approveRetrospectively, as: principal)
            }
            return try ProblemResponse.json(view)
        }
    }
}
