import Hummingbird
import WaiwangAPI
import WaiwangCore
import WaiwangStore

extension RegistryEndpoints {
    /// Incidents: the folded alerts, their grade (GB/T 20986-2023) and a person's grade override.
    static func incidents(_ store: RegistryStore) -> [Endpoint] {
        [
            Endpoint(
                .get, "/api/v1/incidents", "List incidents, most recently seen first (a county sees its division)",
                roles: Endpoint.readers, response: "Page<IncidentView>",
                query: ["state", "unit", "grade", "kind", "limit", "offset"]
            ) { request, _, principal in
                let page = try request.page(maxLimit: 1000)
                let filter = IncidentFilter(
                    state: request.query("state")?.lowercased(), unit: request.query("unit"),
                    grade: try request.query("grade") { text throws(RegistryError) in try IncidentGrade(parsing: text)
                    },
                    kind: try request.query("kind") { text throws(RegistryError) in try IncidentKind(parsing: text) },
                    limit: page.limit, offset: page.offset)
                return try ProblemResponse.json(try await store.listIncidents(filter, as: principal))
            },
            Endpoint(
                .get, "/api/v1/incidents/{id}", "One incident: its alerts, grade and reason, orders and timeline",
                roles: Endpoint.readers, response: "IncidentView"
            ) { _, context, principal in
                try ProblemResponse.json(try await store.incident(context.parameter("id"), as: principal))
            },
            Endpoint(
                .get, "/api/v1/incidents/{id}/report",
                "The incident's report (事件报告) as the escalation sends it: Markdown with the timeline",
                roles: Endpoint.readers, response: "text/markdown"
            ) { _, context, principal in
                let (_, input) = try await store.escalationInput(incidentId: context.parameter("id"), as: principal)
                let text = IncidentReport(input).markdown(timeline: EscalationRendering.timeline(input))
                return Response(
                    status: .ok, headers: [.contentType: "text/markdown; charset=utf-8"],
                    body: .init(byteBuffer: ByteBuffer(string: text)))
            },
            Endpoint(
                .post, "/api/v1/incidents/{id}/grade",
                "Set the grade by hand, with the reason (security or admin); recorded in the timeline and audited",
                roles: [.security, .admin], body: "GradeInput", response: "IncidentView", success: 200
            ) { request, context, principal in
                try ProblemResponse.json(
                    try await store.gradeIncident(
                        context.parameter("id"), request.json(GradeInput.self), as: principal))
            },
            Endpoint(
                .post, "/api/v1/incidents/{id}/close",
                "End an incident's handling with the reason (security or admin); refused while an order is in progress",
                roles: [.security, .admin], body: "IncidentClosing", response: "IncidentView", success: 200
            ) { request, context, principal in
                let reason = try await request.optionalJSON(IncidentClosing.self)?.reason ?? ""
                return try ProblemResponse.json(
                    try await store.closeIncident(context.parameter("id"), reason: reason, as: principal))
            },
        ]
    }
}
