import WaiwangCore

/// The running state of one attack episode; `EpisodeBook` turns it into `Alert` snapshots.
struct Episode {
    let id: String
    let kind: AlertKind
    let subject: UInt64
    let owner: Int32
    let attacker: String
    let method: DetectionMethod
    let firstSeen: Int64
    var lastSeen: Int64
    var lastReported: Int64
    var packets: UInt64
    var bytes: UInt64
    var targets = DistinctTally()
    var targetSample: [IPAddress] = []
    var targetFloor: Int
    var ports = DistinctTally()
    var portSample: [UInt16] = []
    var portFloor: Int
    var sources: DistinctTally?
    var sourceSample: [IPAddress] = []
    var evidence = 0
    /// Packets fed since the opening: the evidence rule's "first N" counts these.
    var fed = 0
    /// Whether its opening has been reported; until then evidence is staged behind the alert.
    var reported = false
    var staged: [EvidencePacket] = []

    /// Counts a target, port and source into the tallies and samples.
    mutating func note(
        target: IPAddress, targetKey: UInt64, port: UInt16?, source: IPAddress?, sourceKey: UInt64, sampleSize: Int
    ) {
        if targets.insert(targetKey), targetSample.count < sampleSize { targetSample.append(target) }
        if let port, ports.insert(UInt64(port)), portSample.count < sampleSize { portSample.append(port) }
        if let source, sources != nil, sources!.insert(sourceKey), sourceSample.count < sampleSize {
            sourceSample.append(source)
        }
    }
}
