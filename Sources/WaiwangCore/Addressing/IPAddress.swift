/// An IPv4 or IPv6 address held as a plain integer, parsed strictly and printed canonically.
///
/// Parsing accepts IPv4 dotted quads of four plain decimal numbers 0–255 without leading zeros
/// ("01.2.3.4" is rejected: some tools read it as octal), and IPv6 in RFC 4291 text form with
/// at most one `::` and an optional dotted-quad tail (`::ffff:192.0.2.1`). Zone ids (`%eth0`),
/// brackets, surrounding whitespace and prefix lengths are rejected.
///
/// `description` is canonical: dotted quad for IPv4 and RFC 5952 for IPv6 (lowercase, no
/// leading zeros, the longest run of two or more zero groups compressed, the first one on a tie,
/// and IPv4-mapped addresses written `::ffff:a.b.c.d`).
///
/// Addresses order IPv4 before IPv6, then numerically.
public enum IPAddress: Hashable, Sendable, Comparable, CustomStringConvertible {
    case v4(UInt32)
    case v6(UInt128)

    /// Parses an IPv4 or IPv6 address, or returns nil if `text` is not exactly one.
    public init?(_ text: some StringProtocol) {
        let bytes = Array(text.utf8)
        guard let address = IPAddress.parse(bytes[...]) else { return nil }
        self = address
    }

    /// The family of this address.
    public var family: IPFamily {
        switch self {
        case .v4: .v4
        case .v6: .v6
        }
    }

    /// The canonical text form: dotted quad for IPv4, RFC 5952 for IPv6.
    public var description: String {
        switch self {
        case .v4(let value): IPAddress.formatV4(value)
        case .v6(let value): IPAddress.formatV6(value)
        }
    }
}

// MARK: - Parsing

extension IPAddress {
    /// Parses the bytes of an address; the family is chosen by the presence of a colon.
    static func parse(_ bytes: ArraySlice<UInt8>) -> IPAddress? {
        if bytes.contains(UInt8(ascii: ":")) {
            return parseV6(bytes).map(IPAddress.v6)
        }
        return parseV4(bytes).map(IPAddress.v4)
    }

