/// One observation an incident is built from: an alert episode (in its latest report) or a hub fault.
///
/// The registry fills it from an `AlertObservation` or from link health; re-sending the same `alertId`
/// (the episode's next report) replaces the earlier one rather than adding to it.
public struct IncidentSignal: Hashable, Sendable, Codable {
    /// The alert's id, stable across its updates (or the fault's own id).
    public var alertId: String
    public var kind: IncidentKind
    /// The unit blamed; nil for a forged source on a shared link, or a fault.
    public var unit: String?
    /// Every unit the signal concerns: the unit, or all units of a shared link for a forged source.
    public var units: [String]
    /// The link the capture was taken on, when there is one.
    public var link: String?
    /// The hub (code) the signal came from.
    public var hub: String?
    /// The attacker's address (or MAC for ARP spoofing); empty for a fault.
    public var attacker: String
    public var firstSeen: Instant
    public var lastSeen: Instant
    /// Distinct targets, as the detector counted them.
    public var targetCount: Int
    public var packets: Int
    public var packetsPerSecond: Double
    /// True when a target lies in an important system of critical-targets.json.
    public var targetsCritical: Bool
    /// The important systems (critical-targets.json) among the targets, by name; nil in signals stored before
    /// they were recorded.
    public var criticalTargets: [String]?
    /// True when the source is in no prefix of the link's units.
    public var spoofed: Bool
    /// For faults: hub devices not answering.
    public var devicesUnreachable: Int
    /// For faults: links down at the hub at once.
    public var linksDown: Int

    public init(
        alertId: String, kind: IncidentKind, unit: String?, units: [String]? = nil, link: String? = nil,
        hub: String? = nil, attacker: String = "", firstSeen: Instant, lastSeen: Instant, targetCount: Int = 0,
        packets: Int = 0, packetsPerSecond: Double = 0, targetsCritical: Bool = false, criticalTargets: [String] = [],
        spoofed: Bool = false, devicesUnreachable: Int = 0, linksDown: Int = 0
    ) {
        self.alertId = alertId
        self.kind = kind
        self.unit = unit
        self.units = units ?? (unit.map { [$0] } ?? [])
        self.link = link
        self.hub = hub
        self.attacker = attacker
        self.firstSeen = firstSeen
        self.lastSeen = max(firstSeen, lastSeen)
        self.targetCount = targetCount
        self.packets = packets
        self.packetsPerSecond = packetsPerSecond
        self.targetsCritical = targetsCritical || !criticalTargets.isEmpty
        self.criticalTargets = criticalTargets.isEmpty ? nil : criticalTargets
        self.spoofed = spoofed
        self.devicesUnreachable = devicesUnreachable
        self.linksDown = linksDown
    }

    /// Who an incident is about: the unit when one is blamed; else the link's units (a forged source on a
    /// shared link) or, for a fault, the hub.
    public var subject: IncidentSubject {
        if let unit { return .unit(unit) }
        if kind.category == .fault, let hub { return .hub(hub) }
        return .link(link ?? "", units: units.sorted())
    }
}

/// The party an incident is about; signals fold only into an incident of the same subject and kind.
public enum IncidentSubject: Hashable, Sendable, Codable {
    /// One access unit, by id.
    case unit(String)
    /// A link whose units cannot be told apart (a forged source on a shared link).
    case link(String, units: [String])
    /// A hub, by code (faults).
    case hub(String)
}
