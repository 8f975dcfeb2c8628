import Testing
import WaiwangCore

/// Important systems (Config/critical-targets.json): which system holds an address, how the grade reason, the
/// timeline and the report name it, and which lists are refused.
@Suite("Critical targets")
struct CriticalTargetsTests {
    static let systems: CriticalTargets = {
        do {
            return try CriticalTargets([
                CriticalTarget(name: "市政务云", prefix: "10.250.0.0/16"),
                CriticalTarget(name: "市政务云核心区", prefix: "10.250.0.0/24"),
                CriticalTarget(name: "市政务数据共享交换平台", prefix: "2001:db8:250::/48"),
            ])
        } catch { fatalError("\(error)") }
    }()

    static func addresses(_ texts: [String]) -> [IPAddress] { texts.compactMap { IPAddress($0) } }

    @Test("each address is named by its most specific system, each system once, in the order of the file")
    func lookup() {
        #expect(Self.systems.systems(containing: Self.addresses(["10.250.0.9"])) == ["市政务云核心区"])
        #expect(Self.systems.systems(containing: Self.addresses(["10.250.7.1"])) == ["市政务云"])
        #expect(
            Self.systems.systems(containing: Self.addresses(["2001:db8:250::1", "10.250.0.1", "10.250.0.2"]))
                == ["市政务云核心区", "市政务数据共享交换平台"])
        #expect(Self.systems.systems(containing: Self.addresses(["10.53.0.1", "10.251.0.1"])).isEmpty)
        #expect(CriticalTargets.none.systems(containing: Self.addresses(["10.250.0.9"])).isEmpty)
    }

    static let invalid: [(String, [CriticalTarget], String, String)] = [
        ("empty name", [.init(name: " ", prefix: "10.250.0.0/24")], "targets[0].name", "name"),
        (
            "repeated name",
            [.init(name: "核心区", prefix: "10.250.0.0/24"), .init(name: "核心区", prefix: "10.250.1.0/24")],
            "targets[1].name", "named twice"
        ),
        ("not a prefix", [.init(name: "核心区", prefix: "10.250.0/24")], "targets[0].prefix", "not a valid"),
        ("host bits", [.init(name: "核心区", prefix: "10.250.0.1/24")], "targets[0].prefix", "did you mean 10.250.0.0/24"),
        ("too wide", [.init(name: "全网", prefix: "0.0.0.0/0")], "targets[0].prefix", "too wide"),
        (
            "repeated prefix",
            [.init(name: "核心区", prefix: "10.250.0.0/24"), .init(name: "交换平台", prefix: "10.250.0.0/24")],
            "targets[1].prefix", "already targets[0] (核心区)"
        ),
    ]

    @Test("a bad entry is refused naming the entry and what to fix", arguments: invalid)
    func validation(name: String, entries: [CriticalTarget], field: String, message: String) {
        let error = #expect(throws: RegistryError.self) { try CriticalTargets(entries) }
        #expect(error?.field == field, "\(name)")
        #expect(error?.rule == "critical-targets", "\(name)")
        #expect(error?.message.contains(message) == true, "\(name): \(error?.message ?? "")")
    }

    @Test("Config/critical-targets.json is valid and every shipped entry is marked as an example")
    func shipped() throws {
        struct File: Decodable { var targets: [CriticalTarget] }
        let file = try IncidentFixture.shipped(File.self, "critical-targets.json")
        let systems = try CriticalTargets(file.targets)
        #expect(!systems.isEmpty)
        #expect(file.targets.allSatisfy { $0.example == true && $0.description?.contains("EXAMPLE") == true })
        #expect(systems.systems(containing: Self.addresses(["10.250.0.10"])) == ["市政务云核心区"])
    }

    static func scan(_ id: String, critical: [String], at seconds: Int = 0) -> IncidentSignal {
        let t0 = IncidentFixture.at("2025-11-27", 9).adding(seconds: seconds)
        return IncidentSignal(
            alertId: id, kind: .portScan, unit: "U1", attacker: "10.1.2.77", firstSeen: t0, lastSeen: t0,
            targetCount: 1, criticalTargets: critical)
    }

    @Test("a scan of an important system is 较大 by critical-targets, and the reason, timeline and report name it")
    func grading() {
        let t0 = IncidentFixture.at("2025-11-27", 9)
        var incident = Incident(
            id: "I1", opening: Self.scan("a1", critical: ["市政务云核心区"]), division: "530402", detectedAt: t0)
        incident.apply(SeverityPolicy().assess(incident.observation()), at: t0)
        #expect(incident.grade == .major)
        #expect(incident.gradeRule == "critical-targets")
        #expect(incident.gradeReason.hasSuffix("；受攻击的重要业务系统：市政务云核心区"))
        #expect(incident.timeline.map(\.event.label).contains("攻击目标含重要业务系统：市政务云核心区"))

        // A second system later: noted once, and the reason of the same rule now names both.
        incident.absorb(Self.scan("a2", critical: ["市政务数据共享交换平台"], at: 60), at: t0.adding(seconds: 60))
        incident.absorb(Self.scan("a2", critical: ["市政务数据共享交换平台"], at: 90), at: t0.adding(seconds: 90))
        incident.apply(SeverityPolicy().assess(incident.observation()), at: t0.adding(seconds: 90))
        #expect(incident.criticalTargets == ["市政务云核心区", "市政务数据共享交换平台"])
        #expect(incident.gradeReason.hasSuffix("：市政务云核心区、市政务数据共享交换平台"))
        #expect(incident.timeline.filter { $0.event.label.hasPrefix("攻击目标含重要业务系统") }.count == 2)

        let report = IncidentReport(
            IncidentReportInput(incident: incident, unitName: "红塔区示例局", divisionName: "红塔区", generatedAt: t0))
        #expect(report.plainText.contains("影响范围：受攻击目标 1 个，含重要业务系统 市政务云核心区、市政务数据共享交换平台"))
    }

    @Test("a scan of no important system stays 一般 and names none")
    func ordinary() {
        let t0 = IncidentFixture.at("2025-11-27", 9)
        var incident = Incident(id: "I1", opening: Self.scan("a1", critical: []), division: "530402", detectedAt: t0)
        incident.apply(SeverityPolicy().assess(incident.observation()), at: t0)
        #expect(incident.grade == .general)
        #expect(incident.criticalTargets.isEmpty)
        #expect(!incident.timeline.contains { $0.event.label.contains("重要业务系统") })
    }
}
