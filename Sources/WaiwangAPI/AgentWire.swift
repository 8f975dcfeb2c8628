// The agent ↔ registry protocol: enrolment, assignment, observations up, commands down.
// Both sides import these types; neither imports the other.

/// The body of `POST /api/v1/agents` (admin): make an enrolment ticket for a new agent at a hub.
public struct AgentEnrollmentCreate: Codable, Sendable, Equatable {
    /// The hub code, e.g. `HT`.
    public var hub: String
    /// A name for people, e.g. `红塔区汇聚点探针`.
    public var name: String?

    public init(hub: String, name: String? = nil) {
        self.hub = hub
        self.name = name
    }
}

/// A one-time enrolment token, shown once when it is made; it works once and expires.
public struct AgentEnrollmentTicket: Codable, Sendable, Equatable {
    public var agentId: Int64
    public var hub: String
    public var token: String
    /// RFC 3339 UTC.
    public var expiresAt: String

    public init(agentId: Int64, hub: String, token: String, expiresAt: String) {
        self.agentId = agentId
        self.hub = hub
        self.token = token
        self.expiresAt = expiresAt
    }
}

/// The body of `POST /api/v1/agents/enroll`: the agent trades its ticket for its own credential.
public struct AgentEnrollRequest: Codable, Sendable, Equatable {
    public var token: String
    public var hostname: String
    public var version: String

    public init(token: String, hostname: String, version: String) {
        self.token = token
        self.hostname = hostname
        self.version = version
    }
}

/// What enrolment returns: the agent's bearer secret (stored by the agent with mode 0600, hashed by the registry).
public struct AgentCredential: Codable, Sendable, Equatable {
    public var agentId: Int64
    public var hub: String
    public var secret: String

    public init(agentId: Int64, hub: String, secret: String) {
        self.agentId = agentId
        self.hub = hub
        self.secret = secret
    }
}

/// An agent as `GET /api/v1/agents` lists it.
public struct AgentView: Codable, Sendable, Equatable {
    public var id: Int64
    public var hub: String
    public var name: String
    public var hostname: String?
    public var version: String?
    public var enrolledAt: String?
    public var lastHeartbeatAt: String?
    /// Silent for more than three heartbeat intervals: its links show `unknown`.
    public var stale: Bool
    public var outboxDepth: Int?
    public var droppedSamples: Int?
    /// Set once an admin revoked the agent: its credential and its unused enrolment token no longer work.
    public var revokedAt: String?
    public var revokedBy: String?
    public var revokeReason: String?

    public init(
        id: Int64, hub: String, name: String, hostname: String? = nil, version: String? = nil,
        enrolledAt: String? = nil, lastHeartbeatAt: String? = nil, stale: Bool, outboxDepth: Int? = nil,
        droppedSamples: Int? = nil, revokedAt: String? = nil, revokedBy: String? = nil, revokeReason: String? = nil
    ) {
        self.id = id
        self.hub = hub
        self.name = name
        self.hostname = hostname
        self.version = version
        self.enrolledAt = enrolledAt
        self.lastHeartbeatAt = lastHeartbeatAt
        self.stale = stale
        self.outboxDepth = outboxDepth
        self.droppedSamples = droppedSamples
        self.revokedAt = revokedAt
        self.revokedBy = revokedBy
        self.revokeReason = revokeReason
    }
}

/// Why an agent is revoked (`POST /api/v1/agents/{id}/revoke`), kept with the agent and in the audit log.
public struct AgentRevocation: Codable, Sendable, Equatable {
    public var reason: String

    public init(reason: String) { self.reason = reason }
}

// MARK: - Assignment

/// `GET /api/v1/agent/assignment`: everything an agent polls and watches, computed from the registry.
/// `version` is also the ETag; `If-None-Match` with it gets `304 Not Modified`.
public struct AgentAssignment: Codable, Sendable, Equatable {
    public var version: String
    public var agentId: Int64
    public var hub: String
    public var pollIntervalSeconds: Int
    public var heartbeatIntervalSeconds: Int
    public var devices: [AssignedDevice]
    public var capture: [AssignedCapture]
    public var watch: WatchAssignment

    public init(
        version: String, agentId: Int64, hub: String, pollIntervalSeconds: Int, heartbeatIntervalSeconds: Int,
        devices: [AssignedDevice], capture: [AssignedCapture], watch: WatchAssignment
    ) {
        self.version = version
        self.agentId = agentId
        self.hub = hub
        self.pollIntervalSeconds = pollIntervalSeconds
        self.heartbeatIntervalSeconds = heartbeatIntervalSeconds
        self.devices = devices
        self.capture = capture
        self.watch = watch
    }
}

