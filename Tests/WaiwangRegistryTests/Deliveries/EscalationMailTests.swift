import Foundation
import Testing
import WaiwangAPI
import WaiwangCore
import WaiwangDelivery
import WaiwangRegistry
import WaiwangStore
import WaiwangTestSupport

/// The dispatcher against a real aiosmtpd: who is told of what, the Chinese mail with its Markdown report, and
/// a repeated escalation that sends nothing new.
@Suite("Escalation mail")
struct EscalationMailTests {
    @Test(
        "a 较大 incident: three mails (superior, 网信, 公安) to the right addresses, report attached, sent times kept; the same call again sends nothing"
    )
    func majorIncident() async throws {
        let sink = try MailSink()
        defer { sink.stop() }
        let store = try EscalationFixture.store()
        let dispatcher = EscalationDispatcher(
            store: store, policy: EscalationFixture.policy(),
            channels: try EscalationFixture.mailChannels(port: sink.port))
        let (escalation, report) = EscalationFixture.major()
        try await EscalationFixture.running(dispatcher) {
            await dispatcher.escalate(escalation, report: report)
            let sent = try await EscalationFixture.waitFor(store) {
                $0.count == 3 && $0.allSatisfy { $0.state == .sent }
            }
            #expect(Set(sent.map(\.authority)) == ["superior", "cyberspace", "police"])
            #expect(sent.allSatisfy { $0.sentAt != nil && !$0.overdue && $0.attempts.count == 1 })
            #expect(sent.allSatisfy { $0.stage == "initial" && $0.channel == "mail" && $0.lastError == nil })

            let mails = try sink.received()
            #expect(mails.count == 3)
            #expect(
                Set(mails.flatMap(\.rcptTos)) == [
                    EscalationFixture.superiorMail, EscalationFixture.cyberspaceMail, EscalationFixture.policeMail,
                ])
            for mail in mails {
                #expect(mail.rcptTos.count == 1)
                #expect(mail.message.to.map(\.address) == mail.rcptTos)
                #expect(mail.message.subject == "【政务外网事件首报·较大】玉溪市红塔区示例局蠕虫扩散事件")
                #expect(mail.message.body?.contains("事件级别：较大（III级）") == true, "\(mail.message.body ?? "")")
                #expect(mail.message.body?.contains("第二十一条第四项") == true)
                let attachment = try #require(mail.message.attachments.first)
                #expect(attachment.filename == "事件报告-INC-MAJOR-1.md")
                #expect(attachment.text.hasPrefix("# 政务外网事件报告：玉溪市红塔区示例局蠕虫扩散事件"))
                #expect(mail.message.defects.isEmpty)
            }
            let police = try #require(mails.first { $0.rcptTos == [EscalationFixture.policeMail] })
            #expect(police.message.body?.hasPrefix("玉溪市公安局红塔分局网安大队：") == true)

            // Called again after every change of the incident: nothing new is journaled or sent.
            await dispatcher.escalate(escalation, report: report)
            await dispatcher.escalate(escalation, report: report)
            try await Task.sleep(for: .milliseconds(800))
            #expect(try await store.listDeliveries().count == 3)
            #expect(try sink.received().count == 3)
        }
        let journal = try await store.auditEntries(entity: "delivery")
        #expect(journal.filter { $0.action == "delivery.journal" }.count == 3)
        #expect(journal.filter { $0.action == "delivery.attempt" }.count == 3)
    }

    @Test("an isolation of a 一般 incident: only the superior authority; raised to 较大, only 网信 and 公安 are added")
    func isolationThenRaised() async throws {
        let sink = try MailSink()
        defer { sink.stop() }
        let store = try EscalationFixture.store()
        let dispatcher = EscalationDispatcher(
            store: store, policy: EscalationFixture.policy(),
            channels: try EscalationFixture.mailChannels(port: sink.port))
        try await EscalationFixture.running(dispatcher) {
            let (general, generalReport) = EscalationFixture.isolatedGeneral()
            await dispatcher.escalate(general, report: generalReport)
            let first = try await EscalationFixture.waitFor(store) {
                $0.count == 1 && $0.allSatisfy { $0.state == .sent }
            }
            #expect(first.map(\.authority) == ["superior"])
            #expect(first.first?.subject == "【政务外网隔离处置报告·一般】玉溪市红塔区示例局蠕虫扩散事件")
            #expect(try sink.received().flatMap(\.rcptTos) == [EscalationFixture.superiorMail])

            let (raised, raisedReport) = EscalationFixture.isolatedGeneral(grade: .major)
            await dispatcher.escalate(raised, report: raisedReport)
            let all = try await EscalationFixture.waitFor(store) {
                $0.count == 3 && $0.allSatisfy { $0.state == .sent }
            }
            #expect(all.filter { $0.authority == "superior" }.count == 1)
            #expect(
                Set(try sink.received().flatMap(\.rcptTos)) == [
                    EscalationFixture.superiorMail, EscalationFixture.cyberspaceMail, EscalationFixture.policeMail,
                ])
            #expect(try sink.received().count == 3)
        }
    }

    @Test("a division without a recipient is journaled as failed with the reason, never dropped")
    func missingRecipient() async throws {
        let store = try EscalationFixture.store()
        let policy = EscalationPolicy(recipients: [
            Recipient(division: "*", authority: .superior, name: "市数据局", mail: [EscalationFixture.superiorMail])
        ])
        let dispatcher = EscalationDispatcher(store: store, policy: policy, channels: DeliveryChannels())
        let (escalation, report) = EscalationFixture.major("INC-NO-RECIPIENT")
        await dispatcher.escalate(escalation, report: report)
        let deliveries = try await store.listDeliveries()
        #expect(deliveries.count == 3)
        let unroutable = deliveries.filter { $0.channel == "none" }
        #expect(Set(unroutable.map(\.authority)) == ["cyberspace", "police"])
        #expect(unroutable.allSatisfy { $0.state == .failed && $0.lastError?.contains("escalation.json") == true })
        let mail = try #require(deliveries.first { $0.channel == "mail" })
        #expect(mail.state == .pending)
        #expect(mail.lastError?.contains("--smtp HOST:PORT") == true)
    }
}
