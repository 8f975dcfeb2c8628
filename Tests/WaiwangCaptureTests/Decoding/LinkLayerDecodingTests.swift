import Testing
import WaiwangCapture
import WaiwangCore

@Suite("Decoding: Ethernet, VLAN tags, ARP and Linux cooked headers")
struct LinkLayerDecodingTests {
    typealias F = FrameBuilder

    @Test("Ethernet II: MAC addresses, time and wire length are copied out")
    func ethernet() throws {
        let frame = F.ethernet(0x0800, F.ipv4(17, F.udp()))
        let (packet, statistics) = F.decode(frame, wireLength: 1500)
        let decoded = try #require(packet)
        #expect(decoded.sourceMAC.description == "02:00:00:00:00:01")
        #expect(decoded.destinationMAC.description == "02:00:00:00:00:02")
        #expect(decoded.timestampNanoseconds == 7)
        #expect(decoded.wireLength == 1500)
        #expect(decoded.outerVLAN == nil && decoded.innerVLAN == nil)
        #expect(
            decoded.network
                == .ip(
                    source: IPAddress("10.77.1.5")!, destination: IPAddress("10.0.0.1")!,
                    transport: .udp(sourcePort: 5353, destinationPort: 53), payloadLength: 12))
        #expect(statistics.decoded == 1 && statistics.skipped == 0)
    }

    @Test(
        "a single VLAN tag of each TPID gives the outer VLAN",
        arguments: [0x8100, 0x88A8, 0x9100])
    func singleTag(tpid: Int) throws {
        let frame = F.ethernet(0x0800, F.ipv4(6, F.tcp()), tags: [(tpid, 0x2064)])  // PCP 1, VLAN 100
        let packet = try #require(F.decode(frame).packet)
        #expect(packet.outerVLAN == 100)
        #expect(packet.innerVLAN == nil)
        #expect(F.transport(frame) == .tcp(sourcePort: 40_000, destinationPort: 22, flags: .syn))
    }

    @Test(
        "QinQ gives outer and inner VLAN for every TPID pair",
        arguments: [(0x88A8, 0x8100), (0x9100, 0x8100), (0x8100, 0x8100), (0x88A8, 0x88A8)])
    func doubleTag(outer: Int, inner: Int) throws {
        let frame = F.ethernet(0x86DD, F.ipv6(17, F.udp()), tags: [(outer, 10), (inner, 4094)])
        let packet = try #require(F.decode(frame).packet)
        #expect(packet.outerVLAN == 10)
        #expect(packet.innerVLAN == 4094)
    }

    @Test("three and four stacked tags decode (outer two kept); a fifth is refused as hostile")
    func stackedTags() throws {
        let four: [(tpid: Int, vlan: Int)] = [(0x88A8, 1), (0x8100, 2), (0x8100, 3), (0x8100, 4)]
        for count in [3, 4] {
            let frame = F.ethernet(0x0800, F.ipv4(17, F.udp()), tags: Array(four.prefix(count)))
            let packet = try #require(F.decode(frame).packet)
            #expect(packet.outerVLAN == 1 && packet.innerVLAN == 2)
            #expect(F.transport(frame) == .udp(sourcePort: 5353, destinationPort: 53))
        }
        let five = F.ethernet(0x0800, F.ipv4(17, F.udp()), tags: four + [(0x8100, 5)])
        #expect(F.failure(five) == .tooManyVLANTags)
    }

    @Test("ARP request and reply for IPv4 over Ethernet")
    func arp() throws {
        for operation in [1, 2] {
            let packet = try #require(F.decode(F.ethernet(0x0806, F.arp(operation: operation))).packet)
            let expected = ARPMessage(
                operation: UInt16(operation), senderMAC: MACAddress(0x0200_0000_0001), senderIP: 0x0A4D_0105,
                targetMAC: MACAddress(0), targetIP: 0x0A4D_0101)
            #expect(packet.network == .arp(expected))
        }
    }

    @Test("ARP for another protocol or address size is counted, not guessed")
    func arpUnsupported() {
        var arp = F.arp()
        arp[2] = 0x86  // protocol type 0x86DD
        arp[3] = 0xDD
        #expect(F.failure(F.ethernet(0x0806, arp)) == .unsupportedARP)
        var shortHardware = F.arp()
        shortHardware[4] = 8
        #expect(F.failure(F.ethernet(0x0806, shortHardware)) == .unsupportedARP)
    }

    @Test("other EtherTypes (LLDP, MPLS, 802.3 lengths) are kept by number")
    func otherEtherType() throws {
        for etherType in [0x88CC, 0x8847, 0x0040] {
            let packet = try #require(F.decode(F.ethernet(etherType, [1, 2, 3, 4])).packet)
            #expect(packet.network == .other(etherType: UInt16(etherType)))
        }
    }

    @Test("Linux SLL (v1): source MAC, broadcast packet type, IPv4")
    func linuxSLL() throws {
        let frame = F.linuxSLL(0x0800, F.ipv4(1, F.icmp()), packetType: 1)
        let packet = try #require(F.decode(frame, linkType: .linuxSLL).packet)
        #expect(packet.sourceMAC == MACAddress(0x0200_0000_0001))
        #expect(packet.destinationMAC == .broadcast)
        #expect(F.transport(frame, linkType: .linuxSLL) == .icmp(type: 8, code: 0))
    }

    @Test("Linux SLL2: source MAC, IPv6, and a VLAN tag left in by the kernel")
    func linuxSLL2() throws {
        let frame = F.linuxSLL2(0x86DD, F.ipv6(58, F.icmp(type: 128)))
        let packet = try #require(F.decode(frame, linkType: .linuxSLL2).packet)
        #expect(packet.sourceMAC == MACAddress(0x0200_0000_0001))
        #expect(packet.destinationMAC == MACAddress(0))
        #expect(F.transport(frame, linkType: .linuxSLL2) == .icmpv6(type: 128, code: 0))
        let tagged = F.linuxSLL2(0x8100, F.be16(42) + F.be16(0x0800) + F.ipv4(17, F.udp()))
        #expect(try #require(F.decode(tagged, linkType: .linuxSLL2).packet).outerVLAN == 42)
    }

    @Test("raw IP links choose the version by the first nibble", arguments: [LinkType.raw, .ipv4, .ipv6])
    func rawIP(linkType: LinkType) {
        #expect(F.transport(F.ipv4(6, F.tcp()), linkType: linkType) != nil)
        #expect(F.transport(F.ipv6(17, F.udp()), linkType: linkType) == .udp(sourcePort: 5353, destinationPort: 53))
        #expect(F.failure([0x50] + [UInt8](repeating: 0, count: 39), linkType: linkType) == .badIPVersion)
    }

    @Test("an unsupported link type counts every frame")
    func unsupportedLinkType() {
        let linkType = LinkType(rawValue: 105)  // 802.11
        #expect(!linkType.isDecodable)
        #expect(F.failure(F.ethernet(0x0800, F.ipv4(17, F.udp())), linkType: linkType) == .unsupportedLinkType)
    }

    @Test("an IPv6 EtherType carrying an IPv4 header is a bad version")
    func mismatchedVersion() {
        #expect(F.failure(F.ethernet(0x86DD, F.ipv4(17, F.udp()) + [UInt8](repeating: 0, count: 20))) == .badIPVersion)
        #expect(F.failure(F.ethernet(0x0800, F.ipv6(17, F.udp()))) == .badIPVersion)
    }
}
