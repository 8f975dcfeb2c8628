import Foundation
import WaiwangAPI
import WaiwangCore

/// An observation that passed every check, with what the checks resolved: its time in the store's format, the
/// link it is about, an alert's first and last sighting in the store's format, the decoded evidence.
struct CheckedObservation {
    var observation: Observation
    var observedAt: String
    var linkId: Int64?
    var alertSeen: (first: String, last: String)?
    var evidence: Data?

    static let healthValues = Set(LinkHealth.allCases.map(\.rawValue))
    static let alertStates: Set<String> = ["open", "updated", "closed"]
    static let trapKinds: Set<String> = ["linkDown", "linkUp", "other"]
    /// No agent's clock is trusted further ahead of the registry's than this.
    static let futureSlackMillis: Int64 = 24 * 3600 * 1000
    static let earliestMillis: Int64 = 946_684_800_000  // 2000-01-01

    /// Checks observation `index` of a batch: exactly the payload of its kind, sane values, only the agent's own
    /// hub. A refusal names `observations[index].field` and the rule.
    init(
        _ observation: Observation, index: Int, scope: AgentHubScope, policy: AgentPolicy, nowMillis: Int64
    ) throws {
        let base = "observations[\(index)]"
        self.observation = observation
        func field(_ name: String) -> String { "\(base).\(name)" }
        func invalid(_ name: String, _ rule: String, _ message: String) -> RegistryError {
            RegistryError.invalid(field(name), rule: rule, message)
        }
        func text(_ value: String, _ name: String, max: Int = 200) throws -> String {
            let trimmed = value.trimmingBlanks()
            guard !trimmed.isEmpty, trimmed.count <= max else {
                throw invalid(name, "observation-value", "must be 1 to \(max) characters")
            }
            return trimmed
        }
        func number(_ value: Double?, _ name: String, max: Double = .greatestFiniteMagnitude) throws {
            guard let value else { return }
            guard value.isFinite, value >= 0, value <= max else {
                throw invalid(name, "observation-value", "\(value) is not a rate or share between 0 and \(max)")
            }
        }
        func count(_ value: Int, _ name: String) throws {
            guard value >= 0 else { throw invalid(name, "observation-value", "must not be negative") }
        }
        func time(_ value: String, _ name: String) throws -> String {
            guard let millis = RFC3339.milliseconds(value) else {
                throw invalid(
                    name, "observation-time", "\"\(value)\" is not an RFC 3339 time such as 2026-11-27T04:05:44Z")
            }
            guard millis >= Self.earliestMillis, millis <= nowMillis + Self.futureSlackMillis else {
                throw invalid(name, "observation-time", "\(value) is implausible: check the agent's clock (NTP)")
            }
            return RFC3339.string(milliseconds: millis)
        }

        _ = try text(observation.key, "key")
        let payloads: [(ObservationKind, String, Bool)] = [
            (.linkSample, "linkSample", observation.linkSample != nil),
            (.healthChange, "healthChange", observation.healthChange != nil),
            (.alert, "alert", observation.alert != nil),
            (.trap, "trap", observation.trap != nil),
            (.heartbeat, "heartbeat", observation.heartbeat != nil),
        ]
        // The missing payload of the kind is named first; then any other payload present.
        for (kind, name, present) in payloads where kind == observation.kind && !present {
            throw invalid(name, "observation-payload", "a \(kind.rawValue) observation needs its \(name) payload")
        }
        for (kind, name, present) in payloads where kind != observation.kind && present {
            throw invalid(
                name, "observation-payload",
                "a \(observation.kind.rawValue) observation carries only its own payload, not \(name)")
        }
        observedAt = try time(observation.observedAt, "observedAt")

        switch observation.kind {
        case .linkSample:
            let sample = observation.linkSample!
            let device = try scope.device(sample.device, field: field("linkSample.device"))
            let ifName = try text(sample.ifName, "linkSample.ifName")
            guard Self.healthValues.contains(sample.health) else {
                throw invalid("linkSample.health", "observation-health", "health must be one of \(Self.healthList)")
            }
            try number(sample.inBitsPerSecond, "linkSample.inBitsPerSecond")
            try number(sample.outBitsPerSecond, "linkSample.outBitsPerSecond")
            try number(sample.inUtilisation, "linkSample.inUtilisation", max: 10)
            try number(sample.outUtilisation, "linkSample.outUtilisation", max: 10)
            try number(sample.errorsAndDiscardsPerSecond, "linkSample.errorsAndDiscardsPerSecond")
            linkId = try scope.link(sample.linkId, device: device, ifName: ifName, field: field("linkSample.linkId"))
        case .healthChange:
            let change = observation.healthChange!
            let device = try scope.device(change.device, field: field("healthChange.device"))
            let ifName = try text(change.ifName, "healthChange.ifName")
            for (value, name) in [(change.from, "from"), (change.to, "to")] where !Self.healthValues.contains(value) {
                throw invalid("healthChange.\(name)", "observation-health", "health must be one of \(Self.healthList)")
            }
            guard change.reason.count <= 1000 else {
                throw invalid("healthChange.reason", "observation-value", "the reason is longer than 1000 characters")
            }
            linkId = try scope.link(change.linkId, device: device, ifName: ifName, field: field("healthChange.linkId"))
        case .alert:
            let alert = observation.alert!
            _ = try text(alert.alertId, "alert.alertId")
            guard Self.alertStates.contains(alert.state) else {
                throw invalid("alert.state", "observation-value", "state must be open, updated or closed")
            }
            _ = try text(alert.kind, "alert.kind", max: 100)
            // ARP spoofing is told by the MAC that made the false claim; every other kind by an IP address.
            if alert.kind == "arp_spoof" {
                guard Self.isMACAddress(alert.attacker) || IPAddress(alert.attacker) != nil else {
                    throw invalid(
                        "alert.attacker", "observation-value",
                        "\"\(alert.attacker)\" is neither a MAC address (aa:bb:cc:dd:ee:ff) nor an IP address")
                }
            } else if IPAddress(alert.attacker) == nil {
                throw invalid("alert.attacker", "observation-value", "\"\(alert.attacker)\" is not an IP address")
            }
            if let unit = alert.unitId, Int64(unit) == nil {
                throw invalid("alert.unitId", "observation-value", "\"\(unit)\" is not a unit id")
            }
            linkId = try scope.link(text: alert.linkId, field: field("alert.linkId"))
            try count(alert.targetCount, "alert.targetCount")
            try count(alert.packets, "alert.packets")
            try count(alert.bytes, "alert.bytes")
            try number(alert.packetsPerSecond, "alert.packetsPerSecond")
            guard alert.targetsSample.count <= 1000, alert.ports.count <= 1000 else {
                throw invalid("alert.targetsSample", "observation-value", "at most 1000 targets and 1000 ports")
            }
            if let port = alert.ports.first(where: { !(0...65535).contains($0) }) {
                throw invalid("alert.ports", "observation-value", "\(port) is not a port number")
            }
            let first = try time(alert.firstSeen, "alert.firstSeen")
            let last = try time(alert.lastSeen, "alert.lastSeen")
            guard first <= last else {
                throw invalid("alert.lastSeen", "observation-time", "lastSeen is before firstSeen")
            }
            alertSeen = (first, last)
            if let base64 = alert.evidencePcapBase64 {
                guard let data = Data(base64Encoded: base64) else {
                    throw invalid("alert.evidencePcapBase64", "evidence", "the evidence is not base64")
                }
                guard data.count <= policy.maxEvidenceBytes else {
                    throw RegistryError(
                        .tooLarge, field: field("alert.evidencePcapBase64"), rule: "evidence",
                        "the evidence has \(ByteSize.describe(data.count)); at most \(ByteSize.describe(policy.maxEvidenceBytes))"
                    )
                }
                guard Self.isCapture(data) else {
                    throw invalid("alert.evidencePcapBase64", "evidence", "the evidence is not a pcap or pcapng file")
                }
                evidence = data
            }
        case .trap:
            let trap = observation.trap!
            _ = try scope.device(trap.device, field: field("trap.device"))
            guard Self.trapKinds.contains(trap.trap) else {
                throw invalid("trap.trap", "observation-value", "trap must be linkDown, linkUp or other")
            }
            if let ifIndex = trap.ifIndex { try count(ifIndex, "trap.ifIndex") }
        case .heartbeat:
            let beat = observation.heartbeat!
            _ = try text(beat.version, "heartbeat.version", max: 100)
            try number(beat.uptimeSeconds, "heartbeat.uptimeSeconds")
            for (value, name) in [
                (beat.outboxDepth, "outboxDepth"), (beat.droppedSamples, "droppedSamples"),
                (beat.pollsCompleted, "pollsCompleted"), (beat.devicesUnreachable, "devicesUnreachable"),
                (beat.capturePackets, "capturePackets"), (beat.captureDrops, "captureDrops"),
            ] {
                try count(value, "heartbeat.\(name)")
            }
        }
    }

    static var healthList: String { LinkHealth.allCases.map(\.rawValue).joined(separator: ", ") }

    /// pcap (either byte order, micro- or nanosecond) or pcapng, by the first four bytes.
    static func isCapture(_ data: Data) -> Bool {
        let magic = [UInt8](data.prefix(4))
        return [
            [0xD4, 0xC3, 0xB2, 0xA1], [0xA1, 0xB2, 0xC3, 0xD4], [0x4D, 0x3C, 0xB2, 0xA1], [0xA1, 0xB2, 0x3C, 0x4D],
            [0x0A, 0x0D, 0x0D, 0x0A],
        ].contains(magic)
    }

    /// Six pairs of hex digits joined by colons, as the detectors print a MAC address.
    static func isMACAddress(_ text: String) -> Bool {
        let parts = text.split(separator: ":", omittingEmptySubsequences: false)
        return parts.count == 6 && parts.allSatisfy { $0.count == 2 && $0.allSatisfy(\.isHexDigit) }
    }
}
