/// Why the decoder skipped a frame: each reason is counted in `DecodeStatistics`.
public enum DecodeFailure: Int, Error, CaseIterable, Sendable, Hashable, CustomStringConvertible {
    /// The capture's link type is not one the decoder reads.
    case unsupportedLinkType
    /// Shorter than the Ethernet (14), Linux SLL (16) or SLL2 (20) header.
    case truncatedLinkHeader
    /// An 802.1Q/802.1ad tag cut short.
    case truncatedVLANTag
    /// More than four stacked VLAN tags.
    case tooManyVLANTags
    /// An ARP message shorter than its 28 bytes for IPv4 over Ethernet.
    case truncatedARP
    /// ARP for another hardware or protocol type, or with other address sizes.
    case unsupportedARP
    /// The IP version nibble does not match the EtherType (or is neither 4 nor 6 on a raw link).
    case badIPVersion
    /// Shorter than the IPv4 header its IHL states.
    case truncatedIPv4
    /// IHL below 5 words.
    case badIPv4HeaderLength
    /// Total length below the header length, or above what the frame carried on the wire.
    case badIPv4TotalLength
    /// A fragment whose offset plus length runs past 65,535 bytes (the "ping of death").
    case fragmentBeyondMaximumSize
    /// Shorter than the 40-byte IPv6 header.
    case truncatedIPv6
    /// Payload length above what the frame carried on the wire.
    case badIPv6PayloadLength
    /// An IPv6 extension header cut short or longer than the payload.
    case truncatedIPv6ExtensionHeader
    /// More IPv6 extension headers than the decoder follows (32).
    case ipv6ExtensionChainTooLong
    /// A TCP header cut short (by the capture or by the IP length).
    case truncatedTCP
    /// A TCP data offset below 5 words or beyond the segment.
    case badTCPDataOffset
    /// A UDP header cut short.
    case truncatedUDP
    /// A UDP length below 8 or beyond the IP payload.
    case badUDPLength
    /// An ICMP header cut short (8 bytes).
    case truncatedICMP
    /// An ICMPv6 header cut short (4 bytes).
    case truncatedICMPv6

    /// A stable snake_case name for logs and metrics, for example `truncated_tcp`.
    public var description: String {
        switch self {
        case .unsupportedLinkType: "unsupported_link_type"
        case .truncatedLinkHeader: "truncated_link_header"
        case .truncatedVLANTag: "truncated_vlan_tag"
        case .tooManyVLANTags: "too_many_vlan_tags"
        case .truncatedARP: "truncated_arp"
        case .unsupportedARP: "unsupported_arp"
        case .badIPVersion: "bad_ip_version"
        case .truncatedIPv4: "truncated_ipv4"
        case .badIPv4HeaderLength: "bad_ipv4_header_length"
        case .badIPv4TotalLength: "bad_ipv4_total_length"
        case .fragmentBeyondMaximumSize: "fragment_beyond_maximum_size"
        case .truncatedIPv6: "truncated_ipv6"
        case .badIPv6PayloadLength: "bad_ipv6_payload_length"
        case .truncatedIPv6ExtensionHeader: "truncated_ipv6_extension_header"
        case .ipv6ExtensionChainTooLong: "ipv6_extension_chain_too_long"
        case .truncatedTCP: "truncated_tcp"
        case .badTCPDataOffset: "bad_tcp_data_offset"
        case .truncatedUDP: "truncated_udp"
        case .badUDPLength: "bad_udp_length"
        case .truncatedICMP: "truncated_icmp"
        case .truncatedICMPv6: "truncated_icmpv6"
        }
    }
}
