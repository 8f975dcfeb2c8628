import Testing
import WaiwangCore

/// Who is told of what and by when, with the shipped Config/escalation.json (example addresses).
@Suite("Escalation planner")
struct EscalationPlannerTests {
    typealias F = IncidentFixture
    let policy: EscalationPolicy
    let detected = F.at("2025-11-27", 9)

    init() throws {
        policy = try F.shipped(EscalationPolicy.self, "escalation.json")
    }

    func plan(
        _ grade: IncidentGrade, division: String = "530402", kind: IncidentKind = .portScan,
        isolation: IsolationSummary? = nil, crime: Bool = false, ended: Instant? = nil
    ) -> [DueReport] {
        EscalationPlanner.plan(
            EscalationCase(
                incidentId: "I1", grade: grade, division: division, detectedAt: detected, kind: kind,
                isolation: isolation, suspectedCrime: crime, handlingEndedAt: ended),
            policy: policy)
    }

    @Test("the shipped policy is valid, 1 hour for 较大+, examples on example.gov.cn for every division")
    func shipped() throws {
        try policy.validate()
        #expect(policy.reportDeadlineMinutes == 60)
        #expect(policy.reportableGrade == .major)
        #expect(policy.summaryReportDays == 30)
        let divisions = [
            "530400", "530402", "530403", "530481", "530423", "530424", "530425", "530426", "530427", "530428",
        ]
        for division in divisions {
            for authority in Authority.allCases {
                let recipient = try #require(
                    policy.recipient(authority, division: division), "\(division) \(authority)")
                #expect(recipient.mail.allSatisfy { $0.hasSuffix("example.gov.cn") })
            }
        }
    }

    @Test("一般 without isolation: nothing is owed")
    func general() { #expect(plan(.general).isEmpty) }

    @Test("一般 with an executed isolation: the superior authority, 4 h after the isolation")
    func generalIsolated() throws {
        let executed = detected.adding(minutes: 20)
        let reports = plan(.general, isolation: IsolationSummary(orderId: "O1", state: .isolated, executedAt: executed))
        #expect(reports.map(\.authority) == [.superior])
        #expect(reports[0].recipientName == "玉溪市电子政务外网管理单位（市数据局）")
        #expect(
            reports[0].channels == [
                .mail("waiwang@yuxi.example.gov.cn"), .webhook("https://hooks.yuxi.example.gov.cn/waiwang/superior"),
            ])
        #expect(reports[0].deadline == executed.adding(minutes: 240))
        #expect(reports[0].rule == "isolation")
        #expect(plan(.general, isolation: IsolationSummary(orderId: "O1", state: .proposed, executedAt: nil)).isEmpty)
    }

    @Test("较大 in 红塔区: superior, 网信 and 公安 at the same time, within 1 hour of detection")
    func major() {
        let reports = plan(
            .major,
            isolation: IsolationSummary(orderId: "O1", state: .isolated, executedAt: detected.adding(minutes: 5)))
        #expect(reports.map(\.authority) == [.superior, .cyberspace, .police])
        #expect(reports.allSatisfy { $0.deadline == detected.adding(minutes: 60) && $0.stage == .initial })
        #expect(reports.map(\.recipientName) == ["玉溪市电子政务外网管理单位（市数据局）", "红塔区委网信办", "红塔区公安局网安大队"])
        #expect(reports[1].channels == [.mail("wangxin@hongta.yuxi.example.gov.cn")])
        #expect(reports.map(\.rule) == ["reportable-grade", "reportable-grade", "reportable-grade"])
    }

    @Test("重大 at the city: the province is the superior, the city's 网信 and 公安")
    func seriousAtCity() {
        let reports = plan(.serious, division: "530400")
        #expect(reports.map(\.recipientName) == ["云南省电子政务外网管理单位", "玉溪市委网信办", "玉溪市公安局网络安全保卫支队"])
        #expect(reports[0].reason.contains("重大（II级）"))
    }

    @Test("a major fault is reported upward like a security event")
    func fault() {
        let reports = plan(.major, division: "530426", kind: .deviceUnreachable)
        #expect(reports.count == 3)
        #expect(reports[0].reason.contains("重大故障"))
        #expect(reports[2].recipientName == "峨山彝族自治县公安局网安大队")
    }

    @Test("a suspected crime always goes to the police, even 一般")
    func crime() {
        let reports = plan(.general, crime: true)
        #expect(reports.map(\.authority) == [.police])
        #expect(reports[0].rule == "suspected-crime")
        #expect(reports[0].deadline == detected.adding(minutes: 60))
    }

    @Test("after handling ends: a summary to each within 30 days")
    func summary() {
        let ended = F.at("2025-12-01", 16)
        let reports = plan(.major, ended: ended)
        #expect(reports.count == 6)
        let summaries = reports.filter { $0.stage == .summary }
        #expect(summaries.map(\.authority) == [.superior, .cyberspace, .police])
        #expect(summaries.allSatisfy { $0.deadline == F.at("2025-12-31", 16) })
    }

    @Test("a division with no recipient falls back to *, else says so")
    func missing() {
        let sparse = EscalationPolicy(recipients: [
            Recipient(division: "*", authority: .superior, name: "市级", mail: ["a@example.gov.cn"])
        ])
        let reports = EscalationPlanner.plan(
            EscalationCase(incidentId: "I1", grade: .major, division: "530999", detectedAt: detected, kind: .portScan),
            policy: sparse)
        #expect(reports.map(\.recipientName) == ["市级", "网信部门", "公安机关"])
        #expect(reports[0].problem == nil)
        #expect(reports[1].channels.isEmpty)
        #expect(reports[1].problem?.contains("530999") == true)
    }

    @Test("a bad policy is refused")
    func validation() {
        let cases = [
            EscalationPolicy(reportDeadlineMinutes: 0),
            EscalationPolicy(summaryReportDays: 0),
            EscalationPolicy(recipients: [Recipient(division: "*", authority: .police, name: "x", mail: ["no-at"])]),
            EscalationPolicy(recipients: [
                Recipient(division: "*", authority: .police, name: "x", webhooks: ["http://a"])
            ]),
            EscalationPolicy(recipients: [Recipient(division: "*", authority: .police, name: "x")]),
        ]
        for policy in cases { #expect(throws: RegistryError.self) { try policy.validate() } }
    }
}