/// A hub device to poll, its SNMP access and which port carries which link.
public struct AssignedDevice: Codable, Sendable, Equatable {
    public var name: String
    /// `udp:HOST:PORT`.
    public var snmpAddress: String
    public var credential: AssignedCredential
    public var ports: [AssignedPort]

    public init(name: String, snmpAddress: String, credential: AssignedCredential, ports: [AssignedPort]) {
        self.name = name
        self.snmpAddress = snmpAddress
        self.credential = credential
        self.ports = ports
    }
}

/// SNMP credentials as the agent needs them (only ever sent to the agent of the device's hub).
public struct AssignedCredential: Codable, Sendable, Equatable {
    /// `v1`, `v2c` or `v3`.
    public var version: String
    public var community: String?
    public var user: String?
    public var authProtocol: String?
    public var authPassphrase: String?
    public var privProtocol: String?
    public var privPassphrase: String?

    public init(
        version: String, community: String? = nil, user: String? = nil, authProtocol: String? = nil,
        authPassphrase: String? = nil, privProtocol: String? = nil, privPassphrase: String? = nil
    ) {
        self.version = version
        self.community = community
        self.user = user
        self.authProtocol = authProtocol
        self.authPassphrase = authPassphrase
        self.privProtocol = privProtocol
        self.privPassphrase = privPassphrase
    }
}

/// A hub port (by ifName) and the link and units it carries.
public struct AssignedPort: Codable, Sendable, Equatable {
    public var ifName: String
    public var linkId: Int64
    public var unitIds: [Int64]

    public init(ifName: String, linkId: Int64, unitIds: [Int64]) {
        self.ifName = ifName
        self.linkId = linkId
        self.unitIds = unitIds
    }
}

/// A capture interface of the agent (a mirror port) and the link whose traffic it sees.
public struct AssignedCapture: Codable, Sendable, Equatable {
    public var interface: String
    public var linkId: Int64
    /// A BPF filter, empty for all traffic.
    public var filter: String

    public init(interface: String, linkId: Int64, filter: String = "") {
        self.interface = interface
        self.linkId = linkId
        self.filter = filter
    }
}

/// The detectors' part of the assignment, in the same JSON shape as `waiwang-agent analyze --watch FILE`
/// (ids as strings): units with their prefixes and link, links with their units, the allowlist.
public struct WatchAssignment: Codable, Sendable, Equatable {
    /// A unit whose traffic is watched.
    public struct Unit: Codable, Sendable, Equatable {
        public var id: String
        public var name: String
        public var prefixes: [String]
        public var link: String

        public init(id: String, name: String, prefixes: [String], link: String) {
            self.id = id
            self.name = name
            self.prefixes = prefixes
            self.link = link
        }
    }

    /// A link and the units that share it.
    public struct Link: Codable, Sendable, Equatable {
        public var id: String
        public var units: [String]

        public init(id: String, units: [String]) {
            self.id = id
            self.units = units
        }
    }

    public var units: [Unit]
    public var links: [Link]
    /// Source prefixes that never raise an alert (the authority's scanners and monitoring).
    public var allow: [String]

    public init(units: [Unit], links: [Link], allow: [String]) {
        self.units = units
        self.links = links
        self.allow = allow
    }
}

// MARK: - Observations up

/// What an observation reports.
public enum ObservationKind: String, Codable, Sendable, CaseIterable {
    case linkSample = "link_sample"
    case healthChange = "health_change"
    case alert
    case trap
    case heartbeat

    /// Health changes and alerts are never dropped and go up ahead of bulk samples.
    public var isPriority: Bool {
        switch self {
        case .healthChange, .alert: true
        case .linkSample, .trap, .heartbeat: false
        }
    }
}

/// One observation. `key` is the agent's idempotency key: a batch resent after a lost acknowledgement is
/// stored once. Exactly the payload named by `kind` is present.
public struct Observation: Codable, Sendable, Equatable {
    public var key: String
    public var kind: ObservationKind
    /// RFC 3339 UTC.
    public var observedAt: String
    public var linkSample: LinkSampleObservation?
    public var healthChange: HealthChangeObservation?
    public var alert: AlertObservation?
    public var trap: TrapObservation?
    public var heartbeat: HeartbeatObservation?

    public init(
        key: String, kind: ObservationKind, observedAt: String, linkSample: LinkSampleObservation? = nil,
        healthChange: HealthChangeObservation? = nil, alert: AlertObservation? = nil, trap: TrapObservation? = nil,
        heartbeat: HeartbeatObservation? = nil
    ) {
        self.key = key
        self.kind = kind
        self.observedAt = observedAt
        self.linkSample = linkSample
        self.healthChange = healthChange
        self.alert = alert
        self.trap = trap
        self.heartbeat = heartbeat
    }
}

