import Foundation
import Testing
import WaiwangCore
import WaiwangRegistry
import WaiwangStore
import WaiwangTestSupport

/// The `serve` delivery flags as an operator gives them: STARTTLS with the relay's CA, AUTH with a password file,
/// and refusals that name the flag to fix.
@Suite("Delivery flags")
struct DeliverySettingsTests {
    @Test("--smtp-starttls --smtp-ca-file --smtp-user --smtp-password-file: the mail goes over TLS, logged in")
    func startTLSAndAuth() async throws {
        let certificate = try TestCertificate()
        let sink = try MailSink(tls: (certificate.cert, certificate.key), auth: "waiwang:s3cret")
        defer { sink.stop() }
        let password = certificate.folder.appendingPathComponent("smtp-password")
        try Data("s3cret\n".utf8).write(to: password)
        let settings = DeliverySettings(
            smtp: "localhost:\(sink.port)", smtpFrom: "waiwang@registry.example.gov.cn", smtpStartTLS: true,
            smtpCAFile: certificate.cert, smtpUser: "waiwang", smtpPasswordFile: password.path)
        let channels = try settings.channels()
        #expect(channels.configured == ["mail"])
        let store = try EscalationFixture.store()
        let dispatcher = EscalationDispatcher(store: store, policy: EscalationFixture.policy(), channels: channels)
        let (escalation, report) = EscalationFixture.isolatedGeneral("INC-TLS-1")
        try await EscalationFixture.running(dispatcher) {
            await dispatcher.escalate(escalation, report: report)
            try await EscalationFixture.waitFor(store) { $0.first?.state == .sent }
        }
        let received = try #require(try sink.received().first)
        #expect(received.tls)
        #expect(received.authenticated)
        #expect(received.mailFrom == "waiwang@registry.example.gov.cn")
    }

    @Test(
        "flags that cannot work are refused, naming what to fix",
        arguments: [
            (DeliverySettings(smtp: "relay.example.gov.cn:25"), "--smtp-from"),
            (DeliverySettings(smtp: "relay.example.gov.cn", smtpFrom: "a@b.cn"), "HOST:PORT"),
            (DeliverySettings(smtp: "relay.example.gov.cn:70000", smtpFrom: "a@b.cn"), "HOST:PORT"),
            (DeliverySettings(smtp: "relay.example.gov.cn:25", smtpFrom: "not-an-address"), "--smtp-from"),
            (DeliverySettings(smtpFrom: "a@b.cn"), "need --smtp"),
            (
                DeliverySettings(smtp: "relay.example.gov.cn:25", smtpFrom: "a@b.cn", smtpCAFile: "/x.pem"),
                "--smtp-starttls"
            ),
            (DeliverySettings(smtp: "relay.example.gov.cn:25", smtpFrom: "a@b.cn", smtpUser: "u"), "together"),
            (
                DeliverySettings(
                    smtp: "relay.example.gov.cn:25", smtpFrom: "a@b.cn", smtpUser: "u",
                    smtpPasswordFile: "/etc/hostname"),
                "--smtp-starttls"
            ),
            (DeliverySettings(webhookSecretFile: "/nonexistent/secret"), "--webhook-secret-file"),
        ])
    func refused(settings: DeliverySettings, mention: String) throws {
        #expect {
            _ = try settings.channels()
        } throws: { error in
            "\(error)".contains(mention)
        }
    }

    @Test("no flags: nothing configured, and each channel says which flag would send it")
    func nothingConfigured() throws {
        let channels = try DeliverySettings().channels()
        #expect(channels.configured.isEmpty)
        #expect(channels.heldReasons["mail"]?.contains("--smtp HOST:PORT --smtp-from ADDRESS") == true)
        #expect(channels.heldReasons["webhook"]?.contains("--webhook-secret-file") == true)
    }
}
