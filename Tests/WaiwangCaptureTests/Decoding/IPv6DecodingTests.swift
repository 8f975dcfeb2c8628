import Testing
import WaiwangCapture
import WaiwangCore

@Suite("Decoding: IPv6 and its extension headers")
struct IPv6DecodingTests {
    typealias F = FrameBuilder

    @Test("addresses, ICMPv6 and the stated payload length")
    func icmpv6() throws {
        let frame = F.ethernet(0x86DD, F.ipv6(58, F.icmp(type: 135)))
        let packet = try #require(F.decode(frame).packet)
        #expect(
            packet.network
                == .ip(
                    source: IPAddress("2001:db8::1")!, destination: IPAddress("2001:db8::2")!,
                    transport: .icmpv6(type: 135, code: 0), payloadLength: 8))
    }

    @Test("hop-by-hop, routing, destination options and AH are followed to TCP")
    func extensionChain() {
        let chain =
            F.extensionHeader(next: 43) + F.extensionHeader(next: 60, units: 2) + F.extensionHeader(next: 51, units: 1)
            + F.authenticationHeader(next: 6, words: 3) + F.tcp(flags: 0x11)
        let frame = F.ethernet(0x86DD, F.ipv6(0, chain))
        #expect(F.transport(frame) == .tcp(sourcePort: 40_000, destinationPort: 22, flags: [.fin, .ack]))
    }

    @Test("a first fragment decodes its transport; a later one is a fragment of the next header")
    func fragments() {
        let first = F.ethernet(0x86DD, F.ipv6(44, F.fragmentHeader(next: 17, offsetUnits: 0, more: true) + F.udp()))
        #expect(F.transport(first) == .udp(sourcePort: 5353, destinationPort: 53))
        let later = F.ethernet(0x86DD, F.ipv6(44, F.fragmentHeader(next: 17, offsetUnits: 181, more: false) + [1, 2]))
        #expect(F.transport(later) == .fragment(protocolNumber: 17))
        let tiny = F.ethernet(0x86DD, F.ipv6(44, F.fragmentHeader(next: 6, offsetUnits: 0, more: true) + [0, 22]))
        #expect(F.transport(tiny) == .fragment(protocolNumber: 6))
    }

    @Test("no next header and ESP are other protocols")
    func opaqueNextHeaders() {
        #expect(F.transport(F.ethernet(0x86DD, F.ipv6(59, []))) == .other(protocolNumber: 59))
        #expect(F.transport(F.ethernet(0x86DD, F.ipv6(50, [0, 0, 1, 0, 0, 0, 0, 1]))) == .other(protocolNumber: 50))
    }

    @Test("a chain of 32 extension headers is followed (hosts accept it); 33 are refused")
    func chainTooLong() {
        var tooLong: [UInt8] = []
        for _ in 0..<33 { tooLong += F.extensionHeader(next: 60) }
        tooLong += F.udp()
        #expect(F.failure(F.ethernet(0x86DD, F.ipv6(60, tooLong))) == .ipv6ExtensionChainTooLong)
        var longest: [UInt8] = []
        for index in 0..<32 { longest += F.extensionHeader(next: index == 31 ? 17 : 60) }
        #expect(
            F.transport(F.ethernet(0x86DD, F.ipv6(60, longest + F.udp())))
                == .udp(sourcePort: 5353, destinationPort: 53))
    }

    @Test("a fragment ending past 65,535 bytes is refused")
    func fragmentPastMaximum() {
        let last = F.ethernet(
            0x86DD,
            F.ipv6(44, F.fragmentHeader(next: 17, offsetUnits: 8191, more: false) + [UInt8](repeating: 0, count: 16)))
        #expect(F.failure(last) == .fragmentBeyondMaximumSize)
        let fits = F.ethernet(
            0x86DD,
            F.ipv6(44, F.fragmentHeader(next: 17, offsetUnits: 8190, more: false) + [UInt8](repeating: 0, count: 15)))
        #expect(F.transport(fits) == .fragment(protocolNumber: 17))
    }

    @Test(
        "wrong lengths are counted by reason",
        arguments: [
            (F.ipv6(17, F.udp(), payloadLength: 400), DecodeFailure.badIPv6PayloadLength),
            (F.ipv6(60, F.extensionHeader(next: 17, units: 4), payloadLength: 24), .truncatedIPv6ExtensionHeader),
            (F.ipv6(60, [17, 0, 0, 0]), .truncatedIPv6ExtensionHeader),
            (
                F.ipv6(60, F.extensionHeader(next: 17, units: 1) + F.udp(), payloadLength: 12),
                .truncatedIPv6ExtensionHeader
            ),
            (F.ipv6(51, [17, 200] + [UInt8](repeating: 0, count: 30)), .truncatedIPv6ExtensionHeader),
            (F.ipv6(17, F.udp(length: 13)), .badUDPLength),
            (F.ipv6(6, [0, 1, 0, 2, 0, 0, 0, 0]), .truncatedTCP),
            (F.ipv6(58, [128, 0]), .truncatedICMPv6),
            (Array(F.ipv6(17, F.udp()).prefix(39)), .truncatedIPv6),
        ])
    func wrongLengths(ip: [UInt8], reason: DecodeFailure) {
        #expect(F.failure(F.ethernet(0x86DD, ip)) == reason)
    }
}
