/// EtherTypes and the VLAN tags in front of them.
extension PacketDecoder {
    static let etherTypeIPv4: UInt16 = 0x0800
    static let etherTypeARP: UInt16 = 0x0806
    static let etherTypeIPv6: UInt16 = 0x86DD

    /// Whether `etherType` announces a VLAN tag: 802.1Q, 802.1ad, or the pre-standard QinQ 0x9100.
    @inline(__always)
    static func isVLANTag(_ etherType: UInt16) -> Bool {
        etherType == 0x8100 || etherType == 0x88A8 || etherType == 0x9100
    }

    /// The most VLAN tags followed: QinQ is two, some carriers stack a third or fourth.
    static let maximumVLANTags = 4

    /// Follows up to `maximumVLANTags` tags from `offset` (the first two are kept as outer and
    /// inner VLAN), then decodes the network header.
    @inline(__always)
    static func decodeEtherTypes(
        _ frame: FrameBytes, etherType first: UInt16, offset start: Int, wire: Int, into packet: inout DecodedPacket
    ) throws(DecodeFailure) {
        var etherType = first
        var offset = start
        var tags = 0
        while isVLANTag(etherType) {
            guard tags < maximumVLANTags else { throw .tooManyVLANTags }
            guard frame.count - offset >= 4 else { throw .truncatedVLANTag }
            let vlan = frame.u16(offset) & 0x0FFF
            if tags == 0 {
                packet.outerVLAN = vlan
            } else if tags == 1 {
                packet.innerVLAN = vlan
            }
            etherType = frame.u16(offset + 2)
            offset += 4
            tags += 1
        }
        switch etherType {
        case etherTypeIPv4:
            packet.network = try decodeIPv4(frame, at: offset, wire: wire)
        case etherTypeIPv6:
            packet.network = try decodeIPv6(frame, at: offset, wire: wire)
        case etherTypeARP:
            packet.network = .arp(try decodeARP(frame, at: offset))
        default:
            packet.network = .other(etherType: etherType)
        }
    }

    /// ARP for IPv4 over Ethernet: hardware type 1, protocol 0x0800, sizes 6 and 4.
    static func decodeARP(_ frame: FrameBytes, at offset: Int) throws(DecodeFailure) -> ARPMessage {
        guard frame.count - offset >= 8 else { throw .truncatedARP }
        guard frame.u16(offset) == 1, frame.u16(offset + 2) == etherTypeIPv4, frame.u8(offset + 4) == 6,
            frame.u8(offset + 5) == 4
        else { throw .unsupportedARP }
        guard frame.count - offset >= 28 else { throw .truncatedARP }
        return ARPMessage(
            operation: frame.u16(offset + 6), senderMAC: frame.mac(offset + 8), senderIP: frame.u32(offset + 14),
            targetMAC: frame.mac(offset + 18), targetIP: frame.u32(offset + 24))
    }
}
