import Foundation
import Testing
import WaiwangAPI
import WaiwangCore
import WaiwangRegistry
import WaiwangStore

/// An alert whose sampled targets lie in a prefix of Config/critical-targets.json is aimed at an important system:
/// the incident is graded by the critical rules and names the system in its grade reason, timeline and report.
@Suite("Critical targets in incidents")
struct CriticalTargetIncidentTests {
    /// The fixture's policy with one important system, 市政务云核心区 at 10.250.0.0/24.
    static func fixture() async throws -> RegistryFixture {
        var policy = RegistryFixture.incidentPolicy
        policy.criticalTargets = try CriticalTargets([CriticalTarget(name: "市政务云核心区", prefix: "10.250.0.0/24")])
        return try await RegistryFixture(incidentPolicy: policy)
    }

    @Test("a port scan of 市政务云核心区 is 较大 by critical-targets, and the incident and its report name the system")
    func criticalScan() async throws {
        let fixture = try await Self.fixture()
        let log = EscalationLog()
        fixture.store.onEscalation = log.hook
        let incident = try await fixture.incident(targets: ["10.53.0.1", "10.250.0.10"])
        #expect(incident.grade == "major")
        #expect(incident.gradeRule == "critical-targets")
        #expect(incident.criticalTargets == ["市政务云核心区"])
        #expect(incident.gradeReason.contains("受攻击的重要业务系统：市政务云核心区"), "\(incident.gradeReason)")
        #expect(incident.timeline.contains { $0.event == "note" && $0.text.contains("攻击目标含重要业务系统：市政务云核心区") })

        // 较大 is reportable: the escalation hook gets the case, and its report names the system in 影响范围.
        let escalation = try #require(log.cases.last)
        #expect(escalation.grade == .major)
        let report = IncidentReport(try #require(log.inputs.last))
        #expect(report.plainText.contains("影响范围：受攻击目标 120 个，含重要业务系统 市政务云核心区"), "\(report.plainText)")
        try await fixture.withAPI { api in
            let detail = try await api.fetch(IncidentView.self, "/api/v1/incidents/\(incident.id)", as: .security)
            #expect(detail.criticalTargets == ["市政务云核心区"])
            let markdown = try await api.get("/api/v1/incidents/\(incident.id)/report", as: .hongta)
            #expect(markdown.text.contains("含重要业务系统 市政务云核心区"), "\(markdown.text)")
        }
    }

    @Test("a port scan of addresses outside every critical prefix stays 一般 and names no system")
    func ordinaryScan() async throws {
        let fixture = try await Self.fixture()
        let incident = try await fixture.incident(targets: ["10.250.1.10", "10.53.0.1"])
        #expect(incident.grade == "general")
        #expect(incident.gradeRule == "default")
        #expect(incident.criticalTargets.isEmpty)
        #expect(!incident.timeline.contains { $0.text.contains("重要业务系统") })
    }
}
