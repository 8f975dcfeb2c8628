/// The value of a variable binding, one case per SMIv2 type plus the SNMPv2 exceptions.
public enum SNMPValue: Sendable, Hashable, CustomStringConvertible {
    /// INTEGER / Integer32 (enumerations included: ifOperStatus up is `.integer(1)`).
    case integer(Int64)
    /// Gauge32, also Unsigned32 (the same wire type).
    case gauge32(UInt32)
    /// Counter32: wraps at 2³².
    case counter32(UInt32)
    /// Counter64 (ifHCInOctets and friends); not in SNMPv1.
    case counter64(UInt64)
    /// TimeTicks: hundredths of a second.
    case timeticks(UInt32)
    /// OCTET STRING: text or binary (MAC addresses); see ``displayString``.
    case octetString([UInt8])
    /// OBJECT IDENTIFIER.
    case objectIdentifier(OID)
    /// IpAddress: always four bytes, network order.
    case ipAddress(UInt8, UInt8, UInt8, UInt8)
    /// NULL.
    case null
    /// Opaque: BER wrapped in an octet string, left undecoded.
    case opaque([UInt8])
    /// SNMPv2 exception: the agent implements no such object.
    case noSuchObject
    /// SNMPv2 exception: the object exists but not this instance.
    case noSuchInstance
    /// SNMPv2 exception: nothing follows in the agent's MIB view.
    case endOfMibView
    /// A value net-snmp handed over that does not fit its type (wrong length, unknown type),
    /// kept instead of trusted: `type` is the BER tag, `reason` says what was wrong.
    case malformed(type: UInt8, reason: String)

    /// Gauge32 under its SMIv2 alias.
    public static func unsigned32(_ value: UInt32) -> SNMPValue { .gauge32(value) }

    /// Whether this is one of the SNMPv2 exceptions (no value for that OID).
    public var isException: Bool {
        switch self {
        case .noSuchObject, .noSuchInstance, .endOfMibView: true
        default: false
        }
    }

    /// The numeric value of an integer, counter, gauge or timeticks; `nil` otherwise or if it
    /// does not fit.
    public var integerValue: Int64? {
        switch self {
        case .integer(let v): v
        case .gauge32(let v), .counter32(let v), .timeticks(let v): Int64(v)
        case .counter64(let v): Int64(exactly: v)
        default: nil
        }
    }

    /// An octet string as text, invalid UTF-8 replaced by U+FFFD; `nil` for other types.
    public var stringValue: String? {
        guard case .octetString(let bytes) = self else { return nil }
        return String(decoding: bytes, as: UTF8.self)
    }

    /// An octet string for people: the text if it is valid UTF-8 without control characters
    /// (tab, CR, LF allowed), otherwise hex bytes as `00 1A 2B`.
    public var displayString: String? {
        guard case .octetString(let bytes) = self else { return nil }
        return Self.display(bytes)
    }

    public var description: String {
        switch self {
        case .integer(let v): "INTEGER: \(v)"
        case .gauge32(let v): "Gauge32: \(v)"
        case .counter32(let v): "Counter32: \(v)"
        case .counter64(let v): "Counter64: \(v)"
        case .timeticks(let v): "Timeticks: \(v)"
        case .octetString(let bytes):
            Self.isPrintable(bytes) ? "STRING: \"\(Self.display(bytes))\"" : "Hex-STRING: \(Self.hex(bytes))"
        case .objectIdentifier(let oid): "OID: .\(oid)"
        case .ipAddress(let a, let b, let c, let d): "IpAddress: \(a).\(b).\(c).\(d)"
        case .null: "NULL"
        case .opaque(let bytes): "OPAQUE: \(Self.hex(bytes))"
        case .noSuchObject: "No Such Object available on this agent at this OID"
        case .noSuchInstance: "No Such Instance currently exists at this OID"
        case .endOfMibView: "No more variables left in this MIB View"
        case .malformed(let type, let reason): "malformed value of type 0x\(String(type, radix: 16)): \(reason)"
        }
    }

    static func display(_ bytes: [UInt8]) -> String {
        isPrintable(bytes) ? String(decoding: bytes, as: UTF8.self) : hex(bytes)
    }

    static func hex(_ bytes: [UInt8]) -> String {
        bytes.map { byte in
            let digits = String(byte, radix: 16, uppercase: true)
            return byte < 16 ? "0" + digits : digits
        }.joined(separator: " ")
    }

    static func isPrintable(_ bytes: [UInt8]) -> Bool {
        guard let text = String(validating: bytes, as: UTF8.self) else { return false }
        return text.unicodeScalars.allSatisfy { scalar in
            scalar == "\t" || scalar == "\n" || scalar == "\r"
                || !(scalar.properties.generalCategory == .control)
        }
    }
}
