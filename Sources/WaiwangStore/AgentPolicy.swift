import WaiwangCore

/// How the registry treats its hub agents, from `Config/agents.json`: ticket lifetime, poll and heartbeat
/// intervals, batch limits, retention of the bulk rows, the detectors' allowlist and each hub's capture ports.
///
/// Every member has a default, so a file that gives only some of them (or no file) is valid.
public struct AgentPolicy: Sendable, Codable, Equatable {
    /// A capture (mirror) interface of a hub's agent and the link whose traffic it sees: by `linkId`, or by
    /// `device` and `port` (the registry's names, stable across renumbering of link ids).
    public struct Capture: Sendable, Codable, Equatable {
        public var interface: String
        public var linkId: Int64?
        public var device: String?
        public var port: String?
        public var filter: String?

        public init(
            interface: String, linkId: Int64? = nil, device: String? = nil, port: String? = nil,
            filter: String? = nil
        ) {
            self.interface = interface
            self.linkId = linkId
            self.device = device
            self.port = port
            self.filter = filter
        }
    }

    /// What one hub adds: its capture interfaces and allowlist entries of its own.
    public struct Hub: Sendable, Codable, Equatable {
        public var capture: [Capture]
        public var allow: [String]

        public init(capture: [Capture] = [], allow: [String] = []) {
            self.capture = capture
            self.allow = allow
        }

        public init(from decoder: any Decoder) throws {
            let container = try decoder.container(keyedBy: CodingKeys.self)
            capture = try container.decodeIfPresent([Capture].self, forKey: .capture) ?? []
            allow = try container.decodeIfPresent([String].self, forKey: .allow) ?? []
        }
    }

    /// How long an enrolment token works after it is made.
    public var enrollmentTicketHours: Int = 24
    public var pollIntervalSeconds: Int = 30
    public var heartbeatIntervalSeconds: Int = 30
    /// An agent silent for more than this many heartbeat intervals is stale and its links show `unknown`.
    public var staleAfterHeartbeats: Int = 3
    public var maxBatchObservations: Int = 10_000
    public var maxBatchBytes: Int = 64 * 1024 * 1024
    /// The largest evidence pcap of one alert, decoded.
    public var maxEvidenceBytes: Int = 4 * 1024 * 1024
    /// Link samples are kept this long as history; the latest state per link is kept for ever.
    public var sampleRetentionHours: Int = 48
    public var heartbeatRetentionDays: Int = 30
    /// Idempotency keys are remembered this long: far longer than any agent holds an unacknowledged batch.
    public var keyRetentionDays: Int = 14
    /// Source prefixes that never raise an alert, at every hub (the authority's scanners and monitoring).
    public var allow: [String] = []
    /// Per hub code.
    public var hubs: [String: Hub] = [:]

    public init() {}

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func value<T: Decodable>(_ key: CodingKeys, _ fallback: T) throws -> T {
            try container.decodeIfPresent(T.self, forKey: key) ?? fallback
        }
        let defaults = AgentPolicy()
        enrollmentTicketHours = try value(.enrollmentTicketHours, defaults.enrollmentTicketHours)
        pollIntervalSeconds = try value(.pollIntervalSeconds, defaults.pollIntervalSeconds)
        heartbeatIntervalSeconds = try value(.heartbeatIntervalSeconds, defaults.heartbeatIntervalSeconds)
        staleAfterHeartbeats = try value(.staleAfterHeartbeats, defaults.staleAfterHeartbeats)
        maxBatchObservations = try value(.maxBatchObservations, defaults.maxBatchObservations)
        maxBatchBytes = try value(.maxBatchBytes, defaults.maxBatchBytes)
        maxEvidenceBytes = try value(.maxEvidenceBytes, defaults.maxEvidenceBytes)
        sampleRetentionHours = try value(.sampleRetentionHours, defaults.sampleRetentionHours)
        heartbeatRetentionDays = try value(.heartbeatRetentionDays, defaults.heartbeatRetentionDays)
        keyRetentionDays = try value(.keyRetentionDays, defaults.keyRetentionDays)
        allow = try value(.allow, defaults.allow)
        hubs = try value(.hubs, defaults.hubs)
    }

    /// Checks the numbers are sensible and every allowlist entry is a prefix.
    public func validate() throws(RegistryError) {
        let ranges: [(String, Int, ClosedRange<Int>)] = [
            ("enrollmentTicketHours", enrollmentTicketHours, 1...24 * 30),
            ("pollIntervalSeconds", pollIntervalSeconds, 5...3600),
            ("heartbeatIntervalSeconds", heartbeatIntervalSeconds, 5...3600),
            ("staleAfterHeartbeats", staleAfterHeartbeats, 2...100),
            ("maxBatchObservations", maxBatchObservations, 1...100_000),
            ("maxBatchBytes", maxBatchBytes, 1024...(512 * 1024 * 1024)),
            ("maxEvidenceBytes", maxEvidenceBytes, 1024...(64 * 1024 * 1024)),
            ("sampleRetentionHours", sampleRetentionHours, 1...24 * 366),
            ("heartbeatRetentionDays", heartbeatRetentionDays, 1...3660),
            ("keyRetentionDays", keyRetentionDays, 1...3660),
        ]
        for (field, number, range) in ranges where !range.contains(number) {
            throw .invalid(field, rule: "policy", "\(field) must be in \(range.lowerBound)...\(range.upperBound)")
        }
        for (hub, settings) in hubs {
            for entry in settings.capture
            where entry.interface.trimmingBlanks().isEmpty
                || (entry.linkId == nil && (entry.device == nil || entry.port == nil))
            {
                throw .invalid(
                    "hubs.\(hub).capture", rule: "policy",
                    "a capture entry needs an interface and either linkId or device and port")
            }
        }
        for entry in allow + hubs.values.flatMap(\.allow) {
            do { _ = try IPPrefix.parse(entry) } catch {
                throw .invalid("allow", rule: "policy", "\"\(entry)\" is not a prefix such as 10.53.0.0/16")
            }
        }
    }

    /// Seconds of silence after which an agent is stale.
    public var staleAfterSeconds: Int { staleAfterHeartbeats * heartbeatIntervalSeconds }
}
