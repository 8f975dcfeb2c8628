import Foundation
import TOMLKit
import WaiwangCapture

/// `agent.toml`: where the registry is and how to trust it, where the state lives, the outbox bound, intervals,
/// SNMP and trap settings, the metrics address, capture on or off. See `Config/agent.example.toml`.
public struct AgentConfig: Sendable, Equatable {
    /// `[registry]`.
    public struct Registry: Codable, Sendable, Equatable {
        public var url: String
        public var caFile: String?
        public var allowInsecureLoopback: Bool?

        enum CodingKeys: String, CodingKey {
            case url
            case caFile = "ca_file"
            case allowInsecureLoopback = "allow_insecure_loopback"
        }
    }

    /// `[agent]`.
    public struct Agent: Codable, Sendable, Equatable {
        public var stateDir: String

        enum CodingKeys: String, CodingKey { case stateDir = "state_dir" }
    }

    /// `[outbox]`.
    public struct OutboxSection: Codable, Sendable, Equatable {
        public var maxObservations: Int?
        public var batchSize: Int?

        enum CodingKeys: String, CodingKey {
            case maxObservations = "max_observations"
            case batchSize = "batch_size"
        }
    }

    /// `[intervals]`, seconds.
    public struct Intervals: Codable, Sendable, Equatable {
        public var assignmentRefresh: Double?
        public var commandWait: Int?
        public var backoffCap: Double?
        public var heartbeat: Double?

        enum CodingKeys: String, CodingKey {
            case assignmentRefresh = "assignment_refresh_seconds"
            case commandWait = "command_wait_seconds"
            case backoffCap = "backoff_cap_seconds"
            case heartbeat = "heartbeat_seconds"
        }

