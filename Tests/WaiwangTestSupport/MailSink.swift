import Foundation

/// The real SMTP server of the tests: aiosmtpd through scripts/lib/mail-sink.sh, on a free loopback port.
public final class MailSink: Sendable {
    public let maildir: URL
    private let process: SinkProcess

    public var port: Int { process.port }

    /// - Parameters:
    ///   - port: the port to listen on; 0 picks a free one.
    ///   - refusing: domains whose recipients get 550; `deferring`: 450.
    ///   - tls: certificate and key files: STARTTLS offered and required.
    ///   - auth: `user:password` required before MAIL.
    public init(
        port: Int = 0, refusing: [String] = [], deferring: [String] = [], tls: (cert: String, key: String)? = nil,
        auth: String? = nil
    ) throws {
        maildir = try temporaryDirectory("maildir")
        var arguments = [
            "scripts/lib/mail-sink.sh", "--maildir", maildir.path, "--stop-on-stdin-eof", "--port", "\(port)",
        ]
        for domain in refusing { arguments += ["--refuse-domain", domain] }
        for domain in deferring { arguments += ["--defer-domain", domain] }
        if let tls { arguments += ["--tls-cert", tls.cert, "--tls-key", tls.key] }
        if let auth { arguments += ["--auth", auth] }
        process = try SinkProcess("/bin/bash", arguments)
    }

    /// The messages received so far, in order.
    public func received() throws -> [ReceivedMail] {
        let files = try FileManager.default.contentsOfDirectory(atPath: maildir.path).filter { $0.hasSuffix(".json") }
            .sorted()
        return try files.map { name in
            try snakeCaseDecoder.decode(ReceivedMail.self, from: Data(contentsOf: maildir.appendingPathComponent(name)))
        }
    }

    public func stop() {
        process.stop()
        try? FileManager.default.removeItem(at: maildir)
    }
}

/// A self-signed certificate for localhost and 127.0.0.1, made with openssl for STARTTLS tests.
public struct TestCertificate: Sendable {
    public let folder: URL
    public var cert: String { folder.appendingPathComponent("cert.pem").path }
    public var key: String { folder.appendingPathComponent("key.pem").path }

    public init() throws {
        folder = try temporaryDirectory("tls")
        try runProcess(
            "/usr/bin/openssl",
            [
                "req", "-x509", "-newkey", "rsa:2048", "-nodes", "-days", "1", "-subj", "/CN=localhost",
                "-addext", "subjectAltName=DNS:localhost,IP:127.0.0.1",
                "-keyout", folder.appendingPathComponent("key.pem").path, "-out",
                folder.appendingPathComponent("cert.pem").path,
            ])
    }
}
