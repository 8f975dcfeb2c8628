import WaiwangCore

/// The fields of one attributed packet that the detectors and episodes read, computed once per packet.
struct Probe {
    var time: Int64
    var wireLength: Int
    var source: IPAddress
    var destination: IPAddress
    /// `KeyHash.address(source)` (the MAC value for ARP).
    var sourceKey: UInt64
    /// `KeyHash.address(destination)`.
    var destinationKey: UInt64
    /// 6 TCP, 17 UDP, 1 ICMP or ICMPv6, 0 ARP.
    var transport: UInt8
    var sourcePort: UInt16
    /// The destination port; 0 for ICMP and ARP.
    var destinationPort: UInt16
    var flags: TCPFlags
    /// The unit index the source belongs to, or `Owner.spoofed`.
    var owner: Int32

    /// Whether the packet has transport ports to report.
    var hasPorts: Bool { transport == 6 || transport == 17 }
}

/// The owner code of a source outside every prefix of the link's units.
enum Owner {
    static let spoofed: Int32 = -1
}
