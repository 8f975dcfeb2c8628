import Foundation
import Logging
import ServiceLifecycle
import WaiwangAPI
import WaiwangCapture
import WaiwangCore

/// `waiwang-agent run`: every service of the agent in one service group, stopped gracefully on SIGTERM or SIGINT.
///
/// Order of start: metrics, assignment (cached first), sender, heartbeat, commands, polling; a stop runs in reverse,
/// so polling finishes its round and writes it before the sender stops, and the outbox is checkpointed and closed
/// last. With `capture.enabled` the capture service starts last and stops first, so the episodes it closes on stop
/// are written while the sender still runs.
public final class AgentRuntime: Sendable {
    public let config: AgentConfig
    public let credential: AgentCredential
    public let outbox: Outbox
    public let holder = AssignmentHolder()
    public let stats: AgentStats
    let logger: Logger

    /// Opens the state: the credential, the outbox.
    public init(config: AgentConfig, metrics: AgentMetrics, logger: Logger) throws {
        self.config = config
        self.logger = logger
        stats = AgentStats(metrics: metrics)
        try FileManager.default.createDirectory(
            atPath: config.agent.stateDir, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        credential = try CredentialStore(stateDirectory: config.agent.stateDir).load()
        outbox = try Outbox(
            path: (config.agent.stateDir as NSString).appendingPathComponent("outbox.sqlite"),
            capacity: config.maxObservations, keyPrefix: "a\(credential.agentId)")
    }

    /// Runs until SIGTERM or SIGINT, then stops every service and closes the outbox.
    public func run() async throws {
        let uplink = try RegistryUplink(endpoint: try config.endpoint(), secret: credential.secret)
        let policy = try linkHealthPolicy()
        let capture: CaptureSettings? = try config.captureEnabled ? captureSettings() : nil
        let assignment = AssignmentService(
            uplink: uplink, cache: AssignmentCache(stateDirectory: config.agent.stateDir), holder: holder,
            refreshSeconds: config.assignmentRefreshSeconds, backoffCap: config.backoffCapSeconds, stats: stats,
            logger: logger)
        assignment.applyCached()
        var services: [any Service] = []
        if let listen = config.metricsListen {
            services.append(
                MetricsEndpoint.make(metrics: stats.metrics, host: listen.host, port: listen.port, logger: logger))
        }
        services.append(assignment)
        services.append(
            OutboxSender(
                outbox: outbox, uplink: uplink, batchSize: config.batchSize, backoffCap: config.backoffCapSeconds,
                stats: stats, logger: logger))
        services.append(
            HeartbeatService(
                outbox: outbox, holder: holder, stats: stats, defaultSeconds: config.heartbeatSeconds, logger: logger))
        services.append(
            CommandService(
                uplink: uplink, journal: CommandJournal(outbox),
                executor: PortCommandExecutor(timeout: config.snmpTimeout, retries: config.snmpRetries),
                holder: holder, waitSeconds: config.commandWaitSeconds, backoffCap: config.backoffCapSeconds,
                stats: stats, logger: logger))
        services.append(
            PollingService(
                holder: holder, outbox: outbox, stats: stats,
                settings: .init(
                    timeout: config.snmpTimeout, retries: config.snmpRetries,
                    deviceBackoffCap: config.deviceBackoffCapSeconds, concurrency: config.pollConcurrency,
                    policy: policy, trapAddress: config.snmp.traps,
                    trapCommunities: config.snmp.trapCommunities ?? ["public"]),
                logger: logger))
        if let capture {
            services.append(
                CaptureService(
                    holder: holder, outbox: outbox, stats: stats, settings: capture,
                    evidenceDirectory: URL(fileURLWithPath: config.agent.stateDir).appendingPathComponent("evidence"),
                    logger: logger))
        }
        let group = ServiceGroup(
            configuration: .init(
                services: services.map { .init(service: $0) }, gracefulShutdownSignals: [.sigterm, .sigint],
                logger: logger))
        logger.info(
            "agent running",
            metadata: [
                "agent": "\(credential.agentId)", "hub": "\(credential.hub)", "registry": "\(config.registry.url)",
            ])
        let outcome: Result<Void, any Error>
        do {
            try await group.run()
            outcome = .success(())
        } catch {
            outcome = .failure(error)
        }
        await uplink.shutdown()
        try outbox.close()
        logger.info("agent stopped; outbox flushed and closed")
        try outcome.get()
    }

    private func captureSettings() throws -> CaptureSettings {
        guard let path = config.capture.detectionPolicy else {
            return CaptureSettings(
                batchMilliseconds: config.captureBatchMilliseconds, evidenceCapBytes: config.evidenceMaxBytes)
        }
        do {
            return CaptureSettings(
                policy: try DetectionPolicy.load(contentsOf: URL(fileURLWithPath: path)),
                batchMilliseconds: config.captureBatchMilliseconds, evidenceCapBytes: config.evidenceMaxBytes)
        } catch {
            throw AgentConfigError("capture.detection_policy: \(error)")
        }
    }

    private func linkHealthPolicy() throws -> LinkHealthPolicy {
        guard let path = config.snmp.linkHealth else { return LinkHealthPolicy() }
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AgentConfigError("snmp.link_health: cannot read \(path)")
        }
        let policy = try JSONDecoder().decode(LinkHealthPolicy.self, from: data)
        try policy.validate()
        return policy
    }
}
