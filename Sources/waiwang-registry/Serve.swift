import ArgumentParser
import Foundation
import HummingbirdTLS
import Logging
import WaiwangRegistry

/// `waiwang-registry serve`: runs the HTTP API until SIGTERM or SIGINT.
struct Serve: AsyncParsableCommand {
    static let configuration = CommandConfiguration(abstract: "Serve the registry API.")

    @OptionGroup var store: StoreOptions

    @Option(help: "Address to listen on.")
    var host = "127.0.0.1"

    @Option(help: "Port to listen on.")
    var port = 8080

    @Option(help: "Log level: trace, debug, info, notice, warning, error.")
    var logLevel: Logger.Level = .info

    @Option(help: "PEM certificate chain (server first): serve HTTPS. Agents pin the CA that signed it.")
    var tlsCert: String?

    @Option(help: "PEM private key of --tls-cert.")
    var tlsKey: String?

    @Option(help: "With --tls-cert: also serve plain HTTP on 127.0.0.1 at this port, for waiwangctl on this host.")
    var loopbackPort: Int?

    @OptionGroup(title: "Escalation delivery (article 21(4))") var delivery: DeliveryOptions

    func validate() throws {
        if (tlsCert == nil) != (tlsKey == nil) {
            throw ValidationError("give --tls-cert and --tls-key together (or neither, for plain HTTP on loopback)")
        }
        if loopbackPort != nil, tlsCert == nil {
            throw ValidationError("--loopback-port is for a registry serving HTTPS (--tls-cert, --tls-key)")
        }
        if tlsCert == nil, !["127.0.0.1", "::1", "localhost"].contains(host) {
            FileHandle.standardError.write(
                Data("warning: serving plain HTTP on \(host); agents need HTTPS (--tls-cert, --tls-key)\n".utf8))
        }
    }

    func run() async throws {
        var logger = Logger(label: "waiwang-registry")
        logger.logLevel = logLevel
        let configuration = try store.loadConfiguration()
        let registry = try store.openStore(configuration)
        logger.info(
            "registry store open",
            metadata: ["dataDir": "\(store.dataDir)", "divisions": "\(registry.tree.divisions.count)"])
        let critical = configuration.incidents.criticalTargets.entries
        logger.info("critical targets", metadata: ["systems": "\(critical.map { "\($0.name) \($0.prefix)" })"])
        let examples = critical.filter { $0.example == true }.map(\.name)
        if !examples.isEmpty {
            logger.warning(
                "critical-targets.json still holds the shipped EXAMPLE prefixes: replace them with the city's own",
                metadata: ["examples": "\(examples)"])
        }
        var tls: TLSConfiguration?
        if let tlsCert, let tlsKey {
            do { tls = try RegistryApplication.tlsConfiguration(certificateFile: tlsCert, keyFile: tlsKey) } catch {
                throw ValidationError("cannot use --tls-cert \(tlsCert) with --tls-key \(tlsKey): \(error)")
            }
        }
        logger.info("listening", metadata: ["address": "\(tls == nil ? "http" : "https")://\(host):\(port)"])
        if let loopbackPort { logger.info("listening", metadata: ["address": "http://127.0.0.1:\(loopbackPort)"]) }
        let dispatcher: EscalationDispatcher
        do {
            dispatcher = try RegistryApplication.dispatcher(
                store: registry, configuration: configuration, delivery: delivery.settings, logger: logger)
        } catch { throw ValidationError("\(error)") }
        // Every incident change and order step reaches the dispatcher, which journals and sends what is due.
        registry.onEscalation = { escalation, report in await dispatcher.escalate(escalation, report: report) }
        logger.info(
            "escalation delivery",
            metadata: [
                "smtp": "\(delivery.smtp ?? "none: mail reports stay pending")",
                "webhooks": "\(delivery.webhookSecretFile == nil ? "none: webhook reports stay pending" : "signed")",
            ])
        let app = try RegistryApplication.make(
            store: registry, host: host, port: port, tls: tls, loopbackPort: loopbackPort, services: [dispatcher],
            logger: logger)
        try await app.runService()
    }
}

extension Logger.Level: @retroactive ExpressibleByArgument {}
