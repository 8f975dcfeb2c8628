// libFuzzer entry point over the packet decoders (built by scripts/fuzz-decoders).
//
// Input: byte 0 chooses the link type (low 3 bits) and how many bytes the frame had on the wire
// beyond those captured (high 5 bits × 64, to reach the snap-length paths); the rest is the frame.

private let linkTypes: [LinkType] = [.ethernet, .linuxSLL, .linuxSLL2, .raw, .ipv4, .ipv6, .ethernet, .ethernet]

@_cdecl("LLVMFuzzerTestOneInput")
public func decoderFuzzTest(_ data: UnsafePointer<UInt8>, _ size: Int) -> CInt {
    guard size >= 1 else { return 0 }
    let selector = data[0]
    let frame = UnsafeRawBufferPointer(start: data + 1, count: size - 1)
    var decoder = PacketDecoder(linkType: linkTypes[Int(selector & 7)])
    let wireLength = frame.count + Int(selector >> 3) * 64
    let packet = decoder.decode(frame, timestampNanoseconds: 0, wireLength: wireLength)
    let statistics = decoder.statistics
    // Exactly one outcome is counted for every frame.
    precondition(statistics.decoded + statistics.skipped == 1)
    precondition((packet != nil) == (statistics.decoded == 1))
    if let packet {
        precondition(packet.wireLength == wireLength)
        if case .ip(_, _, _, let payloadLength) = packet.network {
            precondition(payloadLength >= 0 && payloadLength <= wireLength)
        }
    }
    return 0
}
