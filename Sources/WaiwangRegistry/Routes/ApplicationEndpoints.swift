import Hummingbird
import WaiwangAPI
import WaiwangCore
import WaiwangStore

extension RegistryEndpoints {
    static func applications(_ store: RegistryStore) -> [Endpoint] {
        [
            Endpoint(
                .post, "/api/v1/applications", "File a draft access, change or withdrawal application (article 18)",
                roles: Endpoint.writers, body: "ApplicationCreate", response: "ApplicationView"
            ) { request, _, principal in
                try ProblemResponse.json(
                    try await store.createApplication(
                        request.json(ApplicationCreate.self),
                        as: principal), status: .created)
            },
            Endpoint(
                .get, "/api/v1/applications", "List applications with their deadlines; overdue=true for late ones",
                roles: Endpoint.readers, response: "Page<ApplicationView>",
                query: ["state", "kind", "division", "overdue", "limit", "offset"]
            ) { request, _, principal in
                let page = try request.page(maxLimit: 1000)
                let filter = ApplicationFilter(
                    state: try request.query("state") { text throws(RegistryError) in
                        try ApplicationState(parsing: text)
                    },
                    kind: try request.query("kind") { text throws(RegistryError) in try ApplicationKind(parsing: text)
                    },
                    divisionCode: request.query("division"), overdueOnly: try request.flag("overdue"),
                    limit: page.limit, offset: page.offset)
                return try ProblemResponse.json(try await store.listApplications(filter, as: principal))
            },
            Endpoint(
                .get, "/api/v1/applications/{id}",
                "One application: form, attachments, deadline, history, notifications",
                roles: Endpoint.readers, response: "ApplicationView"
            ) { _, context, principal in
                try ProblemResponse.json(try await store.application(context.idParameter("id"), as: principal))
            },
            Endpoint(
                .patch, "/api/v1/applications/{id}", "Change a draft's form; the fields given replace",
                roles: Endpoint.writers, body: "ApplicationForm", response: "ApplicationView"
            ) { request, context, principal in
                try ProblemResponse.json(
                    try await store.updateApplication(
                        context.idParameter("id"),
                        request.json(ApplicationForm.self), as: principal))
            },
            Endpoint(
                .post, "/api/v1/applications/{id}/attachments",
                "Attach the scanned form or the signed commitment letter (PDF, PNG or JPEG) to a draft",
                roles: Endpoint.writers, body: "application/octet-stream", response: "AttachmentView",
                query: ["kind", "filename"]
            ) { request, context, principal in
                let data = try await request.bodyBytes(
                    limit: store.policy.attachmentMaxBytes, rule: "attachment-size",
                    advice: "scan the document at a lower resolution")
                let view = try await store.attach(
                    data, kind: request.query("kind") ?? "",
                    filename: request.query("filename") ?? "", to: context.idParameter("id"),
                    as: principal)
                return try ProblemResponse.json(view, status: .created)
            },
        ] + ApplicationAction.allCases.map { action in transition(action, store) }
    }

    /// `POST /api/v1/applications/{id}/<action>`: one step of the workflow.
    private static func transition(_ action: ApplicationAction, _ store: RegistryStore) -> Endpoint {
        let summary =
            switch action {
            case .submit: "Submit a draft: required fields and attachments are checked (article 18)"
            case .startReview: "Take a submitted application into review"
            case .approve:
                "Approve: the unit, link and prefixes change in the registry at once; applicant and carrier told"
            case .reject: "Reject with reasons, which the applicant is told (article 19)"
            case .startProvisioning: "Start provisioning an approved application"
            case .completeProvisioning: "Provisioning done: the unit goes active (or, for a withdrawal, leaves)"
            case .withdraw: "Take back an application that is not yet decided"
            }
        let body: String? =
            switch action {
            case .approve: "ApprovalInput"
            case .reject, .withdraw, .startProvisioning, .completeProvisioning: "ApplicationNote"
            case .submit, .startReview: nil
            }
        return Endpoint(
            .post, "/api/v1/applications/{id}/\(action.rawValue)", summary, roles: Endpoint.writers,
            body: body, response: "ApplicationView", success: 200
        ) { request, context, principal in
            let id = try context.idParameter("id")
            var approval: ApprovalInput?
            var note: String?
            switch action {
            case .approve: approval = try await request.optionalJSON(ApprovalInput.self)
            case .reject, .withdraw, .startProvisioning, .completeProvisioning:
                note = try await request.optionalJSON(ApplicationNote.self)?.note
            case .submit, .startReview: break
            }
            return try ProblemResponse.json(
                try await store.act(
                    action, on: id, approval: approval, note: note,
                    as: principal))
        }
    }

    static func calendar(_ store: RegistryStore) -> [Endpoint] {
        [
            Endpoint(
                .get, "/api/v1/calendar/deadline", "The N-th working day after a date (Chinese working-day calendar)",
                roles: Endpoint.readers, response: "WorkingDayDeadline",
                query: ["from", "days", "division"]
            ) { request, _, _ in
                guard let calendar = store.calendar else {
                    throw RegistryError(
                        .invalid, field: "calendar", rule: "calendar",
                        "no working-day calendar is configured; add Config/calendar/YYYY.txt")
                }
                let fromText = try FieldRules.required(request.query("from"), field: "from", label: "from (YYYY-MM-DD)")
                let from: CivilDate
                do { from = try CivilDate.parse(fromText) } catch {
                    throw RegistryError.invalid("from", rule: "date", (error as? CalendarError)?.message ?? "\(error)")
                }
                let days = try request.query("days", default: store.policy.reviewWorkingDays, range: 0...366)
                let division = request.query("division")
                do {
                    let due = try calendar.addWorkingDays(days, to: from, division: division)
                    return try ProblemResponse.json(
                        WorkingDayDeadline(
                            from: from.description, workingDays: days,
                            due: due.description, divisionCode: division))
                } catch {
                    throw Problem(
                        title: "Unprocessable Content", status: 422,
                        detail: (error as? CalendarError)?.message ?? "\(error)", field: "from",
                        rule: "calendar-coverage")
                }
            },
            Endpoint(
                .get, "/metrics",
                "Prometheus metrics: units, overdue applications, open incidents, orders, overdue orders, escalation "
                    + "deliveries by state and overdue",
                roles: nil,
                response: "text/plain"
            ) { _, _, _ in
                let overdue = try await store.overdueApplicationCounts()
                var text = PrometheusGauge.text(
                    "waiwang_units", help: "Registered access units.", value: try await store.unitCount())
                text += PrometheusGauge.text(
                    "waiwang_applications_overdue",
                    help: "Open applications past their working-day deadline (article 19).", label: "stage",
                    keys: [ApplicationDeadline.Stage.review, .provisioning], counts: overdue)
                text += IncidentMetricsText.render(try await store.incidentMetrics())
                text += try await DeliveryMetrics.text(store)
                return Response(
                    status: .ok, headers: [.contentType: "text/plain; version=0.0.4; charset=utf-8"],
                    body: .init(byteBuffer: ByteBuffer(string: text)))
            },
        ]
    }
}
