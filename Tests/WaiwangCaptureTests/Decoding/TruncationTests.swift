import Testing
import WaiwangCapture

@Suite("Decoding: every prefix of every valid frame")
struct TruncationTests {
    typealias F = FrameBuilder

    static let frames: [(name: String, linkType: LinkType, bytes: [UInt8])] = [
        ("ethernet ipv4 tcp", .ethernet, F.ethernet(0x0800, F.ipv4(6, F.tcp(dataOffset: 6)))),
        ("ethernet ipv4 udp", .ethernet, F.ethernet(0x0800, F.ipv4(17, F.udp(), ihl: 6))),
        ("ethernet ipv4 icmp", .ethernet, F.ethernet(0x0800, F.ipv4(1, F.icmp()))),
        ("qinq ipv4 tcp", .ethernet, F.ethernet(0x0800, F.ipv4(6, F.tcp()), tags: [(0x88A8, 5), (0x8100, 6)])),
        ("dot1q arp", .ethernet, F.ethernet(0x0806, F.arp(), tags: [(0x8100, 7)])),
        (
            "ipv6 extension chain tcp", .ethernet,
            F.ethernet(
                0x86DD,
                F.ipv6(
                    0,
                    F.extensionHeader(next: 43, units: 1) + F.extensionHeader(next: 44)
                        + F.fragmentHeader(next: 51, offsetUnits: 0, more: false) + F.authenticationHeader(next: 6)
                        + F.tcp()))
        ),
        ("ipv6 icmpv6", .ethernet, F.ethernet(0x86DD, F.ipv6(58, F.icmp(type: 128)))),
        ("sll ipv4 udp", .linuxSLL, F.linuxSLL(0x0800, F.ipv4(17, F.udp()))),
        ("sll2 ipv6 tcp", .linuxSLL2, F.linuxSLL2(0x86DD, F.ipv6(6, F.tcp()))),
        ("raw ipv4 udp", .raw, F.ipv4(17, F.udp())),
    ]

    @Test("each whole frame decodes", arguments: frames.map(\.name))
    func wholeFrameDecodes(name: String) throws {
        let frame = try #require(Self.frames.first { $0.name == name })
        #expect(F.decode(frame.bytes, linkType: frame.linkType).packet != nil)
    }

    @Test("each prefix (wire length whole) is skipped and counted, or decodes headers", arguments: frames.map(\.name))
    func everyPrefixIsCounted(name: String) throws {
        let frame = try #require(Self.frames.first { $0.name == name })
        var decoder = PacketDecoder(linkType: frame.linkType)
        var decodedPrefixes = 0
        for length in 0..<frame.bytes.count {
            let prefix = Array(frame.bytes.prefix(length))
            if decoder.decode(prefix, wireLength: frame.bytes.count) != nil { decodedPrefixes += 1 }
        }
        #expect(decoder.statistics.decoded + decoder.statistics.skipped == frame.bytes.count)
        #expect(decoder.statistics.decoded == decodedPrefixes)
        // The last header must be complete: a prefix shorter than the frame's headers never decodes.
        #expect(decoder.statistics.skipped >= 14 || frame.linkType == .raw)
    }

    @Test("each prefix claimed as a whole frame on the wire is refused or decoded, never trapped")
    func everyPrefixAsWholeFrame() {
        for frame in Self.frames {
            var decoder = PacketDecoder(linkType: frame.linkType)
            for length in 0..<frame.bytes.count {
                _ = decoder.decode(Array(frame.bytes.prefix(length)))
            }
            #expect(decoder.statistics.decoded + decoder.statistics.skipped == frame.bytes.count, "\(frame.name)")
        }
    }

    @Test("every single-byte corruption of every frame is survived")
    func everyByteFlip() {
        var total = 0
        for frame in Self.frames {
            var decoder = PacketDecoder(linkType: frame.linkType)
            for index in frame.bytes.indices {
                for value: UInt8 in [0x00, 0x0F, 0x45, 0x60, 0x80, 0xFF] {
                    var bytes = frame.bytes
                    bytes[index] = value
                    _ = decoder.decode(bytes, wireLength: index.isMultiple(of: 2) ? nil : Int.max)
                    total += 1
                }
            }
            total -= decoder.statistics.decoded + decoder.statistics.skipped
        }
        #expect(total == 0)
    }

    @Test("hostile wire lengths (negative, huge) do not trap")
    func hostileWireLengths() {
        var decoder = PacketDecoder(linkType: .ethernet)
        let frame = F.ethernet(0x0800, F.ipv4(6, F.tcp()))
        for wire in [Int.min, -1, 0, Int.max, Int.max - 1] {
            _ = decoder.decode(frame, wireLength: wire)
        }
        #expect(decoder.statistics.decoded == 5)
    }
}
