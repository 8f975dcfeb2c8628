/// The kind of attack an alert reports; the raw value is the `kind` field of the alert JSON.
public enum AlertKind: String, Sendable, Hashable, Codable, CaseIterable {
    case portScan = "port_scan"
    case hostSweep = "host_sweep"
    case wormFanout = "worm_fanout"
    case synFlood = "syn_flood"
    case udpFlood = "udp_flood"
    case icmpFlood = "icmp_flood"
    case bruteForce = "brute_force"
    case arpSpoof = "arp_spoof"

    /// A bit of its own, for masks of the kinds open for one subject.
    var bit: UInt16 {
        switch self {
        case .portScan: 1
        case .hostSweep: 2
        case .wormFanout: 4
        case .synFlood: 8
        case .udpFlood: 16
        case .icmpFlood: 32
        case .bruteForce: 64
        case .arpSpoof: 128
        }
    }
}

/// Where an alert is in its episode: just opened, updated while the attack goes on, or closed after idling.
public enum AlertState: String, Sendable, Hashable, Codable {
    case open
    case updated
    case closed
}

/// How the detector decided: a fixed window count, the threshold random walk, a rate, or an ARP binding.
public enum DetectionMethod: String, Sendable, Hashable, Codable {
    /// Distinct failed or unanswered contacts counted in a fixed window (Zeek's scan policy).
    case window
    /// The threshold random walk over first contacts (Jung et al. 2004), for slow scans.
    case trw
    /// Packets or sessions per second over a threshold.
    case rate
    /// An ARP claim contradicting a known or configured binding.
    case binding
}
