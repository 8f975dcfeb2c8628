/// What an incident is about: an attack the detectors saw (raw value = the alert's `kind`) or a fault of a hub.
public enum IncidentKind: String, Sendable, Codable, CaseIterable {
    case portScan = "port_scan"
    case hostSweep = "host_sweep"
    case wormFanout = "worm_fanout"
    case synFlood = "syn_flood"
    case udpFlood = "udp_flood"
    case icmpFlood = "icmp_flood"
    case bruteForce = "brute_force"
    case arpSpoof = "arp_spoof"
    /// A hub device that does not answer its poller.
    case deviceUnreachable = "device_unreachable"
    /// Many links down at one hub at once.
    case linksDown = "links_down"

    /// Whether this is an attack from a unit's LAN or a fault of the extranet.
    public var category: IncidentCategory {
        switch self {
        case .deviceUnreachable, .linksDown: .fault
        default: .security
        }
    }

    /// Parses a kind by its code or its Chinese label; refuses anything else, naming the codes.
    public init(parsing text: String, field: String = "kind") throws(RegistryError) {
        let trimmed = text.trimmingBlanks()
        guard
            let kind = IncidentKind(rawValue: trimmed.lowercased())
                ?? IncidentKind.allCases.first(where: { $0.label == trimmed })
        else {
            throw .invalid(
                field, rule: "incident-kind",
                "unknown kind \"\(text)\"; use \(IncidentKind.allCases.map(\.rawValue).joined(separator: ", "))")
        }
        self = kind
    }

    /// The Chinese name of the event type, as reports write it.
    public var label: String {
        switch self {
        case .portScan: "端口扫描"
        case .hostSweep: "主机扫描"
        case .wormFanout: "蠕虫扩散"
        case .synFlood: "SYN 洪泛攻击"
        case .udpFlood: "UDP 洪泛攻击"
        case .icmpFlood: "ICMP 洪泛攻击"
        case .bruteForce: "口令暴力破解"
        case .arpSpoof: "ARP 欺骗"
        case .deviceUnreachable: "汇聚设备不可达"
        case .linksDown: "汇聚节点多条链路中断"
        }
    }

    /// The class of GB/T 20986-2023 the kind belongs to, for the report's 事件类型.
    public var standardClass: String {
        switch self {
        case .wormFanout: "有害程序事件"
        case .portScan, .hostSweep, .synFlood, .udpFlood, .icmpFlood, .bruteForce, .arpSpoof: "网络攻击事件"
        case .deviceUnreachable, .linksDown: "设备设施故障"
        }
    }
}

/// An attack from a unit's LAN (article 22) or a fault of the extranet's devices and links (article 21(4)).
public enum IncidentCategory: String, Sendable, Codable, CaseIterable {
    case security, fault

    /// 安全事件 or 故障.
    public var label: String { self == .security ? "网络安全事件" : "网络故障" }
}
