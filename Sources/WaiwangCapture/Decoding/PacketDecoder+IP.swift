import WaiwangCore

/// IPv4 and IPv6 headers, IPv6 extension chains and fragments.
extension PacketDecoder {
    /// The most IPv6 extension headers followed before a packet is called hostile. Skipping
    /// fewer would let a sender hide its traffic behind a long chain that hosts still accept;
    /// the walk is bounded anyway, each header being at least 8 bytes.
    static let maximumIPv6ExtensionHeaders = 32

    /// Decodes an IPv4 header at `offset`; `wire` is the frame's length on the wire.
    @inline(__always)
    static func decodeIPv4(_ frame: FrameBytes, at offset: Int, wire: Int) throws(DecodeFailure) -> NetworkHeader {
        let available = frame.count - offset
        guard available >= 20 else { throw .truncatedIPv4 }
        let versionAndLength = frame.u8(offset)
        guard versionAndLength >> 4 == 4 else { throw .badIPVersion }
        let headerLength = Int(versionAndLength & 0x0F) &* 4
        guard headerLength >= 20 else { throw .badIPv4HeaderLength }
        guard available >= headerLength else { throw .truncatedIPv4 }
        let onWire = wire - offset
        var totalLength = Int(frame.u16(offset + 2))
        // Zero is what segmentation offload leaves in packets captured on the sending host.
        if totalLength == 0 { totalLength = min(onWire, 65535) }
        guard totalLength >= headerLength, totalLength <= onWire else { throw .badIPv4TotalLength }

        let fragmentField = frame.u16(offset + 6)
        let protocolNumber = frame.u8(offset + 9)
        let source = IPAddress.v4(frame.u32(offset + 12))
        let destination = IPAddress.v4(frame.u32(offset + 16))
        let payloadLength = totalLength - headerLength
        let transport: TransportHeader
        let fragmentOffset = Int(fragmentField & 0x1FFF) &* 8
        // Reassembled, the datagram (header included) may not exceed 65,535 bytes.
        guard fragmentOffset + totalLength <= 65535 else { throw .fragmentBeyondMaximumSize }
        if fragmentOffset != 0 {
            transport = .fragment(protocolNumber: protocolNumber)
        } else {
            transport = try decodeTransport(
                frame, protocolNumber: protocolNumber, at: offset + headerLength,
                end: min(frame.count, offset + totalLength), segmentLength: payloadLength,
                firstFragment: fragmentField & 0x2000 != 0)
        }
        return .ip(source: source, destination: destination, transport: transport, payloadLength: payloadLength)
    }

    /// Decodes an IPv6 header and its extension chain at `offset`.
    ///
    /// `payloadLength` is the header's stated payload length (extension headers included); a
    /// zero (jumbogram or segmentation offload) is read as the rest of the frame on the wire.
    static func decodeIPv6(_ frame: FrameBytes, at offset: Int, wire: Int) throws(DecodeFailure) -> NetworkHeader {
        guard frame.count - offset >= 40 else { throw .truncatedIPv6 }
        guard frame.u8(offset) >> 4 == 6 else { throw .badIPVersion }
        let onWire = wire - offset - 40
        var payloadLength = Int(frame.u16(offset + 4))
        if payloadLength == 0 { payloadLength = onWire }
        guard payloadLength <= onWire else { throw .badIPv6PayloadLength }
        let source = IPAddress.v6(frame.u128(offset + 8))
        let destination = IPAddress.v6(frame.u128(offset + 24))

        var next = frame.u8(offset + 6)
        var cursor = offset + 40
        let end = min(frame.count, cursor + payloadLength)
        var remaining = payloadLength
        var firstFragment = false
        var headers = 0
        while isIPv6ExtensionHeader(next) {
            headers += 1
            guard headers <= maximumIPv6ExtensionHeaders else { throw .ipv6ExtensionChainTooLong }
            guard remaining >= 8, end - cursor >= 8 else { throw .truncatedIPv6ExtensionHeader }
            let headerNext = frame.u8(cursor)
            let length: Int
            switch next {
            case 44:  // fragment: offset in 8-byte units, M flag in the low bit
                let fragmentField = frame.u16(cursor + 2)
                let fragmentOffset = Int(fragmentField >> 3) &* 8
                // The fragmentable part (after this header) must end within 65,535 bytes.
                guard remaining - 8 <= 65535 - fragmentOffset else { throw .fragmentBeyondMaximumSize }
                if fragmentOffset != 0 {
                    return .ip(
                        source: source, destination: destination,
                        transport: .fragment(protocolNumber: headerNext), payloadLength: payloadLength)
                }
                firstFragment = fragmentField & 1 != 0
                length = 8
            case 51:  // AH: length in 4-byte units minus 2
                length = (Int(frame.u8(cursor + 1)) + 2) &* 4
            default:  // hop-by-hop, routing, destination options: 8-byte units minus 1
                length = (Int(frame.u8(cursor + 1)) + 1) &* 8
            }
            guard length <= remaining, length <= end - cursor else { throw .truncatedIPv6ExtensionHeader }
            cursor += length
            remaining -= length
            next = headerNext
        }
        let transport = try decodeTransport(
            frame, protocolNumber: next, at: cursor, end: end, segmentLength: remaining,
            firstFragment: firstFragment)
        return .ip(source: source, destination: destination, transport: transport, payloadLength: payloadLength)
    }

    /// Hop-by-hop (0), routing (43), fragment (44), destination options (60) and AH (51).
    @inline(__always)
    static func isIPv6ExtensionHeader(_ next: UInt8) -> Bool {
        next == 0 || next == 43 || next == 44 || next == 60 || next == 51
    }
}
