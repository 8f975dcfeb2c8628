import Testing
import WaiwangCapture
import WaiwangCore

@Suite("Decoding: IPv4, its fragments, TCP, UDP and ICMP")
struct IPv4DecodingTests {
    typealias F = FrameBuilder

    @Test("TCP ports and flags, with and without options")
    func tcp() {
        let synAck = F.ethernet(0x0800, F.ipv4(6, F.tcp(source: 443, destination: 51_000, flags: 0x12)))
        #expect(F.transport(synAck) == .tcp(sourcePort: 443, destinationPort: 51_000, flags: [.syn, .ack]))
        let withOptions = F.ethernet(0x0800, F.ipv4(6, F.tcp(flags: 0x04, dataOffset: 8)))
        #expect(F.transport(withOptions) == .tcp(sourcePort: 40_000, destinationPort: 22, flags: .rst))
    }

    @Test("IPv4 options move the transport header")
    func options() {
        let frame = F.ethernet(0x0800, F.ipv4(17, F.udp(source: 1, destination: 2), ihl: 7))
        #expect(F.transport(frame) == .udp(sourcePort: 1, destinationPort: 2))
    }

    @Test("UDP, ICMP and other protocols")
    func otherTransports() {
        #expect(F.transport(F.ethernet(0x0800, F.ipv4(17, F.udp()))) == .udp(sourcePort: 5353, destinationPort: 53))
        #expect(F.transport(F.ethernet(0x0800, F.ipv4(1, F.icmp(type: 3, code: 3)))) == .icmp(type: 3, code: 3))
        #expect(F.transport(F.ethernet(0x0800, F.ipv4(47, [0, 0, 8, 0]))) == .other(protocolNumber: 47))
    }

    @Test("payload length is total length minus header; Ethernet padding is not payload")
    func payloadLengthIgnoresPadding() {
        let padded = F.ethernet(0x0800, F.ipv4(6, F.tcp())) + [UInt8](repeating: 0, count: 6)
        guard case .ip(_, _, _, let payloadLength)? = F.decode(padded).packet?.network else {
            Issue.record("not decoded")
            return
        }
        #expect(payloadLength == 20)
    }

    @Test("a non-first fragment has no transport header")
    func laterFragment() {
        let frame = F.ethernet(0x0800, F.ipv4(17, [1, 2, 3, 4, 5, 6, 7, 8], fragmentField: 0x2000 | 185))
        #expect(F.transport(frame) == .fragment(protocolNumber: 17))
    }

    @Test("a fragment ending past 65,535 bytes (ping of death) is refused")
    func fragmentPastMaximum() {
        let pingOfDeath = F.ethernet(0x0800, F.ipv4(1, [UInt8](repeating: 0, count: 100), fragmentField: 8191))
        #expect(F.failure(pingOfDeath) == .fragmentBeyondMaximumSize)
        let last = F.ethernet(0x0800, F.ipv4(1, [UInt8](repeating: 0, count: 7), fragmentField: 8188))
        #expect(F.transport(last) == .fragment(protocolNumber: 1))
    }

    @Test("a first fragment decodes its transport header; a tiny one is a fragment")
    func firstFragment() {
        let first = F.ethernet(0x0800, F.ipv4(6, F.tcp(flags: 0x02), fragmentField: 0x2000))
        #expect(F.transport(first) == .tcp(sourcePort: 40_000, destinationPort: 22, flags: .syn))
        let tiny = F.ethernet(0x0800, F.ipv4(6, Array(F.tcp().prefix(8)), fragmentField: 0x2000))
        #expect(F.transport(tiny) == .fragment(protocolNumber: 6))
        let firstUDP = F.ethernet(0x0800, F.ipv4(17, F.udp(length: 3000), fragmentField: 0x2000))
        #expect(F.transport(firstUDP) == .udp(sourcePort: 5353, destinationPort: 53))
    }

    @Test(
        "wrong header and total lengths are counted by reason",
        arguments: [
            (F.ipv4(17, F.udp(), ihl: 4), DecodeFailure.badIPv4HeaderLength),
            (F.ipv4(17, F.udp(), totalLength: 19), .badIPv4TotalLength),
            (F.ipv4(17, F.udp(), totalLength: 2000), .badIPv4TotalLength),
            (Array(F.ipv4(17, [], ihl: 15).prefix(40)), .truncatedIPv4),
            (F.ipv4(17, F.udp(), version: 5), .badIPVersion),
            (F.ipv4(6, F.tcp(), totalLength: 30), .truncatedTCP),
            (F.ipv4(6, F.tcp(statedDataOffset: 4)), .badTCPDataOffset),
            (F.ipv4(6, F.tcp(statedDataOffset: 15)), .badTCPDataOffset),
            (F.ipv4(17, F.udp(length: 7)), .badUDPLength),
            (F.ipv4(17, F.udp(length: 400)), .badUDPLength),
            (F.ipv4(17, [0, 1, 0, 2]), .truncatedUDP),
            (F.ipv4(1, [8, 0, 0, 0]), .truncatedICMP),
        ])
    func wrongLengths(ip: [UInt8], reason: DecodeFailure) {
        #expect(F.failure(F.ethernet(0x0800, ip)) == reason)
    }

    @Test("a snap length that cuts the payload still decodes the headers")
    func snapLengthCut() {
        let whole = F.ethernet(0x0800, F.ipv4(6, F.tcp(payload: [UInt8](repeating: 7, count: 1000))))
        let cut = Array(whole.prefix(54 + 10))
        let (packet, _) = F.decode(cut, wireLength: whole.count)
        guard case .ip(_, _, .tcp, let payloadLength)? = packet?.network else {
            Issue.record("not decoded")
            return
        }
        #expect(payloadLength == 1020)
        #expect(packet?.wireLength == whole.count)
    }

    @Test("a zero total length (segmentation offload on the sender) reads as the rest of the frame")
    func offloadedTotalLength() {
        let frame = F.ethernet(0x0800, F.ipv4(6, F.tcp(), totalLength: 0))
        #expect(F.transport(frame) == .tcp(sourcePort: 40_000, destinationPort: 22, flags: .syn))
    }
}
