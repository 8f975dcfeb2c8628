import WaiwangAPI

extension ObservationKind: SchemaEnum { static var schemaValues: [String] { allCases.map(\.rawValue) } }
extension AgentCommandKind: SchemaEnum { static var schemaValues: [String] { allCases.map(\.rawValue) } }
extension AgentCommandOutcome: SchemaEnum { static var schemaValues: [String] { allCases.map(\.rawValue) } }
extension AgentCommandStatus: SchemaEnum { static var schemaValues: [String] { allCases.map(\.rawValue) } }

extension SchemaReflector {
    /// Example values of the agent protocol's wire types, every optional filled.
    static func agentExamples() -> [(String, any Sendable)] {
        let credential = AssignedCredential(
            version: "v3", community: "", user: "", authProtocol: "SHA", authPassphrase: "", privProtocol: "AES",
            privPassphrase: "")
        let device = AssignedDevice(
            name: "HT-AGG-01", snmpAddress: "udp:10.53.1.1:161", credential: credential,
            ports: [AssignedPort(ifName: "GigabitEthernet0/0/1", linkId: 1, unitIds: [1])])
        let watch = WatchAssignment(
            units: [WatchAssignment.Unit(id: "1", name: "", prefixes: ["10.1.2.0/24"], link: "1")],
            links: [WatchAssignment.Link(id: "1", units: ["1"])], allow: ["10.53.0.0/16"])
        let sample = LinkSampleObservation(
            device: "", ifName: "", linkId: 1, health: "up", inBitsPerSecond: 0, outBitsPerSecond: 0,
            inUtilisation: 0, outUtilisation: 0, errorsAndDiscardsPerSecond: 0)
        let alert = AlertObservation(
            alertId: "", state: "open", kind: "", attacker: "", unitId: "", linkId: "", spoofedSource: false,
            targetCount: 0, targetsSample: [""], ports: [0], firstSeen: "", lastSeen: "", packets: 0, bytes: 0,
            packetsPerSecond: 0, evidencePcapBase64: "")
        let heartbeat = HeartbeatObservation(
            version: "", uptimeSeconds: 0, assignmentVersion: "", outboxDepth: 0, droppedSamples: 0,
            pollsCompleted: 0, devicesUnreachable: 0, capturePackets: 0, captureDrops: 0)
        let observation = Observation(
            key: "", kind: .linkSample, observedAt: "", linkSample: sample,
            healthChange: HealthChangeObservation(
                device: "", ifName: "", linkId: 1, from: "up", to: "down", reason: ""),
            alert: alert, trap: TrapObservation(device: "", trap: "linkDown", ifIndex: 1, ifName: ""),
            heartbeat: heartbeat)
        let command = AgentCommand(
            id: "", kind: .portShutdown, device: "", ifName: "", issuedAt: "", deadlineSeconds: 30)
        let result = AgentCommandResult(
            id: "", outcome: .confirmed, adminStatus: "down", operStatus: "down", message: "", finishedAt: "")
        return [
            ("AgentEnrollmentCreate", AgentEnrollmentCreate(hub: "HT", name: "")),
            ("AgentEnrollmentTicket", AgentEnrollmentTicket(agentId: 1, hub: "HT", token: "", expiresAt: "")),
            ("AgentEnrollRequest", AgentEnrollRequest(token: "", hostname: "", version: "")),
            ("AgentCredential", AgentCredential(agentId: 1, hub: "HT", secret: "")),
            (
                "AgentView",
                AgentView(
                    id: 1, hub: "HT", name: "", hostname: "", version: "", enrolledAt: "", lastHeartbeatAt: "",
                    stale: false, outboxDepth: 0, droppedSamples: 0, revokedAt: "", revokedBy: "", revokeReason: "")
            ),
            ("AgentRevocation", AgentRevocation(reason: "")),
            ("AssignedCredential", credential),
            ("AssignedDevice", device),
            ("AssignedCapture", AssignedCapture(interface: "", linkId: 1, filter: "")),
            ("WatchAssignment", watch),
            (
                "AgentAssignment",
                AgentAssignment(
                    version: "", agentId: 1, hub: "HT", pollIntervalSeconds: 30, heartbeatIntervalSeconds: 30,
                    devices: [device], capture: [AssignedCapture(interface: "", linkId: 1)], watch: watch)
            ),
            ("Observation", observation),
            ("ObservationBatch", ObservationBatch(observations: [observation])),
            ("ObservationAck", ObservationAck(stored: 0, duplicates: 0, keys: [""])),
            ("AgentCommand", command),
            ("AgentCommandResult", result),
            ("AgentCommandCreate", AgentCommandCreate(kind: .portShutdown, device: "", ifName: "")),
            (
                "AgentCommandView",
                AgentCommandView(
                    agentId: 1, command: command, status: .confirmed, issuedBy: "", deliveredAt: "", result: result)
            ),
            (
                "AgentObservationCounts",
                AgentObservationCounts(
                    agentId: 1, keys: 0, linkSamples: 0, healthChanges: 0, alerts: 0, traps: 0, heartbeats: 0)
            ),
            (
                "LinkStateView",
                LinkStateView(
                    linkId: 1, health: "up", since: "", lastSampleAt: "", inBitsPerSecond: 0, outBitsPerSecond: 0,
                    inUtilisation: 0, outUtilisation: 0, agentStale: false, isolatedBy: "ORD-2026-000001")
            ),
        ]
    }
}
