import WaiwangCore

/// A 48-bit Ethernet (MAC) address, printed as six lowercase hex pairs joined by colons.
public struct MACAddress: Hashable, Sendable, Comparable, CustomStringConvertible {
    /// The address in the low 48 bits, first octet most significant.
    public let value: UInt64

    /// Creates an address from its 48-bit value (higher bits are ignored).
    public init(_ value: UInt64) {
        self.value = value & 0xFFFF_FFFF_FFFF
    }

    /// The broadcast address ff:ff:ff:ff:ff:ff.
    public static let broadcast = MACAddress(0xFFFF_FFFF_FFFF)

    public var description: String {
        let digits = Array("0123456789abcdef".utf8)
        var bytes: [UInt8] = []
        bytes.reserveCapacity(17)
        for index in 0..<6 {
            let octet = UInt8(truncatingIfNeeded: value >> UInt64(40 - 8 * index))
            if index > 0 { bytes.append(UInt8(ascii: ":")) }
            bytes.append(digits[Int(octet >> 4)])
            bytes.append(digits[Int(octet & 0xF)])
        }
        return String(decoding: bytes, as: UTF8.self)
    }

    public static func < (lhs: MACAddress, rhs: MACAddress) -> Bool { lhs.value < rhs.value }
}

/// TCP header flags (the low eight bits of the flags field).
public struct TCPFlags: OptionSet, Hashable, Sendable {
    public let rawValue: UInt8
    public init(rawValue: UInt8) { self.rawValue = rawValue }

    public static let fin = TCPFlags(rawValue: 0x01)
    public static let syn = TCPFlags(rawValue: 0x02)
    public static let rst = TCPFlags(rawValue: 0x04)
    public static let psh = TCPFlags(rawValue: 0x08)
    public static let ack = TCPFlags(rawValue: 0x10)
    public static let urg = TCPFlags(rawValue: 0x20)
}

/// An ARP request or reply for IPv4 over Ethernet.
public struct ARPMessage: Hashable, Sendable {
    /// 1 request, 2 reply (other values are kept as they came).
    public var operation: UInt16
    public var senderMAC: MACAddress
    public var senderIP: UInt32
    public var targetMAC: MACAddress
    public var targetIP: UInt32

    public init(operation: UInt16, senderMAC: MACAddress, senderIP: UInt32, targetMAC: MACAddress, targetIP: UInt32) {
        self.operation = operation
        self.senderMAC = senderMAC
        self.senderIP = senderIP
        self.targetMAC = targetMAC
        self.targetIP = targetIP
    }
}

/// The transport part of an IP packet, as far as the detectors need it.
public enum TransportHeader: Hashable, Sendable {
    case tcp(sourcePort: UInt16, destinationPort: UInt16, flags: TCPFlags)
    case udp(sourcePort: UInt16, destinationPort: UInt16)
    case icmp(type: UInt8, code: UInt8)
    case icmpv6(type: UInt8, code: UInt8)
    /// A non-first IP fragment: no transport header in this packet.
    case fragment(protocolNumber: UInt8)
    /// Another IP protocol (GRE, ESP, …), by its protocol number.
    case other(protocolNumber: UInt8)
}

/// The network part of a frame.
public enum NetworkHeader: Hashable, Sendable {
    /// An IPv4 or IPv6 packet; `payloadLength` is the IP payload length the header states.
    case ip(source: IPAddress, destination: IPAddress, transport: TransportHeader, payloadLength: Int)
    case arp(ARPMessage)
    /// Another EtherType (LLDP, MPLS, …).
    case other(etherType: UInt16)
}

/// One captured frame decoded into the fields the detectors read — values copied out of the
/// captured bytes, nothing borrowed, so it can cross threads.
public struct DecodedPacket: Hashable, Sendable {
    /// Capture time, nanoseconds since the Unix epoch.
    public var timestampNanoseconds: Int64
    /// The frame's length on the wire (may exceed what was captured).
    public var wireLength: Int
    public var sourceMAC: MACAddress
    public var destinationMAC: MACAddress
    /// The outer 802.1Q (or 802.1ad) VLAN id, nil when untagged.
    public var outerVLAN: UInt16?
    /// The inner VLAN id of a QinQ frame, nil unless double-tagged.
    public var innerVLAN: UInt16?
    public var network: NetworkHeader

    public init(
        timestampNanoseconds: Int64, wireLength: Int, sourceMAC: MACAddress, destinationMAC: MACAddress,
        outerVLAN: UInt16? = nil, innerVLAN: UInt16? = nil, network: NetworkHeader
    ) {
        self.timestampNanoseconds = timestampNanoseconds
        self.wireLength = wireLength
        self.sourceMAC = sourceMAC
        self.destinationMAC = destinationMAC
        self.outerVLAN = outerVLAN
        self.innerVLAN = innerVLAN
        self.network = network
    }
}
