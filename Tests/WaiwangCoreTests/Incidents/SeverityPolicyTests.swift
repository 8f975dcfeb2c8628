import Testing
import WaiwangCore

/// The shipped severity rules (Config/severity.json): what is observed → grade, the deciding rule, the matches.
@Suite("Severity policy")
struct SeverityPolicyTests {
    static let now = IncidentFixture.at("2025-11-27")
    static func days(_ n: Int) -> Instant { now.adding(seconds: -n * 86_400) }

    static let cases: [(String, SeverityObservation, IncidentGrade, String)] = [
        ("a plain port scan", .init(kind: .portScan, targetCount: 1, at: now), .general, "default"),
        ("a worm fan-out", .init(kind: .wormFanout, targetCount: 20, at: now), .major, "worm-fanout"),
        (
            "a scan of a critical system", .init(kind: .portScan, targetsCritical: true, at: now), .major,
            "critical-targets"
        ),
        (
            "a short flood at 10 k/s", .init(kind: .synFlood, packetsPerSecond: 10_000, durationSeconds: 599, at: now),
            .general, "default"
        ),
        (
            "a 10 min flood at 10 k/s", .init(kind: .udpFlood, packetsPerSecond: 10_000, durationSeconds: 600, at: now),
            .major, "sustained-flood"
        ),
        (
            "a 30 min flood at 50 k/s on a critical system",
            .init(kind: .icmpFlood, packetsPerSecond: 50_000, durationSeconds: 1800, targetsCritical: true, at: now),
            .serious, "critical-flood"
        ),
        (
            "a worm on 100 targets incl. a critical one",
            .init(kind: .wormFanout, targetCount: 100, targetsCritical: true, at: now), .serious, "critical-worm"
        ),
        (
            "a second offence in 30 days", .init(kind: .bruteForce, at: now, priorIncidents: [days(3)]), .general,
            "default"
        ),
        (
            "a third offence in 30 days", .init(kind: .bruteForce, at: now, priorIncidents: [days(3), days(29)]),
            .major, "repeat-offence"
        ),
        (
            "offences older than 30 days do not count",
            .init(kind: .bruteForce, at: now, priorIncidents: [days(3), days(31)]), .general, "default"
        ),
        (
            "a hub device unreachable 29 min",
            .init(kind: .deviceUnreachable, durationSeconds: 1799, at: now, devicesUnreachable: 1), .general, "default"
        ),
        (
            "a hub device unreachable 30 min",
            .init(kind: .deviceUnreachable, durationSeconds: 1800, at: now, devicesUnreachable: 1), .major,
            "hub-unreachable"
        ),
        ("9 links down at a hub", .init(kind: .linksDown, at: now, linksDown: 9), .general, "default"),
        ("10 links down at a hub", .init(kind: .linksDown, at: now, linksDown: 10), .major, "hub-links-down"),
        (
            "50 links down for an hour", .init(kind: .linksDown, durationSeconds: 3600, at: now, linksDown: 50),
            .serious, "hub-links-down-massive"
        ),
        (
            "critical flag on a fault does not make a security rule match",
            .init(kind: .linksDown, targetsCritical: true, at: now, linksDown: 1), .general, "default"
        ),
    ]

    @Test("each observation's grade and deciding rule", arguments: cases)
    func grade(name: String, observation: SeverityObservation, grade: IncidentGrade, rule: String) {
        let assessment = SeverityPolicy().assess(observation)
        #expect(assessment.grade == grade, "\(name)")
        #expect(assessment.rule == rule, "\(name)")
        #expect(!assessment.reason.isEmpty)
    }

    @Test("highest takes the graver match, first-match the first in order")
    func combination() {
        let critical = SeverityObservation(kind: .wormFanout, targetCount: 150, targetsCritical: true, at: Self.now)
        let highest = SeverityPolicy().assess(critical)
        #expect(highest.matched == ["worm-fanout", "critical-targets", "critical-worm"])
        #expect(highest.grade == .serious)
        #expect(highest.rule == "critical-worm")
        let first = SeverityPolicy(combine: .firstMatch).assess(critical)
        #expect(first.grade == .major)
        #expect(first.rule == "worm-fanout")
    }

    @Test("Config/severity.json is the standard policy and valid")
    func shipped() throws {
        let policy = try IncidentFixture.shipped(SeverityPolicy.self, "severity.json")
        #expect(policy == SeverityPolicy())
        try policy.validate()
    }

    static let invalid: [(String, SeverityPolicy, String)] = [
        ("repeat window", SeverityPolicy(repeatWindowDays: 0), "repeatWindowDays"),
        (
            "repeated name",
            SeverityPolicy(rules: [
                .init(name: "a", grade: .major, reason: "x"), .init(name: "a", grade: .major, reason: "y"),
            ]),
            "rules[1].name"
        ),
        ("no reason", SeverityPolicy(rules: [.init(name: "a", grade: .major, reason: " ")]), "rules[0].reason"),
        ("negative", SeverityPolicy(rules: [.init(name: "a", grade: .major, reason: "x", minTargets: -1)]), "rules[0]"),
        (
            "empty kinds", SeverityPolicy(rules: [.init(name: "a", grade: .major, reason: "x", kinds: [])]),
            "rules[0].kinds"
        ),
    ]

    @Test("a bad policy is refused naming the field", arguments: invalid)
    func validation(name: String, policy: SeverityPolicy, field: String) {
        let error = #expect(throws: RegistryError.self) { try policy.validate() }
        #expect(error?.field == field, "\(name)")
    }
}
