import Hummingbird
import HummingbirdTLS
import Logging
import NIOSSL
import ServiceLifecycle
import WaiwangStore

extension RegistryApplication {
    /// The registry's application serving HTTPS when `tls` is given (agents pin the registry's CA), plain HTTP
    /// otherwise (loopback only, for the operator's host and tests).
    ///
    /// With `loopbackPort`, the same registry also serves plain HTTP on 127.0.0.1 at that port, so `waiwangctl` on
    /// the registry's host needs no certificate; both listeners share the store (and so wake the same long polls).
    /// `services` run beside the server and stop with it (the `EscalationDispatcher`).
    public static func make(
        store: RegistryStore, host: String, port: Int, tls: TLSConfiguration?, loopbackPort: Int? = nil,
        services: [any Service] = [], logger: Logger
    ) throws -> some ApplicationProtocol {
        let configuration = ApplicationConfiguration(
            address: .hostname(host, port: port), serverName: "waiwang-registry")
        let loopback = loopbackPort.map { loopbackPort in
            Application(
                router: router(store: store),
                configuration: .init(
                    address: .hostname("127.0.0.1", port: loopbackPort), serverName: "waiwang-registry"),
                logger: logger)
        }
        // The incident service runs beside the listeners, folding the agents' alerts into incidents, and so do
        // the given services (the escalation dispatcher).
        var running: [any Service] = [IncidentService(store: store, logger: logger)] + services
        if let loopback { running.append(loopback) }
        guard let tls else {
            return Application(
                router: router(store: store), configuration: configuration, services: running, logger: logger)
        }
        return Application(
            router: router(store: store), server: try .tls(.http1(), tlsConfiguration: tls),
            configuration: configuration, services: running, logger: logger)
    }

    /// A server TLS configuration from PEM files: the certificate chain (server first) and its private key.
    public static func tlsConfiguration(certificateFile: String, keyFile: String) throws -> TLSConfiguration {
        let chain = try NIOSSLCertificate.fromPEMFile(certificateFile).map { NIOSSLCertificateSource.certificate($0) }
        let key = try NIOSSLPrivateKey(file: keyFile, format: .pem)
        var configuration = TLSConfiguration.makeServerConfiguration(
            certificateChain: chain, privateKey: .privateKey(key))
        configuration.minimumTLSVersion = .tlsv12
        return configuration
    }
}
