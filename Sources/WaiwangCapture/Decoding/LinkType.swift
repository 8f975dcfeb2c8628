/// A libpcap link-layer header type (a `DLT_` value), telling how a captured frame begins.
public struct LinkType: RawRepresentable, Hashable, Sendable, CustomStringConvertible {
    /// The `DLT_` value libpcap reports for a capture (`pcap_datalink`).
    public let rawValue: Int32

    /// Creates a link type from its `DLT_` value.
    public init(rawValue: Int32) {
        self.rawValue = rawValue
    }

    /// Ethernet II with optional 802.1Q/802.1ad tags (`DLT_EN10MB`), the usual mirror-port capture.
    public static let ethernet = LinkType(rawValue: 1)
    /// Bare IPv4 or IPv6 packets, chosen by the version nibble (`DLT_RAW`).
    public static let raw = LinkType(rawValue: 12)
    /// Linux "cooked" capture v1, what `-i any` gives on older libpcap (`DLT_LINUX_SLL`).
    public static let linuxSLL = LinkType(rawValue: 113)
    /// Linux "cooked" capture v2, what `-i any` gives on libpcap 1.10+ (`DLT_LINUX_SLL2`).
    public static let linuxSLL2 = LinkType(rawValue: 276)
    /// Bare IPv4 packets (`DLT_IPV4`).
    public static let ipv4 = LinkType(rawValue: 228)
    /// Bare IPv6 packets (`DLT_IPV6`).
    public static let ipv6 = LinkType(rawValue: 229)

    /// Whether `PacketDecoder` understands frames of this link type.
    public var isDecodable: Bool {
        Framing(self) != .unsupported
    }

    public var description: String {
        switch self {
        case .ethernet: "EN10MB"
        case .raw, LinkType(rawValue: 14), LinkType(rawValue: 101): "RAW"
        case .linuxSLL: "LINUX_SLL"
        case .linuxSLL2: "LINUX_SLL2"
        case .ipv4: "IPV4"
        case .ipv6: "IPV6"
        default: "DLT \(rawValue)"
        }
    }
}

/// How the decoder finds the network header at the start of a frame.
enum Framing: Sendable, Equatable {
    case ethernet
    case linuxSLL
    case linuxSLL2
    /// IPv4 or IPv6 by the version nibble.
    case rawIP
    case unsupported

    init(_ linkType: LinkType) {
        switch linkType.rawValue {
        case 1: self = .ethernet
        case 113: self = .linuxSLL
        case 276: self = .linuxSLL2
        // DLT_RAW is 12 on Linux, 14 on OpenBSD; LINKTYPE_RAW 101 as written in files.
        case 12, 14, 101, 228, 229: self = .rawIP
        default: self = .unsupported
        }
    }
}
