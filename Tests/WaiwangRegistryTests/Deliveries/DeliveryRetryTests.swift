import Foundation
import Testing
import WaiwangAPI
import WaiwangCore
import WaiwangDelivery
import WaiwangRegistry
import WaiwangStore
import WaiwangTestSupport

/// Failures are retried and shown: a relay that is down, one that never comes back, none configured, a restart.
@Suite("Delivery retries and restarts")
struct DeliveryRetryTests {
    @Test("SMTP down: the delivery is retrying with the error shown, then sent once the relay comes back")
    func relayComesBack() async throws {
        let port = try unusedPort()
        let store = try EscalationFixture.store()
        let dispatcher = EscalationDispatcher(
            store: store, policy: EscalationFixture.policy(), channels: try EscalationFixture.mailChannels(port: port),
            retryPolicy: EscalationFixture.quickRetries())
        let (escalation, report) = EscalationFixture.isolatedGeneral("INC-RETRY-1")
        try await EscalationFixture.running(dispatcher) {
            await dispatcher.escalate(escalation, report: report)
            let retrying = try await EscalationFixture.waitFor(store) {
                $0.first?.state == .retrying && ($0.first?.attempts.count ?? 0) >= 2
            }
            let failing = try #require(retrying.first)
            #expect(failing.sentAt == nil)
            #expect(failing.lastError?.isEmpty == false)
            #expect(failing.attempts.allSatisfy { $0.outcome == "retryable" && $0.error != nil })

            let sink = try MailSink(port: port)
            defer { sink.stop() }
            let sent = try await EscalationFixture.waitFor(store) { $0.first?.state == .sent }
            let delivery = try #require(sent.first)
            #expect(delivery.attempts.last?.outcome == "delivered")
            #expect(delivery.attempts.count >= 3)
            #expect(delivery.lastError == nil)
            #expect(try sink.received().map(\.rcptTos) == [[EscalationFixture.superiorMail]])
        }
    }

    @Test("SMTP down for good: failed after the retry budget, every attempt and the last error kept")
    func retryBudgetSpent() async throws {
        let port = try unusedPort()
        let store = try EscalationFixture.store()
        let dispatcher = EscalationDispatcher(
            store: store, policy: EscalationFixture.policy(), channels: try EscalationFixture.mailChannels(port: port),
            retryPolicy: EscalationFixture.quickRetries(maxAttempts: 3))
        let (escalation, report) = EscalationFixture.isolatedGeneral("INC-RETRY-2")
        try await EscalationFixture.running(dispatcher) {
            await dispatcher.escalate(escalation, report: report)
            let failed = try await EscalationFixture.waitFor(store) { $0.first?.state == .failed }
            let delivery = try #require(failed.first)
            #expect(delivery.attempts.count == 3)
            #expect(delivery.lastError?.hasPrefix("gave up after 3 attempts: ") == true, "\(delivery.lastError ?? "")")
            #expect(try await store.listDeliveries(DeliveryFilter(state: .failed)).map(\.id) == [delivery.id])
        }
        let audit = try await store.auditEntries(entity: "delivery")
        #expect(audit.filter { $0.action == "delivery.attempt" }.count == 3)
        #expect(audit.last?.after.contains("\"state\":\"failed\"") == true)
    }

    @Test("without --smtp the mail waits, pending, saying why; a restart with a relay sends it")
    func waitsForConfigurationAcrossRestart() async throws {
        let folder = try temporaryDirectory("delivery-restart")
        defer { try? FileManager.default.removeItem(at: folder) }
        let path = folder.appendingPathComponent("registry.sqlite").path
        let (escalation, report) = EscalationFixture.isolatedGeneral("INC-RESTART-1")
        do {
            let store = try EscalationFixture.store(path: path)
            let dispatcher = EscalationDispatcher(
                store: store, policy: EscalationFixture.policy(), channels: DeliveryChannels())
            try await EscalationFixture.running(dispatcher) {
                await dispatcher.escalate(escalation, report: report)
                try await Task.sleep(for: .milliseconds(500))
                let waiting = try #require(try await store.listDeliveries().first)
                #expect(waiting.state == .pending)
                #expect(waiting.attempts.isEmpty)
                #expect(waiting.lastError?.contains("--smtp HOST:PORT --smtp-from ADDRESS") == true)
            }
        }
        let sink = try MailSink()
        defer { sink.stop() }
        let store = try EscalationFixture.store(path: path)
        let dispatcher = EscalationDispatcher(
            store: store, policy: EscalationFixture.policy(),
            channels: try EscalationFixture.mailChannels(port: sink.port))
        try await EscalationFixture.running(dispatcher) {
            let sent = try await EscalationFixture.waitFor(store) { $0.first?.state == .sent }
            #expect(sent.count == 1)
            #expect(sent.first?.lastError == nil)
            // The workflow escalates again after the restart: nothing is sent twice.
            await dispatcher.escalate(escalation, report: report)
            try await Task.sleep(for: .milliseconds(500))
            #expect(try sink.received().count == 1)
        }
    }

    @Test("a report past its deadline and not sent is marked overdue and audited once")
    func overdue() async throws {
        let store = try EscalationFixture.store()
        let dispatcher = EscalationDispatcher(
            store: store, policy: EscalationFixture.policy(), channels: DeliveryChannels(),
            overdueCheck: .milliseconds(100))
        let incident = EscalationFixture.incident(
            "INC-LATE-1", grade: .major, detectedAt: EscalationFixture.recently.adding(minutes: -120))
        try await EscalationFixture.running(dispatcher) {
            await dispatcher.escalate(EscalationCase(incident: incident), report: EscalationFixture.report(incident))
            let deadline = Date().addingTimeInterval(15)
            while try await Self.overdueNotes(store) < 3, Date() < deadline {
                try await Task.sleep(for: .milliseconds(100))
            }
            // Noted once: later checks add nothing.
            try await Task.sleep(for: .milliseconds(300))
        }
        let deliveries = try await store.listDeliveries()
        #expect(deliveries.count == 3)
        #expect(deliveries.allSatisfy { $0.overdue && $0.state == .pending })
        #expect(try await Self.overdueNotes(store) == 3)
    }

    static func overdueNotes(_ store: RegistryStore) async throws -> Int {
        try await store.auditEntries(entity: "delivery").filter { $0.action == "delivery.overdue" }.count
    }
}
