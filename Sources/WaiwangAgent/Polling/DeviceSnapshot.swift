import WaiwangCore

/// What one poll read from one interface: every IF-MIB field the link-health logic uses, numbers as numbers,
/// absent fields nil (a device without ifXTable has no ifName or HC counters).
public struct InterfaceSnapshot: Sendable, Codable, Hashable {
    public var ifIndex: Int
    public var ifName: String?
    public var ifDescr: String?
    public var ifAlias: String?
    public var ifAdminStatus: Int?
    public var ifOperStatus: Int?
    public var ifHighSpeed: UInt32?
    public var ifSpeed: UInt32?
    public var ifHCInOctets: UInt64?
    public var ifHCOutOctets: UInt64?
    public var ifInOctets: UInt32?
    public var ifOutOctets: UInt32?
    public var ifInErrors: UInt32?
    public var ifOutErrors: UInt32?
    public var ifInDiscards: UInt32?
    public var ifOutDiscards: UInt32?
    public var ifLastChange: UInt32?
    public var ifCounterDiscontinuityTime: UInt32?

    public init(ifIndex: Int) { self.ifIndex = ifIndex }

    /// The name the registry keys ports by: ifName, else ifDescr.
    public var portName: String { ifName ?? ifDescr ?? "ifIndex.\(ifIndex)" }

    /// The counters as the rate logic takes them; HC counters win over the 32-bit ones per interface.
    public func sample(sysUpTime: UInt32, polledAt: Double) -> InterfaceSample {
        InterfaceSample(
            sysUpTime: sysUpTime, polledAt: polledAt,
            inOctets: CounterReading.octets(hc: ifHCInOctets, legacy: ifInOctets),
            outOctets: CounterReading.octets(hc: ifHCOutOctets, legacy: ifOutOctets),
            inErrors: ifInErrors, outErrors: ifOutErrors, inDiscards: ifInDiscards, outDiscards: ifOutDiscards,
            counterDiscontinuityTime: ifCounterDiscontinuityTime, highSpeed: ifHighSpeed, speed: ifSpeed)
    }
}

/// One poll of one device: its name and clock, its interfaces, and what the poll cost.
public struct DeviceSnapshot: Sendable, Codable, Hashable {
    /// The target as given, e.g. udp:10.53.4.1:161 (never the community).
    public var target: String
    public var sysName: String?
    /// sysUpTime in TimeTicks (1/100 s).
    public var sysUpTime: UInt32
    /// When the poll finished, seconds since 1970.
    public var polledAt: Double
    public var interfaces: [InterfaceSnapshot]
    /// SNMP requests the poll sent.
    public var requests: Int
    /// Values the device sent that did not fit their column (wrong type, malformed) and were left out.
    public var skippedValues: Int
}
