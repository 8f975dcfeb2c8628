import Foundation
import WaiwangCore

/// Slow scans by the threshold random walk of Jung et al. (2004) over each source's first contacts.
///
/// The classic form watches inbound sources; here the walkers are the units' own hosts, outbound. A first
/// contact is a new (target, protocol, port); it fails on a RST or when no answer comes within the contact
/// timeout. Reported as `port_scan` when every failed contact of the walk hit one target, else `host_sweep`.
struct SlowScanDetector {
    private struct Walk {
        var logRatio: Float = 0
        var started: Int64 = 0
        var failures: UInt16 = 0
        var firstTarget: UInt32 = 0
        var manyTargets = false
        var owner: Int32 = 0
        var source: IPAddress = .v4(0)
    }

    private var table: AssociativeTable<Walk>
    private let failureStep: Float
    private let successStep: Float
    private let upper: Float
    private let lower: Float
    let timeout: Int64

    init(policy: SlowScanPolicy, capacity: Int) {
        table = AssociativeTable(capacity: capacity, empty: Walk())
        failureStep = Float(log(policy.failureRatio))
        successStep = Float(log(policy.successRatio))
        upper = Float(log(policy.upperThreshold))
        lower = Float(log(policy.lowerThreshold))
        timeout = Int64(policy.contactTimeoutSeconds * 1e9)
    }

    func statistics() -> TableStatistics { table.statistics("trw_sources") }

    /// Starts (or keeps) the walk of the probe's source, so an outcome can name it later; returns whether
    /// the walk has seen a failure (then the source's first contacts deserve an evidence ring).
    mutating func firstContact(_ probe: Probe) -> Bool {
        let key = KeyHash.key(probe.sourceKey)
        if let slot = table.find(key) {
            table.touch(slot, at: probe.time)
            return table.values[slot].logRatio > 0
        }
        _ = table.insert(key, at: probe.time, value: Walk(owner: probe.owner, source: probe.source))
        return false
    }

    /// Steps the walk of `source` by the outcome, known at `time`, of a first contact probed at `probed`;
    /// opens an episode when the walk crosses the upper threshold.
    mutating func outcome(
        source: UInt64, target: UInt32, success: Bool, probed: Int64, time: Int64, book: inout EpisodeBook
    ) {
        guard let slot = table.find(KeyHash.key(source)) else { return }
        var walk = table.values[slot]
        if walk.logRatio == 0, walk.failures == 0 { walk.started = probed }
        if success {
            walk.logRatio += successStep
        } else {
            walk.logRatio += failureStep
            walk.failures &+= 1
            if walk.firstTarget == 0 {
                walk.firstTarget = target | 1
            } else if walk.firstTarget != target | 1 {
                walk.manyTargets = true
            }
        }
        if walk.logRatio >= upper {
            book.open(
                .init(
                    kind: walk.manyTargets ? .hostSweep : .portScan, subject: source, owner: walk.owner,
                    attacker: walk.source.description, method: .trw, firstSeen: walk.started,
                    priorPackets: Int(walk.failures), targetFloor: walk.manyTargets ? 2 : 1,
                    portFloor: walk.manyTargets ? 0 : Int(walk.failures), candidate: EvidenceRings.key(of: source)),
                now: time)
            walk = Walk(owner: walk.owner, source: walk.source)
        } else if walk.logRatio <= lower {
            walk = Walk(owner: walk.owner, source: walk.source)
        }
        table.values[slot] = walk
    }
}
