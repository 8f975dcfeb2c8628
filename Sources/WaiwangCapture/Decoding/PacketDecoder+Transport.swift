/// TCP, UDP, ICMP and ICMPv6 headers.
extension PacketDecoder {
    /// Decodes the transport header at `start`.
    ///
    /// - Parameters:
    ///   - end: where the captured bytes of this IP packet end (Ethernet padding excluded).
    ///   - segmentLength: the transport length the IP header states.
    ///   - firstFragment: the packet is the first of several fragments, so the transport header
    ///     may be cut by the fragmentation itself (then it is reported as `.fragment`).
    @inline(__always)
    static func decodeTransport(
        _ frame: FrameBytes, protocolNumber: UInt8, at start: Int, end: Int, segmentLength: Int,
        firstFragment: Bool
    ) throws(DecodeFailure) -> TransportHeader {
        let captured = end - start
        switch protocolNumber {
        case 6:
            guard segmentLength >= 20 else {
                if firstFragment { return .fragment(protocolNumber: protocolNumber) }
                throw .truncatedTCP
            }
            guard captured >= 20 else { throw .truncatedTCP }
            let dataOffset = Int(frame.u8(start + 12) >> 4) &* 4
            guard dataOffset >= 20, firstFragment || dataOffset <= segmentLength else { throw .badTCPDataOffset }
            return .tcp(
                sourcePort: frame.u16(start), destinationPort: frame.u16(start + 2),
                flags: TCPFlags(rawValue: frame.u8(start + 13)))
        case 17:
            guard segmentLength >= 8 else {
                if firstFragment { return .fragment(protocolNumber: protocolNumber) }
                throw .truncatedUDP
            }
            guard captured >= 8 else { throw .truncatedUDP }
            let udpLength = Int(frame.u16(start + 4))
            guard firstFragment || (udpLength >= 8 && udpLength <= segmentLength) else { throw .badUDPLength }
            return .udp(sourcePort: frame.u16(start), destinationPort: frame.u16(start + 2))
        case 1:
            guard segmentLength >= 8 else {
                if firstFragment { return .fragment(protocolNumber: protocolNumber) }
                throw .truncatedICMP
            }
            guard captured >= 8 else { throw .truncatedICMP }
            return .icmp(type: frame.u8(start), code: frame.u8(start + 1))
        case 58:
            guard segmentLength >= 4 else {
                if firstFragment { return .fragment(protocolNumber: protocolNumber) }
                throw .truncatedICMPv6
            }
            guard captured >= 4 else { throw .truncatedICMPv6 }
            return .icmpv6(type: frame.u8(start), code: frame.u8(start + 1))
        default:
            return .other(protocolNumber: protocolNumber)
        }
    }
}