/// A link's state and rates from one poll.
public struct LinkSampleObservation: Codable, Sendable, Equatable {
    public var device: String
    public var ifName: String
    public var linkId: Int64?
    /// `up`, `down`, `adminDown`, `degraded`, `flapping`, `unknown`.
    public var health: String
    public var inBitsPerSecond: Double?
    public var outBitsPerSecond: Double?
    public var inUtilisation: Double?
    public var outUtilisation: Double?
    public var errorsAndDiscardsPerSecond: Double?

    public init(
        device: String, ifName: String, linkId: Int64?, health: String, inBitsPerSecond: Double? = nil,
        outBitsPerSecond: Double? = nil, inUtilisation: Double? = nil, outUtilisation: Double? = nil,
        errorsAndDiscardsPerSecond: Double? = nil
    ) {
        self.device = device
        self.ifName = ifName
        self.linkId = linkId
        self.health = health
        self.inBitsPerSecond = inBitsPerSecond
        self.outBitsPerSecond = outBitsPerSecond
        self.inUtilisation = inUtilisation
        self.outUtilisation = outUtilisation
        self.errorsAndDiscardsPerSecond = errorsAndDiscardsPerSecond
    }
}

/// A link's health changed.
public struct HealthChangeObservation: Codable, Sendable, Equatable {
    public var device: String
    public var ifName: String
    public var linkId: Int64?
    public var from: String
    public var to: String
    public var reason: String

    public init(device: String, ifName: String, linkId: Int64?, from: String, to: String, reason: String) {
        self.device = device
        self.ifName = ifName
        self.linkId = linkId
        self.from = from
        self.to = to
        self.reason = reason
    }
}

/// A security alert (an attack episode) as the detectors report it, opened, updated or closed.
public struct AlertObservation: Codable, Sendable, Equatable {
    /// The episode's id, stable across its updates.
    public var alertId: String
    /// `open`, `updated` or `closed`.
    public var state: String
    public var kind: String
    public var attacker: String
    public var unitId: String?
    public var linkId: String?
    public var spoofedSource: Bool
    public var targetCount: Int
    public var targetsSample: [String]
    public var ports: [Int]
    public var firstSeen: String
    public var lastSeen: String
    public var packets: Int
    public var bytes: Int
    public var packetsPerSecond: Double
    /// The evidence pcap (base64), capped in size; nil when none was kept.
    public var evidencePcapBase64: String?

    public init(
        alertId: String, state: String, kind: String, attacker: String, unitId: String?, linkId: String?,
        spoofedSource: Bool, targetCount: Int, targetsSample: [String], ports: [Int], firstSeen: String,
        lastSeen: String, packets: Int, bytes: Int, packetsPerSecond: Double, evidencePcapBase64: String? = nil
    ) {
        self.alertId = alertId
        self.state = state
        self.kind = kind
        self.attacker = attacker
        self.unitId = unitId
        self.linkId = linkId
        self.spoofedSource = spoofedSource
        self.targetCount = targetCount
        self.targetsSample = targetsSample
        self.ports = ports
        self.firstSeen = firstSeen
        self.lastSeen = lastSeen
        self.packets = packets
        self.bytes = bytes
        self.packetsPerSecond = packetsPerSecond
        self.evidencePcapBase64 = evidencePcapBase64
    }
}

/// An SNMP trap the agent received.
public struct TrapObservation: Codable, Sendable, Equatable {
    public var device: String
    /// `linkDown`, `linkUp` or `other`.
    public var trap: String
    public var ifIndex: Int?
    public var ifName: String?

    public init(device: String, trap: String, ifIndex: Int? = nil, ifName: String? = nil) {
        self.device = device
        self.trap = trap
        self.ifIndex = ifIndex
        self.ifName = ifName
    }
}

/// The agent's heartbeat and its own counters.
public struct HeartbeatObservation: Codable, Sendable, Equatable {
    public var version: String
    public var uptimeSeconds: Double
    public var assignmentVersion: String?
    public var outboxDepth: Int
    /// Link samples dropped because the outbox was full, since the agent started.
    public var droppedSamples: Int
    public var pollsCompleted: Int
    public var devicesUnreachable: Int
    public var capturePackets: Int
    public var captureDrops: Int

