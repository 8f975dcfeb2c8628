import Hummingbird
import HummingbirdTLS
import Logging
import NIOSSL
import WaiwangStore

extension RegistryApplication {
    /// The registry's application serving HTTPS when `tls` is given (agents pin the registry's CA), plain HTTP
    /// otherwise (loopback only, for the operator's host and tests).
    public static func make(store: RegistryStore, host: String, port: Int, tls: TLSConfiguration?, logger: Logger)
        throws -> some ApplicationProtocol
    {
        let configuration = ApplicationConfiguration(
            address: .hostname(host, port: port), serverName: "waiwang-registry")
        guard let tls else {
            return Application(router: router(store: store), configuration: configuration, logger: logger)
        }
        return Application(
            router: router(store: store), server: try .tls(.http1(), tlsConfiguration: tls),
            configuration: configuration, logger: logger)
    }

    /// A server TLS configuration from PEM files: the certificate chain (server first) and its private key.
    public static func tlsConfiguration(certificateFile: String, keyFile: String) throws -> TLSConfiguration {
        let chain = try NIOSSLCertificate.fromPEMFile(certificateFile).map { NIOSSLCertificateSource.certificate($0) }
        let key = try NIOSSLPrivateKey(file: keyFile, format: .pem)
        var configuration = TLSConfiguration.makeServerConfiguration(certificateChain: chain, privateKey: .privateKey(key))
        configuration.minimumTLSVersion = .tlsv12
        return configuration
    }
}
