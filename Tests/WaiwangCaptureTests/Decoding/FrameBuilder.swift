import WaiwangCapture

/// Builds frames byte by byte for the decoder tests: each function returns a header followed by
/// its payload, with lengths computed unless a test overrides them to make a frame wrong.
enum FrameBuilder {
    static let unitMAC: [UInt8] = [0x02, 0, 0, 0, 0, 0x01]
    static let hubMAC: [UInt8] = [0x02, 0, 0, 0, 0, 0x02]

    static func be16(_ value: Int) -> [UInt8] {
        [UInt8(truncatingIfNeeded: value >> 8), UInt8(truncatingIfNeeded: value)]
    }

    static func be32(_ value: UInt32) -> [UInt8] {
        be16(Int(value >> 16)) + be16(Int(value & 0xFFFF))
    }

    /// Ethernet II from the unit to the hub, with VLAN tags (TPID, VLAN id) outermost first.
    static func ethernet(_ etherType: Int, _ payload: [UInt8], tags: [(tpid: Int, vlan: Int)] = []) -> [UInt8] {
        var frame = hubMAC + unitMAC
        for tag in tags { frame += be16(tag.tpid) + be16(tag.vlan) }
        return frame + be16(etherType) + payload
    }

    /// An IPv4 header (IHL 5 unless `options` words are added) before `payload`.
    static func ipv4(
        _ protocolNumber: UInt8, _ payload: [UInt8], source: UInt32 = 0x0A4D_0105, destination: UInt32 = 0x0A00_0001,
        fragmentField: Int = 0, totalLength: Int? = nil, ihl: Int = 5, version: UInt8 = 4
    ) -> [UInt8] {
        let options = [UInt8](repeating: 1, count: max(ihl - 5, 0) * 4)
        let total = totalLength ?? (20 + options.count + payload.count)
        return [version << 4 | UInt8(ihl & 0xF), 0] + be16(total) + be16(1) + be16(fragmentField)
            + [64, protocolNumber, 0, 0] + be32(source) + be32(destination) + options + payload
    }

    static let v6Source: [UInt8] = [0x20, 0x01, 0x0D, 0xB8] + [UInt8](repeating: 0, count: 11) + [1]
    static let v6Destination: [UInt8] = [0x20, 0x01, 0x0D, 0xB8] + [UInt8](repeating: 0, count: 11) + [2]

    /// An IPv6 header before `payload` (extension headers included in it).
    static func ipv6(_ nextHeader: UInt8, _ payload: [UInt8], payloadLength: Int? = nil) -> [UInt8] {
        [0x60, 0, 0, 0] + be16(payloadLength ?? payload.count) + [nextHeader, 64] + v6Source + v6Destination + payload
    }

    /// An 8-byte-unit extension header (hop-by-hop, routing, destination options) with padding.
    static func extensionHeader(next: UInt8, units: Int = 0) -> [UInt8] {
        [next, UInt8(units)] + [UInt8](repeating: 0, count: 6 + units * 8)
    }

    /// An IPv6 fragment header.
    static func fragmentHeader(next: UInt8, offsetUnits: Int, more: Bool) -> [UInt8] {
        [next, 0] + be16(offsetUnits << 3 | (more ? 1 : 0)) + [0, 0, 0, 7]
    }

    /// An authentication header with `words` 4-byte words after the fixed 12 bytes.
    static func authenticationHeader(next: UInt8, words: Int = 1) -> [UInt8] {
        [next, UInt8(words + 1)] + [UInt8](repeating: 0, count: 10 + words * 4)
    }

    static func tcp(
        source: Int = 40_000, destination: Int = 22, flags: UInt8 = 0x02, dataOffset: UInt8 = 5, payload: [UInt8] = [],
        statedDataOffset: UInt8? = nil
    ) -> [UInt8] {
        let options = [UInt8](repeating: 1, count: max(Int(dataOffset) - 5, 0) * 4)
        let stated = statedDataOffset ?? dataOffset
        return be16(source) + be16(destination) + be32(1) + be32(0) + [stated << 4, flags] + be16(1024)
            + [0, 0, 0, 0] + options + payload
    }

    static func udp(source: Int = 5353, destination: Int = 53, payload: [UInt8] = [1, 2, 3, 4], length: Int? = nil)
        -> [UInt8]
    {
        be16(source) + be16(destination) + be16(length ?? 8 + payload.count) + [0, 0] + payload
    }

    static func icmp(type: UInt8 = 8, code: UInt8 = 0) -> [UInt8] { [type, code, 0, 0, 0, 1, 0, 1] }

    static func arp(operation: Int = 1, senderIP: UInt32 = 0x0A4D_0105, targetIP: UInt32 = 0x0A4D_0101) -> [UInt8] {
        be16(1) + be16(0x0800) + [6, 4] + be16(operation) + unitMAC + be32(senderIP) + [0, 0, 0, 0, 0, 0]
            + be32(targetIP)
    }

    /// Linux cooked v1 header: packet type, ARPHRD_ETHER, address length 6, address, protocol.
    static func linuxSLL(_ protocolType: Int, _ payload: [UInt8], packetType: Int = 0) -> [UInt8] {
        be16(packetType) + be16(1) + be16(6) + unitMAC + [0, 0] + be16(protocolType) + payload
    }

    /// Linux cooked v2 header: protocol, reserved, ifindex, ARPHRD_ETHER, packet type, length, address.
    static func linuxSLL2(_ protocolType: Int, _ payload: [UInt8], packetType: UInt8 = 0) -> [UInt8] {
        be16(protocolType) + [0, 0] + be32(2) + be16(1) + [packetType, 6] + unitMAC + [0, 0] + payload
    }

    /// Decodes one frame with a fresh decoder, returning the packet and the statistics.
    static func decode(_ frame: [UInt8], linkType: LinkType = .ethernet, wireLength: Int? = nil)
        -> (packet: DecodedPacket?, statistics: DecodeStatistics)
    {
        var decoder = PacketDecoder(linkType: linkType)
        let packet = decoder.decode(frame, timestampNanoseconds: 7, wireLength: wireLength)
        return (packet, decoder.statistics)
    }

    /// The single reason a frame was skipped for, or nil if it decoded.
    static func failure(_ frame: [UInt8], linkType: LinkType = .ethernet, wireLength: Int? = nil) -> DecodeFailure? {
        let statistics = decode(frame, linkType: linkType, wireLength: wireLength).statistics
        return statistics.skippedByReason.first?.reason
    }

    /// The transport header of an IP frame, or nil.
    static func transport(_ frame: [UInt8], linkType: LinkType = .ethernet) -> TransportHeader? {
        guard case .ip(_, _, let transport, _)? = decode(frame, linkType: linkType).packet?.network else { return nil }
        return transport
    }
}
