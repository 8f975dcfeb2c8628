import Testing
import WaiwangCore

/// Staff raise or lower a grade with a reason; the policy may raise it later, never lower an override.
@Suite("Grade overrides")
struct GradeOverrideTests {
    static let t0 = IncidentFixture.at("2025-11-27", 9)

    func incident() -> Incident {
        let signal = IncidentSignal(
            alertId: "A1", kind: .portScan, unit: "U1", firstSeen: Self.t0, lastSeen: Self.t0.adding(seconds: 60))
        var incident = Incident(id: "I1", opening: signal, division: "530402", detectedAt: Self.t0)
        incident.apply(SeverityPolicy().assess(incident.observation()), at: Self.t0)
        return incident
    }

    @Test("the policy grades and records the rule")
    func graded() {
        let incident = incident()
        #expect(incident.grade == .general)
        #expect(incident.gradeRule == "default")
        #expect(incident.timeline.last?.event == .graded(.general, rule: "default"))
    }

    @Test("security staff raise with a reason, recorded in the timeline")
    func raise() throws {
        var incident = incident()
        try incident.overrideGrade(
            to: .major, reason: "目标为医保结算系统", by: IncidentFixture.alice, at: Self.t0.adding(seconds: 300))
        #expect(incident.grade == .major)
        #expect(incident.gradeRule == "override")
        let entry = try #require(incident.timeline.last)
        #expect(entry.actor == "alice")
        #expect(entry.event == .gradeOverridden(from: .general, to: .major, reason: "目标为医保结算系统"))
        #expect(entry.text == "2025-11-27 09:05:00 alice：人工上调级别：一般（IV级） → 较大（III级），理由：目标为医保结算系统")
    }

    @Test("after an override the policy may raise but not lower")
    func policyAfterOverride() throws {
        var incident = incident()
        try incident.overrideGrade(to: .major, reason: "影响面大", by: IncidentFixture.admin, at: Self.t0)
        let lower = SeverityAssessment(grade: .general, rule: "default", reason: "x", matched: [])
        let loweredChanged = incident.apply(lower, at: Self.t0)
        #expect(!loweredChanged)
        #expect(incident.grade == .major)
        let higher = SeverityAssessment(
            grade: .serious, rule: "critical-flood", reason: "y", matched: ["critical-flood"])
        let raisedChanged = incident.apply(higher, at: Self.t0)
        #expect(raisedChanged)
        #expect(incident.grade == .serious)
    }

    static let refusals: [(String, Principal, IncidentGrade, String, String)] = [
        ("county staff", IncidentFixture.hongta, .major, "理由", "role-scope"),
        ("an auditor", IncidentFixture.auditor, .major, "理由", "role-scope"),
        ("no reason", IncidentFixture.alice, .major, "  ", "grade-override"),
        ("the same grade", IncidentFixture.alice, .general, "理由", "grade-override"),
    ]

    @Test("refused: wrong role, no reason, no change", arguments: refusals)
    func refused(name: String, actor: Principal, grade: IncidentGrade, reason: String, rule: String) {
        var incident = incident()
        let error = #expect(throws: RegistryError.self) {
            try incident.overrideGrade(to: grade, reason: reason, by: actor, at: Self.t0)
        }
        #expect(error?.rule == rule, "\(name)")
        #expect(incident.grade == .general)
    }
}
