import Foundation
import NIOCore
import NIOSSL
import Testing
import WaiwangTestSupport
import WaiwangDelivery

@Suite("SMTPMailer against a real aiosmtpd on loopback")
struct SMTPMailerTests {
    private func makeMailer(
        port: Int, security: SMTPConfiguration.Security = .plain, credentials: SMTPCredentials? = nil
    )
        throws -> SMTPMailer
    {
        let timeouts = SMTPTimeouts(
            connect: .seconds(5), greeting: .seconds(5), command: .seconds(5), dataTermination: .seconds(10))
        return try SMTPMailer(
            configuration: SMTPConfiguration(
                host: "127.0.0.1", port: port, security: security, credentials: credentials, timeouts: timeouts))
    }

    /// A sink offering STARTTLS with a fresh self-signed certificate (and requiring `auth` when given),
    /// and a client TLS configuration that trusts that certificate.
    private func makeTLSSink(auth: String? = nil) throws -> (sink: MailSink, tls: TLSConfiguration) {
        let certificate = try TestCertificate()
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(certificate.cert))
        return (try MailSink(tls: (certificate.cert, certificate.key), auth: auth), tls)
    }

    @Test("the mail arrives with every envelope recipient and decodes back, Bcc kept out of the headers")
    func delivers() async throws {
        let sink = try MailSink()
        defer { sink.stop() }
        let message = try Fixtures.message(
            to: [
                try MailAddress("sjj@city.example.gov.cn", name: "上级主管部门"),
                try MailAddress("wxb@cac.example.gov.cn", name: "网信"),
            ],
            cc: [try MailAddress("ga@police.example.gov.cn", name: "公安网安")],
            bcc: [try MailAddress("archive@waiwang.example.gov.cn")])
        let report = try await makeMailer(port: sink.port).send(message)
        #expect(report.isComplete)
        #expect(report.accepted == message.envelopeRecipients)
        #expect(report.dataReply?.code == 250)

        let received = try sink.received()
        try #require(received.count == 1)
        let mail = received[0]
        #expect(mail.mailFrom == "noc@waiwang.example.gov.cn")
        #expect(
            mail.rcptTos == [
                "sjj@city.example.gov.cn", "wxb@cac.example.gov.cn", "ga@police.example.gov.cn",
                "archive@waiwang.example.gov.cn",
            ])
        #expect(mail.message.subject == Fixtures.subject)
        #expect(mail.message.body?.replacingOccurrences(of: "\r\n", with: "\n") == Fixtures.body + "\n")
        #expect(mail.message.attachments.first?.filename == "事件报告-2026-11-27-某某县教育局-端口扫描-较大.md")
        #expect(mail.message.attachments.first?.text == Fixtures.report)
        #expect(!mail.message.bccHeaderPresent)
        #expect(mail.message.defects.isEmpty)
    }

    @Test("a refused recipient is reported by name with the server's reply; the others still get the mail")
    func refusedRecipient() async throws {
        let sink = try MailSink(refusing: ["refused.example"], deferring: ["busy.example"])
        defer { sink.stop() }
        let message = try Fixtures.message(to: [
            try MailAddress("ok@city.example.gov.cn"), try MailAddress("nobody@refused.example"),
            try MailAddress("later@busy.example"),
        ])
        let report = try await makeMailer(port: sink.port).send(message)
        #expect(report.accepted == ["ok@city.example.gov.cn"])
        #expect(!report.isComplete)
        #expect(report.refused.map(\.recipient) == ["nobody@refused.example", "later@busy.example"])
        #expect(report.refused.map(\.reply.code) == [550, 450])
        #expect(report.refused.map(\.isTransient) == [false, true])
        #expect(report.refused[0].reply.text.contains("recipient refused"))
        #expect(try sink.received().map(\.rcptTos) == [["ok@city.example.gov.cn"]])
    }

    @Test("when every recipient is refused nothing is sent and each refusal is reported")
    func allRefused() async throws {
        let sink = try MailSink(refusing: ["refused.example"])
        defer { sink.stop() }
        let message = try Fixtures.message(to: [
            try MailAddress("a@refused.example"), try MailAddress("b@refused.example"),
        ])
        let report = try await makeMailer(port: sink.port).send(message)
        #expect(report.accepted.isEmpty)
        #expect(report.refused.count == 2)
        #expect(report.dataReply == nil)
        #expect(try sink.received().isEmpty)
    }

    @Test("a server that is down is a transient connection error")
    func serverDown() async throws {
        let port = try unusedPort()
        let message = try Fixtures.message(to: [try MailAddress("a@city.example.gov.cn")])
        let error = await #expect(throws: SMTPError.self) { _ = try await makeMailer(port: port).send(message) }
        #expect(error?.code == .connection)
        #expect(error?.step == "connect")
        #expect(error?.isTransient == true)
    }

    @Test("a server that never greets times out at the greeting")
    func silentServer() async throws {
        let silent = try SinkProcess(
            "/usr/bin/python3",
            [
                "-c",
                "import socket,sys; s=socket.socket(); s.bind(('127.0.0.1',0)); s.listen(); print('LISTENING', s.getsockname()[1], flush=True); sys.stdin.read()",
            ])
        defer { silent.stop() }
        let timeouts = SMTPTimeouts(connect: .seconds(2), greeting: .milliseconds(300), command: .seconds(2))
        let mailer = try SMTPMailer(
            configuration: SMTPConfiguration(host: "127.0.0.1", port: silent.port, timeouts: timeouts))
        let message = try Fixtures.message(to: [try MailAddress("a@city.example.gov.cn")])
        let error = await #expect(throws: SMTPError.self) { _ = try await mailer.send(message) }
        #expect(error?.code == .timeout)
        #expect(error?.step == "greeting")
    }

    @Test("STARTTLS then AUTH: the sink sees TLS and a logged-in client")
    func startTLSAndAuth() async throws {
        let (sink, tls) = try makeTLSSink(auth: "waiwang:s3cret")
        defer { sink.stop() }
        let mailer = try makeMailer(
            port: sink.port, security: .startTLS(tls),
            credentials: SMTPCredentials(username: "waiwang", password: "s3cret"))
        let report = try await mailer.send(try Fixtures.message(to: [try MailAddress("a@city.example.gov.cn")]))
        #expect(report.isComplete)
        let received = try sink.received()
        #expect(received.first?.tls == true)
        #expect(received.first?.authenticated == true)
        #expect(received.first?.message.subject == Fixtures.subject)
    }

    @Test("AUTH LOGIN when it is the mechanism asked for")
    func authLogin() async throws {
        let (sink, tls) = try makeTLSSink(auth: "waiwang:s3cret")
        defer { sink.stop() }
        let credentials = SMTPCredentials(username: "waiwang", password: "s3cret", mechanisms: [.login])
        let mailer = try makeMailer(port: sink.port, security: .startTLS(tls), credentials: credentials)
        let report = try await mailer.send(try Fixtures.message(to: [try MailAddress("a@city.example.gov.cn")]))
        #expect(report.isComplete)
        #expect(try sink.received().first?.authenticated == true)
    }

    @Test("wrong credentials are a permanent authentication error with the server's reply")
    func wrongPassword() async throws {
        let (sink, tls) = try makeTLSSink(auth: "waiwang:s3cret")
        defer { sink.stop() }
        let mailer = try makeMailer(
            port: sink.port, security: .startTLS(tls),
            credentials: SMTPCredentials(username: "waiwang", password: "wrong"))
        let error = await #expect(throws: SMTPError.self) {
            _ = try await mailer.send(try Fixtures.message(to: [try MailAddress("a@city.example.gov.cn")]))
        }
        #expect(error?.code == .authentication)
        #expect(error?.reply?.code == 535)
        #expect(error?.isTransient == false)
        #expect(try sink.received().isEmpty)
    }

    @Test("an untrusted certificate fails the TLS handshake; nothing is sent")
    func untrustedCertificate() async throws {
        let certificate = try TestCertificate()
        let sink = try MailSink(tls: (certificate.cert, certificate.key))
        defer { sink.stop() }
        let mailer = try makeMailer(port: sink.port, security: .startTLS(.makeClientConfiguration()))
        let error = await #expect(throws: SMTPError.self) {
            _ = try await mailer.send(try Fixtures.message(to: [try MailAddress("a@city.example.gov.cn")]))
        }
        #expect(error?.code == .tls, "\(String(describing: error))")
        #expect(try sink.received().isEmpty)
    }

    @Test("STARTTLS required but not offered is refused, never downgraded")
    func startTLSNotOffered() async throws {
        let sink = try MailSink()
        defer { sink.stop() }
        let mailer = try makeMailer(port: sink.port, security: .startTLS(.makeClientConfiguration()))
        let error = await #expect(throws: SMTPError.self) {
            _ = try await mailer.send(try Fixtures.message(to: [try MailAddress("a@city.example.gov.cn")]))
        }
        #expect(error?.code == .tls)
        #expect(error?.step == "STARTTLS")
    }

    @Test("credentials are not sent over a plain connection")
    func noAuthWithoutTLS() async throws {
        let sink = try MailSink(auth: "waiwang:s3cret")
        defer { sink.stop() }
        let mailer = try makeMailer(
            port: sink.port, credentials: SMTPCredentials(username: "waiwang", password: "s3cret"))
        let error = await #expect(throws: SMTPError.self) {
            _ = try await mailer.send(try Fixtures.message(to: [try MailAddress("a@city.example.gov.cn")]))
        }
        #expect(error?.code == .authentication)
        #expect(error?.reply == nil)
    }

    @Test("a raw message with lines starting with a dot arrives intact")
    func dotStuffing() async throws {
        let sink = try MailSink()
        defer { sink.stop() }
        let raw = "From: a@b.example\nTo: c@d.example\nSubject: dots\n\n.one\n..two\n.\nend\n"
        let report = try await makeMailer(port: sink.port).send(
            rawMessage: Array(raw.utf8), from: "a@b.example", to: ["c@d.example"])
        #expect(report.isComplete)
        let eml = try String(contentsOf: sink.maildir.appendingPathComponent("0001.eml"), encoding: .utf8)
        #expect(eml.replacingOccurrences(of: "\r\n", with: "\n").hasSuffix("\n.one\n..two\n.\nend\n"))
    }
}
