import Foundation
import Testing
import WaiwangAPI
import WaiwangCore
import WaiwangDelivery
import WaiwangRegistry
import WaiwangStore

/// Escalation cases built directly (the incidents store lives elsewhere), the recipients of the tests, and a
/// dispatcher run in the background while a test watches the journal.
enum EscalationFixture {
    static let superiorMail = "superior@yuxi.example.gov.cn"
    static let cyberspaceMail = "wangxin@hongta.example.gov.cn"
    static let policeMail = "gongan@hongta.example.gov.cn"
    static let division = "530402"

    /// 红塔区's recipients; the superior also by webhook when `webhook` is given (plain http: the test receiver).
    static func policy(webhook: String? = nil) -> EscalationPolicy {
        EscalationPolicy(recipients: [
            Recipient(
                division: "*", authority: .superior, name: "玉溪市电子政务外网管理单位（市数据局）", mail: [superiorMail],
                webhooks: webhook.map { [$0] } ?? []),
            Recipient(division: division, authority: .cyberspace, name: "红塔区委网信办", mail: [cyberspaceMail]),
            Recipient(division: division, authority: .police, name: "玉溪市公安局红塔分局网安大队", mail: [policeMail]),
        ])
    }

    /// Detected a minute ago, so no deadline has passed yet.
    static var recently: Instant { Instant(secondsSince1970: Int(Date().timeIntervalSince1970) - 60) }

    static func incident(_ id: String, grade: IncidentGrade, detectedAt: Instant = recently) -> Incident {
        let signal = IncidentSignal(
            alertId: "\(id)-alert-1", kind: .wormFanout, unit: "U1", link: "L1", hub: "HT", attacker: "10.1.2.77",
            firstSeen: detectedAt.adding(seconds: -30), lastSeen: detectedAt, targetCount: 42, packets: 1260,
            packetsPerSecond: 14)
        var incident = Incident(id: id, opening: signal, division: division, detectedAt: detectedAt)
        incident.grade = grade
        incident.gradeRule = grade >= .major ? "worm-fanout" : "default"
        incident.gradeReason = grade >= .major ? "有害程序在政务外网内横向扩散" : "未触发较大事件规则"
        return incident
    }

    static func report(_ incident: Incident) -> IncidentReportInput {
        IncidentReportInput(
            incident: incident, unitName: "玉溪市红塔区示例局", creditCode: "11530402MB0000000X", divisionName: "红塔区",
            linkName: "L1 VPDN 专线", hubName: "红塔区政务外网汇聚节点", generatedAt: incident.detectedAt.adding(seconds: 30))
    }

    /// A 较大 incident: the superior authority, 网信 and 公安 at the same time.
    static func major(_ id: String = "INC-MAJOR-1") -> (EscalationCase, IncidentReportInput) {
        let incident = incident(id, grade: .major)
        return (EscalationCase(incident: incident), report(incident))
    }

    /// A 一般 incident whose unit was isolated: only the superior authority.
    static func isolatedGeneral(_ id: String = "INC-GENERAL-1", grade: IncidentGrade = .general)
        -> (EscalationCase, IncidentReportInput)
    {
        let incident = incident(id, grade: grade)
        let isolation = IsolationSummary(
            orderId: "ORD-1", state: .isolated, executedAt: incident.detectedAt.adding(seconds: 20))
        return (EscalationCase(incident: incident, order: nil).with(isolation), report(incident))
    }

    /// Retries quickly, so a test sees several attempts in seconds.
    static func quickRetries(maxAttempts: Int = 50) -> RetryPolicy {
        RetryPolicy(maxAttempts: maxAttempts, maxAge: 120, initialDelay: 0.2, multiplier: 1.5, maxDelay: 0.5, jitter: 0)
    }

    static func mailChannels(port: Int, webhookSecret: String? = nil) throws -> DeliveryChannels {
        DeliveryChannels(
            mailer: try SMTPMailer(configuration: SMTPConfiguration(host: "127.0.0.1", port: port)),
            mailFrom: try MailAddress("waiwang@registry.example.gov.cn", name: "政务外网 Waiwang"),
            webhookSecret: webhookSecret.map { Array($0.utf8) })
    }

    /// Runs `dispatcher` in the background for `body`, then stops it.
    static func running<T: Sendable>(
        _ dispatcher: EscalationDispatcher, _ body: () async throws -> T
    ) async throws -> T {
        let task = Task { try await dispatcher.run() }
        defer { task.cancel() }
        let value = try await body()
        task.cancel()
        _ = await task.result
        return value
    }

    /// Waits until `condition` holds for the journal (`timeout`, 15 s by default), and returns the journal.
    @discardableResult
    static func waitFor(
        _ store: RegistryStore, incident: String? = nil, timeout: TimeInterval = 15,
        sourceLocation: SourceLocation = #_sourceLocation, _ condition: ([DeliveryView]) -> Bool
    ) async throws -> [DeliveryView] {
        let deadline = Date().addingTimeInterval(timeout)
        while true {
            let deliveries = try await store.listDeliveries(DeliveryFilter(incidentId: incident))
            if condition(deliveries) { return deliveries }
            if Date() > deadline {
                Issue.record(
                    "the journal never reached the expected state: \(deliveries)", sourceLocation: sourceLocation)
                return deliveries
            }
            try await Task.sleep(for: .milliseconds(100))
        }
    }

    static func store(path: String? = nil) throws -> RegistryStore {
        try RegistryStore(path: path, tree: RegistryFixture.tree)
    }
}

extension EscalationCase {
    func with(_ isolation: IsolationSummary) -> EscalationCase {
        var copy = self
        copy.isolation = isolation
        return copy
    }
}