    public init(
        version: String, uptimeSeconds: Double, assignmentVersion: String?, outboxDepth: Int, droppedSamples: Int,
        pollsCompleted: Int, devicesUnreachable: Int, capturePackets: Int, captureDrops: Int
    ) {
        self.version = version
        self.uptimeSeconds = uptimeSeconds
        self.assignmentVersion = assignmentVersion
        self.outboxDepth = outboxDepth
        self.droppedSamples = droppedSamples
        self.pollsCompleted = pollsCompleted
        self.devicesUnreachable = devicesUnreachable
        self.capturePackets = capturePackets
        self.captureDrops = captureDrops
    }
}

/// The body of `POST /api/v1/agent/observations`: thousands of observations, stored in one transaction.
public struct ObservationBatch: Codable, Sendable, Equatable {
    public var observations: [Observation]

    public init(observations: [Observation]) {
        self.observations = observations
    }
}

/// The registry's acknowledgement of a batch: every key it now holds (new or seen before), so the agent
/// deletes exactly those from its outbox.
public struct ObservationAck: Codable, Sendable, Equatable {
    public var stored: Int
    public var duplicates: Int
    public var keys: [String]

    public init(stored: Int, duplicates: Int, keys: [String]) {
        self.stored = stored
        self.duplicates = duplicates
        self.keys = keys
    }
}

// MARK: - Commands down

/// What a command asks of the agent.
public enum AgentCommandKind: String, Codable, Sendable, CaseIterable {
    /// SNMP SET ifAdminStatus down(2), then read back until confirmed or timed out.
    case portShutdown = "port.shutdown"
    /// SNMP SET ifAdminStatus up(1), then read back.
    case portRestore = "port.restore"
}

/// A command queued for an agent (`GET /api/v1/agent/commands?wait=SECONDS` long-polls for them).
public struct AgentCommand: Codable, Sendable, Equatable {
    /// Unique; the agent executes a command id at most once, even across restarts.
    public var id: String
    public var kind: AgentCommandKind
    public var device: String
    public var ifName: String
    public var issuedAt: String
    /// How long the agent reads back before it reports `timedOut`.
    public var deadlineSeconds: Int

    public init(
        id: String, kind: AgentCommandKind, device: String, ifName: String, issuedAt: String, deadlineSeconds: Int
    ) {
        self.id = id
        self.kind = kind
        self.device = device
        self.ifName = ifName
        self.issuedAt = issuedAt
        self.deadlineSeconds = deadlineSeconds
    }
}

/// How a command ended.
public enum AgentCommandOutcome: String, Codable, Sendable, CaseIterable {
    /// The read-back showed the requested ifAdminStatus.
    case confirmed
    /// The SET failed (SNMP error, unknown port, device unreachable).
    case failed
    /// The SET was sent but the read-back never showed the requested state before the deadline.
    case timedOut = "timed_out"
}

/// The body of `POST /api/v1/agent/commands/{id}/result`: what the agent did, with the read-back values.
public struct AgentCommandResult: Codable, Sendable, Equatable {
    public var id: String
    public var outcome: AgentCommandOutcome
    public var adminStatus: String?
    public var operStatus: String?
    public var message: String
    public var finishedAt: String

    public init(
        id: String, outcome: AgentCommandOutcome, adminStatus: String?, operStatus: String?, message: String,
        finishedAt: String
    ) {
        self.id = id
        self.outcome = outcome
        self.adminStatus = adminStatus
        self.operStatus = operStatus
        self.message = message
        self.finishedAt = finishedAt
    }
}

/// A link's current state as the registry knows it from its agent (`GET /api/v1/links/{id}/state`).
public struct LinkStateView: Codable, Sendable, Equatable {
    public var linkId: Int64
    /// `unknown` when no sample came or the hub's agent is stale.
    public var health: String
    public var since: String?
    public var lastSampleAt: String?
    public var inBitsPerSecond: Double?
    public var outBitsPerSecond: Double?
    public var inUtilisation: Double?
    public var outUtilisation: Double?
    public var agentStale: Bool
    /// The isolation order that shut the link's port on purpose; `health` is then `adminDown`, never an outage.
    public var isolatedBy: String?

    public init(
        linkId: Int64, health: String, since: String?, lastSampleAt: String?, inBitsPerSecond: Double?,
        outBitsPerSecond: Double?, inUtilisation: Double?, outUtilisation: Double?, agentStale: Bool,
        isolatedBy: String? = nil
    ) {
        self.isolatedBy = isolatedBy
        self.linkId = linkId
        self.health = health
        self.since = since
        self.lastSampleAt = lastSampleAt
        self.inBitsPerSecond = inBitsPerSecond
        self.outBitsPerSecond = outBitsPerSecond
        self.inUtilisation = inUtilisation
        self.outUtilisation = outUtilisation
        self.agentStale = agentStale
    }
}
