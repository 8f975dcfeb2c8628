/// One reading of an SNMP counter together with its width, since the width decides where it wraps.
public struct CounterReading: Sendable, Hashable {
    /// The width of an SNMP counter: a Counter32 wraps at 2^32, a Counter64 at 2^64.
    public enum Width: Sendable, Hashable {
        case counter32
        case counter64
    }

    public var value: UInt64
    public var width: Width

    /// A Counter32 reading, e.g. ifInOctets or ifInErrors.
    public static func counter32(_ value: UInt32) -> CounterReading {
        CounterReading(value: UInt64(value), width: .counter32)
    }

    /// A Counter64 reading, e.g. ifHCInOctets.
    public static func counter64(_ value: UInt64) -> CounterReading {
        CounterReading(value: value, width: .counter64)
    }

    /// The octet counter to use: ifHC…Octets (Counter64) when the device has it, else if…Octets (Counter32).
    public static func octets(hc: UInt64?, legacy: UInt32?) -> CounterReading? {
        if let hc { return .counter64(hc) }
        if let legacy { return .counter32(legacy) }
        return nil
    }

    /// How far the counter advanced from `earlier` to `self`, assuming at most one wrap in between; nil when the
    /// widths differ.
    ///
    /// A value lower than before is read as exactly one wrap: `2^width − earlier + self`. Two wraps in one
    /// interval cannot be told from one; `InterfaceRates` refuses octet rates where they were possible.
    public func advance(since earlier: CounterReading) -> UInt64? {
        guard width == earlier.width else { return nil }
        switch width {
        case .counter32:
            // Modular subtraction in 64 bits, masked to 32: the one-wrap delta.
            return (value &- earlier.value) & 0xFFFF_FFFF
        case .counter64:
            return value &- earlier.value
        }
    }
}
