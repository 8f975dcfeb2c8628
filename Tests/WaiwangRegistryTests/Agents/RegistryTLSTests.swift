import AsyncHTTPClient
import Foundation
import Hummingbird
import HummingbirdTLS
import HummingbirdTesting
import Logging
import NIOSSL
import Testing
import WaiwangRegistry
import WaiwangTestSupport

/// `waiwang-registry serve --tls-cert --tls-key`: a real HTTPS listener, reached by a client that trusts only the
/// registry's own CA (as an agent pins it), and refused by one that trusts another CA.
@Suite("Registry over TLS")
struct RegistryTLSTests {
    /// A CA and a server certificate for localhost and 127.0.0.1 signed by it, made by openssl in `directory`.
    static func makeCertificates(in directory: URL, name: String) throws {
        try "subjectAltName=DNS:localhost,IP:127.0.0.1\nbasicConstraints=CA:FALSE\nextendedKeyUsage=serverAuth\n"
            .write(to: directory.appending(path: "server.ext"), atomically: true, encoding: .utf8)
        let steps = [
            ["req", "-x509", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout",
             "\(name)-ca.key", "-out", "\(name)-ca.pem", "-days", "2", "-subj", "/CN=Waiwang test CA \(name)",
             "-addext", "basicConstraints=critical,CA:TRUE", "-addext", "keyUsage=critical,keyCertSign,cRLSign"],
            ["req", "-newkey", "ec", "-pkeyopt", "ec_paramgen_curve:prime256v1", "-nodes", "-keyout",
             "\(name)-server.key", "-out", "\(name)-server.csr", "-subj", "/CN=localhost"],
            ["x509", "-req", "-in", "\(name)-server.csr", "-CA", "\(name)-ca.pem", "-CAkey", "\(name)-ca.key",
             "-CAcreateserial", "-out", "\(name)-server.pem", "-days", "2", "-extfile", "server.ext"],
        ]
        for arguments in steps {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/usr/bin/openssl")
            process.arguments = arguments
            process.currentDirectoryURL = directory
            process.standardOutput = FileHandle.nullDevice
            process.standardError = FileHandle.nullDevice
            try process.run()
            process.waitUntilExit()
            #expect(process.terminationStatus == 0, "openssl \(arguments.joined(separator: " "))")
        }
    }

    static func client(trusting caFile: String) throws -> HTTPClient {
        var tls = TLSConfiguration.makeClientConfiguration()
        tls.trustRoots = .certificates(try NIOSSLCertificate.fromPEMFile(caFile))
        var configuration = HTTPClient.Configuration(tlsConfiguration: tls)
        configuration.connectionPool.retryConnectionEstablishment = false  // a refused handshake fails at once
        return HTTPClient(eventLoopGroupProvider: .singleton, configuration: configuration)
    }

    @Test("HTTPS with the registry's certificate: a client pinning its CA is served, one pinning another CA is not",
          .enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/openssl")))
    func pinnedCA() async throws {
        let directory = FileManager.default.temporaryDirectory.appending(path: "waiwang-tls-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(at: directory) }
        try Self.makeCertificates(in: directory, name: "registry")
        try Self.makeCertificates(in: directory, name: "stranger")
        let serverCertificate = directory.appending(path: "registry-server.pem").path
        let serverKey = directory.appending(path: "registry-server.key").path
        let registryCA = directory.appending(path: "registry-ca.pem").path
        let strangerCA = directory.appending(path: "stranger-ca.pem").path

        let fixture = try await RegistryFixture(seeded: false)
        var logger = Logger(label: "waiwang-registry-tls-test")
        logger.logLevel = .warning
        let tls = try RegistryApplication.tlsConfiguration(
            certificateFile: serverCertificate, keyFile: serverKey)
        let loopbackPort = try unusedPort()
        let app = try RegistryApplication.make(
            store: fixture.store, host: "127.0.0.1", port: 0, tls: tls, loopbackPort: loopbackPort, logger: logger)
        try await app.test(.ahc(.https)) { client in
            let port = try #require(client.port)
            let pinned = try Self.client(trusting: registryCA)
            let stranger = try Self.client(trusting: strangerCA)
            do {
                let response = try await pinned.execute(
                    HTTPClientRequest(url: "https://localhost:\(port)/healthz"), timeout: .seconds(10))
                #expect(response.status == .ok)
                let body = try await response.body.collect(upTo: 1 << 16)
                #expect(String(decoding: body.readableBytesView, as: UTF8.self).contains("\"status\":\"ok\""))
                // The operator's loopback listener of the same registry answers plain HTTP.
                let plain = try await pinned.execute(
                    HTTPClientRequest(url: "http://127.0.0.1:\(loopbackPort)/healthz"), timeout: .seconds(10))
                #expect(plain.status == .ok)
                await #expect(throws: (any Error).self) {
                    _ = try await stranger.execute(
                        HTTPClientRequest(url: "https://localhost:\(port)/healthz"), timeout: .seconds(10))
                }
            } catch {
                Issue.record("HTTPS call failed: \(error)")
            }
            try await pinned.shutdown()
            try await stranger.shutdown()
        }
    }
}
