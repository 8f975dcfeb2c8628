/// One poll of one interface's counters, as the SNMP poller read them (IF-MIB, RFC 2863).
public struct InterfaceSample: Sendable, Hashable {
    /// sysUpTime in TimeTicks (1/100 s): the device's own clock, which the rates are measured against.
    public var sysUpTime: UInt32
    /// When the poller took the sample, in seconds on the caller's clock (any epoch).
    public var polledAt: Double
    /// ifHCInOctets, or ifInOctets when the device has no HC counters.
    public var inOctets: CounterReading?
    /// ifHCOutOctets, or ifOutOctets when the device has no HC counters.
    public var outOctets: CounterReading?
    public var inErrors: UInt32?
    public var outErrors: UInt32?
    public var inDiscards: UInt32?
    public var outDiscards: UInt32?
    /// ifCounterDiscontinuityTime (a TimeStamp, sysUpTime at the last reset), when the device has it.
    public var counterDiscontinuityTime: UInt32?
    /// ifHighSpeed in Mbit/s; 0 or nil when absent.
    public var highSpeed: UInt32?
    /// ifSpeed in bit/s; saturates at 4 294 967 295 for faster links.
    public var speed: UInt32?

    public init(
        sysUpTime: UInt32, polledAt: Double, inOctets: CounterReading? = nil, outOctets: CounterReading? = nil,
        inErrors: UInt32? = nil, outErrors: UInt32? = nil, inDiscards: UInt32? = nil, outDiscards: UInt32? = nil,
        counterDiscontinuityTime: UInt32? = nil, highSpeed: UInt32? = nil, speed: UInt32? = nil
    ) {
        self.sysUpTime = sysUpTime
        self.polledAt = polledAt
        self.inOctets = inOctets
        self.outOctets = outOctets
        self.inErrors = inErrors
        self.outErrors = outErrors
        self.inDiscards = inDiscards
        self.outDiscards = outDiscards
        self.counterDiscontinuityTime = counterDiscontinuityTime
        self.highSpeed = highSpeed
        self.speed = speed
    }

    /// The link speed in bit/s: ifHighSpeed × 10^6 when above 0, else ifSpeed when above 0 and not saturated;
    /// nil when unknown.
    public var bitsPerSecond: Double? {
        if let highSpeed, highSpeed > 0 { return Double(highSpeed) * 1_000_000 }
        // A saturated ifSpeed only says "at least 4.29 Gbit/s".
        if let speed, speed > 0, speed < UInt32.max { return Double(speed) }
        return nil
    }
}
