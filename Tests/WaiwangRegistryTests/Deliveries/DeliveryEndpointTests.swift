import Foundation
import Testing
import WaiwangAPI
import WaiwangCore
import WaiwangRegistry
import WaiwangStore

/// The journal over the API: list and filter, one delivery with its attempts, acknowledgement (audited), and
/// clear problems for bad input.
@Suite("Delivery endpoints")
struct DeliveryEndpointTests {
    @Test("acknowledge: recorded with who and the note, audited, shown in the list and the delivery")
    func acknowledge() async throws {
        let fixture = try await RegistryFixture(seeded: false)
        let id = try await fixture.sampleDelivery()
        try await fixture.withAPI { api in
            let response = try await api.send(
                .post, "/api/v1/deliveries/\(id)/acknowledge", as: .security,
                json: DeliveryAcknowledge(note: "市数据局值班室电话确认已收到"))
            #expect(response.status == .ok, "\(response.text)")
            let view = try response.decode(DeliveryView.self)
            #expect(view.acknowledgedBy == "security")
            #expect(view.note == "市数据局值班室电话确认已收到")
            #expect(view.acknowledgedAt != nil)

            let shown = try await api.fetch(DeliveryView.self, "/api/v1/deliveries/\(id)", as: .auditor)
            #expect(shown == view)
            let listed = try await api.fetch(
                [DeliveryView].self, "/api/v1/deliveries?incident=INC-SAMPLE-1&state=pending")
            #expect(listed.map(\.id) == [id])
            #expect(try await api.fetch([DeliveryView].self, "/api/v1/deliveries?state=sent").isEmpty)
            #expect(try await api.fetch([DeliveryView].self, "/api/v1/deliveries?incident=INC-OTHER").isEmpty)

            // Once is enough: a second acknowledgement is refused and the first is kept.
            try await api.send(
                .post, "/api/v1/deliveries/\(id)/acknowledge", as: .admin, json: DeliveryAcknowledge(note: "再次确认")
            ).expectProblem(.conflict, field: "delivery", rule: "acknowledged-once")
        }
        let audit = try await fixture.store.auditEntries(entity: "delivery")
        #expect(audit.map(\.action) == ["delivery.journal", "delivery.acknowledge"])
        #expect(audit.last?.actor == "security")
        #expect(audit.last?.after.contains("市数据局值班室电话确认已收到") == true)
    }

    @Test("bad input is a clear 4xx problem: unknown delivery, empty note, no body, unknown state, non-numeric id")
    func badInput() async throws {
        let fixture = try await RegistryFixture(seeded: false)
        let id = try await fixture.sampleDelivery()
        try await fixture.withAPI { api in
            let unknown = try await api.send(
                .post, "/api/v1/deliveries/999999/acknowledge", as: .admin, json: DeliveryAcknowledge(note: "已确认"))
            let problem = try unknown.expectProblem(.notFound, field: "delivery")
            #expect(problem.detail.contains("waiwangctl deliveries list"))
            try await api.get("/api/v1/deliveries/999999").expectProblem(.notFound, field: "delivery")
            try await api.send(
                .post, "/api/v1/deliveries/\(id)/acknowledge", as: .admin, json: DeliveryAcknowledge(note: "  ")
            )
            .expectProblem(.badRequest, field: "note", rule: "required")
            try await api.send(.post, "/api/v1/deliveries/\(id)/acknowledge", as: .admin)
                .expectProblem(.badRequest, field: "body")
            try await api.get("/api/v1/deliveries?state=lost").expectProblem(.badRequest, field: "state")
            try await api.get("/api/v1/deliveries/abc").expectProblem(.badRequest, field: "id")
        }
        #expect(try await fixture.store.delivery(id).acknowledgedAt == nil)
    }

    @Test("/metrics counts deliveries by state and those overdue, for an alert rule")
    func metrics() async throws {
        let fixture = try await RegistryFixture(seeded: false)
        _ = try await fixture.sampleDelivery()
        try await fixture.withAPI { api in
            let text = try await api.get("/metrics", as: nil).text
            #expect(text.contains("waiwang_deliveries{state=\"pending\"} 1\n"), "\(text)")
            #expect(text.contains("waiwang_deliveries{state=\"failed\"} 0\n"))
            #expect(text.contains("waiwang_deliveries_overdue 0\n"))
        }
    }
}