        init() {}

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            assignmentRefresh = try container.decodeSeconds(.assignmentRefresh)
            commandWait = try container.decodeIfPresent(Int.self, forKey: .commandWait)
            backoffCap = try container.decodeSeconds(.backoffCap)
            heartbeat = try container.decodeSeconds(.heartbeat)
        }
    }

    /// `[snmp]`.
    public struct SNMP: Codable, Sendable, Equatable {
        public var timeoutSeconds: Double?
        public var retries: Int?
        public var deviceBackoffCapSeconds: Double?
        public var concurrency: Int?
        public var traps: String?
        public var trapCommunities: [String]?
        public var linkHealth: String?

        enum CodingKeys: String, CodingKey {
            case timeoutSeconds = "timeout_seconds"
            case retries
            case deviceBackoffCapSeconds = "device_backoff_cap_seconds"
            case concurrency
            case traps
            case trapCommunities = "trap_communities"
            case linkHealth = "link_health"
        }

        init() {}

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            timeoutSeconds = try container.decodeSeconds(.timeoutSeconds)
            retries = try container.decodeIfPresent(Int.self, forKey: .retries)
            deviceBackoffCapSeconds = try container.decodeSeconds(.deviceBackoffCapSeconds)
            concurrency = try container.decodeIfPresent(Int.self, forKey: .concurrency)
            traps = try container.decodeIfPresent(String.self, forKey: .traps)
            trapCommunities = try container.decodeIfPresent([String].self, forKey: .trapCommunities)
            linkHealth = try container.decodeIfPresent(String.self, forKey: .linkHealth)
        }
    }

    /// `[metrics]`.
    public struct MetricsSection: Codable, Sendable, Equatable {
        /// `HOST:PORT`; empty turns the endpoint off.
        public var listen: String?
    }

    /// `[capture]`: libpcap on the assigned mirror interfaces.
    public struct Capture: Codable, Sendable, Equatable {
        public var enabled: Bool?
        /// Detector thresholds (JSON, the shape of `Config/detection.json`); built-in defaults when absent.
        public var detectionPolicy: String?
        /// The largest evidence pcap a closed alert carries up, KiB.
        public var evidenceMaxKiB: Int?
        /// How long the kernel may hold frames to hand them over in ring blocks, ms; 0 for immediate mode.
        public var batchMs: Int?

        enum CodingKeys: String, CodingKey {
            case enabled
            case detectionPolicy = "detection_policy"
            case evidenceMaxKiB = "evidence_max_kib"
            case batchMs = "batch_ms"
        }
    }

    public var registry: Registry
    public var agent: Agent
    public var outbox: OutboxSection
    public var intervals: Intervals
    public var snmp: SNMP
    public var metrics: MetricsSection
    public var capture: Capture

    private struct File: Codable {
        var registry: Registry
        var agent: Agent
        var outbox: OutboxSection?
        var intervals: Intervals?
        var snmp: SNMP?
        var metrics: MetricsSection?
        var capture: Capture?
    }

    /// Parses and checks a configuration; every error names the key.
    public init(toml text: String) throws {
        let file: File
        do {
            file = try TOMLDecoder().decode(File.self, from: text)
        } catch {
            throw AgentConfigError("\(error)")
        }
        registry = file.registry
        agent = file.agent
        outbox = file.outbox ?? OutboxSection()
        intervals = file.intervals ?? Intervals()
        snmp = file.snmp ?? SNMP()
        metrics = file.metrics ?? MetricsSection()
        capture = file.capture ?? Capture()
        try validate()
    }

    /// Reads and parses `path`.
    public init(path: String) throws {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw AgentConfigError("cannot read \(path)")
        }
        try self.init(toml: String(decoding: data, as: UTF8.self))
    }

    public var maxObservations: Int { outbox.maxObservations ?? 200_000 }
    public var batchSize: Int { outbox.batchSize ?? 1000 }
    public var assignmentRefreshSeconds: Double { intervals.assignmentRefresh ?? 30 }
    public var commandWaitSeconds: Int { intervals.commandWait ?? 20 }
    public var backoffCapSeconds: Double { intervals.backoffCap ?? 60 }
    public var heartbeatSeconds: Double { intervals.heartbeat ?? 30 }
    public var snmpTimeout: Duration { .milliseconds(Int((snmp.timeoutSeconds ?? 1) * 1000)) }
    public var snmpRetries: Int { snmp.retries ?? 1 }
    public var deviceBackoffCapSeconds: Double { snmp.deviceBackoffCapSeconds ?? 300 }
    public var pollConcurrency: Int { snmp.concurrency ?? 32 }
    /// The metrics address, nil when off.
    public var metricsListen: (host: String, port: Int)? {
        let text = metrics.listen ?? "127.0.0.1:9464"
        guard !text.isEmpty, let colon = text.lastIndex(of: ":"), let port = Int(text[text.index(after: colon)...])
        else { return nil }
        return (String(text[..<colon]).trimmingCharacters(in: CharacterSet(charactersIn: "[]")), port)
    }
    public var captureEnabled: Bool { capture.enabled ?? false }
    /// The evidence cap of one alert in bytes (256 KiB unless configured).
    public var evidenceMaxBytes: Int { (capture.evidenceMaxKiB ?? 256) * 1024 }
    /// The capture's hand-over delay in ms (10 unless configured; 0 is immediate mode).
    public var captureBatchMilliseconds: Int { capture.batchMs ?? LiveCaptureConfiguration.defaultBatchMilliseconds }

    private func validate() throws {
        guard !agent.stateDir.isEmpty else { throw AgentConfigError("agent.state_dir must not be empty") }
        guard (100...100_000_000).contains(maxObservations) else {
            throw AgentConfigError("outbox.max_observations must be 100…100000000")
        }
        guard (1...10_000).contains(batchSize) else { throw AgentConfigError("outbox.batch_size must be 1…10000") }
        guard assignmentRefreshSeconds >= 1 else {
            throw AgentConfigError("intervals.assignment_refresh_seconds must be at least 1")
        }
        guard (0...30).contains(commandWaitSeconds) else {
            throw AgentConfigError("intervals.command_wait_seconds must be 0…30 (the registry's long-poll limit)")
        }
        guard backoffCapSeconds >= 1 else { throw AgentConfigError("intervals.backoff_cap_seconds must be at least 1") }
        guard heartbeatSeconds >= 1 else { throw AgentConfigError("intervals.heartbeat_seconds must be at least 1") }
        if let listen = metrics.listen, !listen.isEmpty, metricsListen == nil {
            throw AgentConfigError("metrics.listen must be HOST:PORT (or empty for none)")
        }
        guard (1...4096).contains(capture.evidenceMaxKiB ?? 256) else {
            throw AgentConfigError("capture.evidence_max_kib must be 1…4096 (the registry keeps at most 4 MiB)")
        }
        guard (0...LiveCaptureConfiguration.maximumBatchMilliseconds).contains(captureBatchMilliseconds) else {
            throw AgentConfigError(
                "capture.batch_ms must be 0…\(LiveCaptureConfiguration.maximumBatchMilliseconds) (0 is immediate mode)")
        }
        if let path = capture.detectionPolicy, path.isEmpty {
            throw AgentConfigError("capture.detection_policy must name a file (or be left out for the defaults)")
        }
        _ = try endpoint()
    }

    /// The registry endpoint this configuration names.
    public func endpoint() throws -> UplinkEndpoint {
        do {
            return try UplinkEndpoint(
                url: registry.url, caFile: registry.caFile,
                allowInsecureLoopback: registry.allowInsecureLoopback ?? false)
        } catch let error as UplinkError {
            throw AgentConfigError("registry: \(error.message)")
        }
    }
}

/// A configuration the agent cannot run with, and why.
public struct AgentConfigError: Error, Sendable, CustomStringConvertible {
    public var message: String
    public init(_ message: String) { self.message = message }
    public var description: String { message }
}

extension KeyedDecodingContainer {
    /// Seconds written as a TOML integer (`30`) or float (`0.5`).
    fileprivate func decodeSeconds(_ key: Key) throws -> Double? {
        if let integer = try? decodeIfPresent(Int.self, forKey: key) { return Double(integer) }
        return try decodeIfPresent(Double.self, forKey: key)
    }
}
