/// Decodes captured frames of one link type into `DecodedPacket` values, zero-copy and
/// bounds-checked, counting every frame it skips by reason in `statistics`.
///
/// The decoder never traps on hostile input: every length is checked against the captured bytes
/// before it is read, and lengths are small integers compared, never summed past `Int`.
public struct PacketDecoder: Sendable {
    /// The link type of the frames this decoder reads.
    public let linkType: LinkType
    /// Frames decoded and skipped so far.
    public private(set) var statistics = DecodeStatistics()
    private let framing: Framing

    /// Creates a decoder for frames of `linkType` (see `LinkType.isDecodable`).
    public init(linkType: LinkType) {
        self.linkType = linkType
        self.framing = Framing(linkType)
    }

    /// Decodes one frame, or counts why it cannot and returns nil.
    ///
    /// - Parameters:
    ///   - bytes: the captured bytes (only read during the call).
    ///   - timestampNanoseconds: capture time, nanoseconds since the Unix epoch.
    ///   - wireLength: the frame's length on the wire; less than `bytes.count` is read as
    ///     `bytes.count`.
    public mutating func decode(
        _ bytes: UnsafeRawBufferPointer, timestampNanoseconds: Int64, wireLength: Int
    ) -> DecodedPacket? {
        do {
            let packet = try PacketDecoder.decodeFrame(
                FrameBytes(raw: bytes), framing: framing, timestampNanoseconds: timestampNanoseconds,
                wireLength: max(wireLength, bytes.count))
            statistics.decoded &+= 1
            return packet
        } catch {
            statistics.record(error)
            return nil
        }
    }

    /// Decodes one frame held in an array (a convenience for tests and evidence replays).
    public mutating func decode(_ bytes: [UInt8], timestampNanoseconds: Int64 = 0, wireLength: Int? = nil)
        -> DecodedPacket?
    {
        bytes.withUnsafeBytes { raw in
            decode(raw, timestampNanoseconds: timestampNanoseconds, wireLength: wireLength ?? raw.count)
        }
    }

    /// Decodes the frame or names why not; `wire` is at least `frame.count`.
    @inline(__always)
    static func decodeFrame(
        _ frame: FrameBytes, framing: Framing, timestampNanoseconds: Int64, wireLength wire: Int
    ) throws(DecodeFailure) -> DecodedPacket {
        var packet = DecodedPacket(
            timestampNanoseconds: timestampNanoseconds, wireLength: wire, sourceMAC: MACAddress(0),
            destinationMAC: MACAddress(0), network: .other(etherType: 0))
        switch framing {
        case .ethernet:
            guard frame.count >= 14 else { throw .truncatedLinkHeader }
            packet.destinationMAC = frame.mac(0)
            packet.sourceMAC = frame.mac(6)
            try decodeEtherTypes(frame, etherType: frame.u16(12), offset: 14, wire: wire, into: &packet)
        case .linuxSLL:
            // packet type, ARPHRD type, address length, 8 address bytes, protocol.
            guard frame.count >= 16 else { throw .truncatedLinkHeader }
            if frame.u16(0) == 1 { packet.destinationMAC = .broadcast }
            if frame.u16(4) == 6 { packet.sourceMAC = frame.mac(6) }
            try decodeEtherTypes(frame, etherType: frame.u16(14), offset: 16, wire: wire, into: &packet)
        case .linuxSLL2:
            // protocol, reserved, interface index, ARPHRD type, packet type, address length, address.
            guard frame.count >= 20 else { throw .truncatedLinkHeader }
            if frame.u8(10) == 1 { packet.destinationMAC = .broadcast }
            if frame.u8(11) == 6 { packet.sourceMAC = frame.mac(12) }
            try decodeEtherTypes(frame, etherType: frame.u16(0), offset: 20, wire: wire, into: &packet)
        case .rawIP:
            guard frame.count >= 1 else { throw .truncatedLinkHeader }
            switch frame.u8(0) >> 4 {
            case 4: packet.network = try decodeIPv4(frame, at: 0, wire: wire)
            case 6: packet.network = try decodeIPv6(frame, at: 0, wire: wire)
            default: throw .badIPVersion
            }
        case .unsupported:
            throw .unsupportedLinkType
        }
        return packet
    }
}
