import Foundation

/// The detectors' thresholds, windows and table caps, from `Config/detection.json`; every field has a
/// default grounded in the field's practice (see docs/ALERTS.md), so a file need only name what it changes.
public struct DetectionPolicy: Sendable, Hashable, Codable, DetectionDocument {
    public var portScan = PortScanPolicy()
    public var hostSweep = HostSweepPolicy()
    public var wormFanout = WormFanoutPolicy()
    public var slowScan = SlowScanPolicy()
    public var synFlood = FloodPolicy.synDefault
    public var udpFlood = FloodPolicy.udpDefault
    public var icmpFlood = FloodPolicy.icmpDefault
    public var bruteForce = BruteForcePolicy()
    public var arpSpoof = ARPSpoofPolicy()
    public var episodes = EpisodePolicy()
    public var evidence = EvidencePolicy()
    public var tables = TableCaps()

    /// The defaults.
    public init() {}

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        portScan = try c.value(.portScan, or: portScan)
        hostSweep = try c.value(.hostSweep, or: hostSweep)
        wormFanout = try c.value(.wormFanout, or: wormFanout)
        slowScan = try c.value(.slowScan, or: slowScan)
        synFlood = try c.value(.synFlood, or: synFlood)
        udpFlood = try c.value(.udpFlood, or: udpFlood)
        icmpFlood = try c.value(.icmpFlood, or: icmpFlood)
        bruteForce = try c.value(.bruteForce, or: bruteForce)
        arpSpoof = try c.value(.arpSpoof, or: arpSpoof)
        episodes = try c.value(.episodes, or: episodes)
        evidence = try c.value(.evidence, or: evidence)
        tables = try c.value(.tables, or: tables)
    }

    /// What the file is called in error messages.
    public static let documentName = "detection policy"

    /// Checks every threshold and cap is in range.
    public func validate() throws(DetectionConfigurationError) {
        try Self.count("portScan.distinctPorts", portScan.distinctPorts, 1...250)
        try Self.positive("portScan.windowSeconds", portScan.windowSeconds)
        try Self.count("hostSweep.distinctHosts", hostSweep.distinctHosts, 1...250)
        try Self.positive("hostSweep.windowSeconds", hostSweep.windowSeconds)
        try Self.count("wormFanout.distinctHosts", wormFanout.distinctHosts, 1...250)
        try Self.positive("wormFanout.windowSeconds", wormFanout.windowSeconds)
        guard slowScan.failureRatio > 1 else {
            throw DetectionConfigurationError(field: "slowScan.failureRatio", "must be above 1")
        }
        guard slowScan.successRatio > 0, slowScan.successRatio < 1 else {
            throw DetectionConfigurationError(field: "slowScan.successRatio", "must be between 0 and 1")
        }
        guard slowScan.upperThreshold > 1 else {
            throw DetectionConfigurationError(field: "slowScan.upperThreshold", "must be above 1")
        }
        guard slowScan.lowerThreshold > 0, slowScan.lowerThreshold < 1 else {
            throw DetectionConfigurationError(field: "slowScan.lowerThreshold", "must be between 0 and 1")
        }
        try Self.positive("slowScan.contactTimeoutSeconds", slowScan.contactTimeoutSeconds)
        for (name, flood) in [("synFlood", synFlood), ("udpFlood", udpFlood), ("icmpFlood", icmpFlood)] {
            try Self.positive("\(name).unansweredPerSecond", flood.unansweredPerSecond)
            try Self.positive("\(name).packetsPerSecond", flood.packetsPerSecond)
            try Self.positive("\(name).windowSeconds", flood.windowSeconds)
        }
        try Self.count("bruteForce.sessions", bruteForce.sessions, 1...65_535)
        try Self.positive("bruteForce.windowSeconds", bruteForce.windowSeconds)
        try Self.positive("arpSpoof.bindingFreshSeconds", arpSpoof.bindingFreshSeconds)
        try Self.positive("episodes.idleTimeoutSeconds", episodes.idleTimeoutSeconds)
        try Self.positive("episodes.updateIntervalSeconds", episodes.updateIntervalSeconds)
        try Self.count("episodes.maxOpen", episodes.maxOpen, 1...1_000_000)
        try Self.count("episodes.sampleSize", episodes.sampleSize, 1...1_000)
        try Self.count("evidence.firstPackets", evidence.firstPackets, 0...100_000)
        try Self.count("evidence.sampleEvery", evidence.sampleEvery, 1...10_000_000)
        try Self.count("evidence.maxPacketsPerAlert", evidence.maxPacketsPerAlert, 0...1_000_000)
        try Self.count("evidence.snapLength", evidence.snapLength, 14...262_144)
        try Self.count("evidence.ringPackets", evidence.ringPackets, 0...64)
        try Self.count("evidence.ringSnapLength", evidence.ringSnapLength, 14...65_535)
        try Self.count("evidence.rings", evidence.rings, 1...1_048_576)
        let caps: [(String, Int)] = [
            ("tables.contacts", tables.contacts), ("tables.pendingContacts", tables.pendingContacts),
            ("tables.pairs", tables.pairs), ("tables.sources", tables.sources), ("tables.services", tables.services),
            ("tables.authSessions", tables.authSessions), ("tables.targets", tables.targets),
            ("tables.arpBindings", tables.arpBindings),
        ]
        for (field, cap) in caps { try Self.count(field, cap, 8...(1 << 26)) }
        try Self.count("tables.doorkeeperBits", tables.doorkeeperBits, 64...(1 << 32))
    }

    private static func count(_ field: String, _ value: Int, _ range: ClosedRange<Int>)
        throws(DetectionConfigurationError)
    {
        guard range.contains(value) else {
            throw DetectionConfigurationError(
                field: field, "must be within \(range.lowerBound)…\(range.upperBound), not \(value)")
        }
    }

    private static func positive(_ field: String, _ value: Double) throws(DetectionConfigurationError) {
        guard value > 0, value.isFinite else {
            throw DetectionConfigurationError(field: field, "must be a positive number, not \(value)")
        }
    }
}