    /// Parses a strict dotted quad: four decimal numbers 0–255, no leading zeros, no signs.
    static func parseV4(_ bytes: ArraySlice<UInt8>) -> UInt32? {
        var result: UInt32 = 0
        var octets = 0
        var value: UInt32 = 0
        var digits = 0
        var leadingZero = false
        for byte in bytes {
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                if leadingZero { return nil }  // "01", "00"
                if digits == 0, byte == UInt8(ascii: "0") { leadingZero = true }
                value = value * 10 + UInt32(byte - UInt8(ascii: "0"))
                digits += 1
                if value > 255 { return nil }
            case UInt8(ascii: "."):
                guard digits > 0, octets < 3 else { return nil }
                result = result << 8 | value
                octets += 1
                value = 0
                digits = 0
                leadingZero = false
            default:
                return nil
            }
        }
        guard digits > 0, octets == 3 else { return nil }
        return result << 8 | value
    }

    /// Parses RFC 4291 text: eight hex groups, or fewer with one `::`, optionally ending in a
    /// dotted quad that stands for the last two groups.
    static func parseV6(_ bytes: ArraySlice<UInt8>) -> UInt128? {
        var head: [UInt16] = []  // groups before "::" (or all of them without "::")
        var tail: [UInt16] = []  // groups after "::"
        var compressed = false
        var i = bytes.startIndex
        let end = bytes.endIndex
        head.reserveCapacity(8)

        if bytes.starts(with: [UInt8(ascii: ":"), UInt8(ascii: ":")]) {
            compressed = true
            i += 2
        } else if bytes.first == UInt8(ascii: ":") {
            return nil  // a single leading colon
        }

        while i < end {
            var j = i
            var sawDot = false
            while j < end, bytes[j] != UInt8(ascii: ":") {
                if bytes[j] == UInt8(ascii: ".") { sawDot = true }
                j += 1
            }
            if sawDot {
                // A dotted-quad tail must be the very last piece.
                guard j == end, let v4 = parseV4(bytes[i..<j]) else { return nil }
                let pair = [UInt16(truncatingIfNeeded: v4 >> 16), UInt16(truncatingIfNeeded: v4)]
                if compressed { tail += pair } else { head += pair }
                i = j
                break
            }
            guard let group = parseHexGroup(bytes[i..<j]) else { return nil }
            if compressed { tail.append(group) } else { head.append(group) }
            if head.count + tail.count > 8 { return nil }
            if j == end {
                i = j
                break
            }
            // bytes[j] is a colon.
            if j + 1 < end, bytes[j + 1] == UInt8(ascii: ":") {
                if compressed { return nil }  // a second "::"
                compressed = true
                i = j + 2
            } else {
                i = j + 1
                if i == end { return nil }  // a single trailing colon
            }
        }

        let count = head.count + tail.count
        if compressed {
            guard count <= 7 else { return nil }
        } else {
            guard count == 8 else { return nil }
        }
        var value: UInt128 = 0
        for group in head { value = value << 16 | UInt128(group) }
        value <<= 16 * (8 - head.count)
        var low: UInt128 = 0
        for group in tail { low = low << 16 | UInt128(group) }
        return value | low
    }

    /// Parses one to four hex digits.
    private static func parseHexGroup(_ bytes: ArraySlice<UInt8>) -> UInt16? {
        guard (1...4).contains(bytes.count) else { return nil }
        var value: UInt16 = 0
        for byte in bytes {
            let digit: UInt8
            switch byte {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): digit = byte - UInt8(ascii: "0")
            case UInt8(ascii: "a")...UInt8(ascii: "f"): digit = byte - UInt8(ascii: "a") + 10
            case UInt8(ascii: "A")...UInt8(ascii: "F"): digit = byte - UInt8(ascii: "A") + 10
            default: return nil
            }
            value = value << 4 | UInt16(digit)
        }
        return value
    }
}

// MARK: - Formatting

extension IPAddress {
    static func formatV4(_ value: UInt32) -> String {
        "\(value >> 24).\(value >> 16 & 0xff).\(value >> 8 & 0xff).\(value & 0xff)"
    }

    static func formatV6(_ value: UInt128) -> String {
        // IPv4-mapped addresses (::ffff:0:0/96) keep their dotted quad (RFC 5952 §5).
        if value >> 32 == 0xffff {
            return "::ffff:" + formatV4(UInt32(truncatingIfNeeded: value))
        }
        var groups = [UInt16](repeating: 0, count: 8)
        for index in 0..<8 {
            groups[index] = UInt16(truncatingIfNeeded: value >> (16 * (7 - index)))
        }
        // The longest run of zero groups, at least two long; the first one wins a tie.
        var bestStart = -1
        var bestLength = 1
        var index = 0
        while index < 8 {
            guard groups[index] == 0 else {
                index += 1
                continue
            }
            var runEnd = index
            while runEnd < 8, groups[runEnd] == 0 { runEnd += 1 }
            if runEnd - index > bestLength {
                bestStart = index
                bestLength = runEnd - index
            }
            index = runEnd
        }

        func hex(_ range: Range<Int>) -> String {
            groups[range].map { String($0, radix: 16) }.joined(separator: ":")
        }
        guard bestStart >= 0 else { return hex(0..<8) }
        return hex(0..<bestStart) + "::" + hex((bestStart + bestLength)..<8)
    }
}

// MARK: - Codable

extension IPAddress: Codable {
    /// Decodes an address from its text form.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let address = IPAddress(text) else {
            throw DecodingError.dataCorruptedError(
                in: container, debugDescription: "\"\(text)\" is not a valid IPv4 or IPv6 address")
        }
        self = address
    }

    /// Encodes the address as its canonical text form.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
