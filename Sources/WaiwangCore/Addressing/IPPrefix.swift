/// An IP network in CIDR form — a network address and a prefix length — with no host bits set.
///
/// Prefixes order by family (IPv4 first), then by first address, then shorter (wider) first, so
/// that a sorted list visits every prefix before the prefixes nested inside it. Encoded as its
/// canonical text, e.g. `"10.1.2.0/24"` or `"2001:db8::/32"`.
public struct IPPrefix: Hashable, Sendable, Comparable, CustomStringConvertible {
    // The network address is stored as two 64-bit halves rather than as an `IPAddress`: that
    // keeps the struct 8-byte aligned and 24 bytes long, and it sidesteps a Swift 6.3 debug-build
    // miscompile in which a struct holding a 16-byte-aligned UInt128 payload, bound to a `let`
    // initialized later in branches and then passed to generic code, is copied with an aligned
    // SSE move from an 8-byte-aligned temporary and crashes.
    private let high: UInt64  // IPv6: the upper 64 bits; IPv4: 0
    private let low: UInt64  // IPv6: the lower 64 bits; IPv4: the address
    private let storedLength: UInt8
    private let isV6: Bool

    /// The network address: the first address of the prefix.
    public var address: IPAddress {
        isV6 ? .v6(UInt128(high) << 64 | UInt128(low)) : .v4(UInt32(truncatingIfNeeded: low))
    }

    /// The number of leading bits that name the network: 0–32 for IPv4, 0–128 for IPv6.
    public var length: Int { Int(storedLength) }

    /// Creates a prefix, refusing a length out of range or an address with host bits set.
    public init(address: IPAddress, length: Int) throws(PrefixError) {
        let input = "\(address)/\(length)"
        guard (0...address.family.bitWidth).contains(length) else {
            throw PrefixError(.lengthOutOfRange(family: address.family), input: input)
        }
        let network = IPPrefix(truncating: address, length: length)
        guard network.address == address else {
            throw PrefixError(.hostBitsSet(suggestion: network), input: input)
        }
        self = network
    }

    /// Creates the prefix of `length` bits that contains `address`, clearing its host bits.
    ///
    /// - Precondition: `length` is within 0...32 for IPv4 or 0...128 for IPv6.
    public init(truncating address: IPAddress, length: Int) {
        precondition(
            (0...address.family.bitWidth).contains(length),
            "prefix length \(length) out of range for \(address.family)")
        switch address {
        case .v4(let value):
            high = 0
            low = UInt64(value & IPPrefix.maskV4(length))
            isV6 = false
        case .v6(let value):
            let network = value & IPPrefix.maskV6(length)
            high = UInt64(truncatingIfNeeded: network >> 64)
            low = UInt64(truncatingIfNeeded: network)
            isV6 = true
        }
        storedLength = UInt8(length)
    }

    /// Parses `"10.1.2.0/24"` or `"2001:db8::/32"`; a bare address means a /32 or /128.
    public static func parse(_ text: String) throws(PrefixError) -> IPPrefix {
        let bytes = Array(text.utf8)
        let slash = bytes.firstIndex(of: UInt8(ascii: "/"))
        guard let address = IPAddress.parse(bytes[..<(slash ?? bytes.endIndex)]) else {
            throw PrefixError(.invalidAddress, input: text)
        }
        let bitWidth = address.family.bitWidth
        var length = bitWidth
        if let slash {
            let digits = bytes[(slash + 1)...]
            guard !digits.isEmpty else { throw PrefixError(.missingLength, input: text) }
            guard digits.allSatisfy({ (UInt8(ascii: "0")...UInt8(ascii: "9")).contains($0) }),
                digits.count == 1 || digits.first != UInt8(ascii: "0")
            else { throw PrefixError(.invalidLength, input: text) }
            length = 0
            for digit in digits {
                length = min(length * 10 + Int(digit - UInt8(ascii: "0")), 1_000)
            }
            guard length <= bitWidth else {
                throw PrefixError(.lengthOutOfRange(family: address.family), input: text)
            }
        }
        let network = IPPrefix(truncating: address, length: length)
        guard network.address == address else {
            throw PrefixError(.hostBitsSet(suggestion: network), input: text)
        }
        return network
    }

    /// The family of the prefix.
    public var family: IPFamily { isV6 ? .v6 : .v4 }

    /// The first address of the prefix (its network address).
    public var first: IPAddress { address }

    /// The last address of the prefix (its broadcast address, for IPv4).
    public var last: IPAddress {
        switch address {
        case .v4(let value): .v4(value | ~IPPrefix.maskV4(length))
        case .v6(let value): .v6(value | ~IPPrefix.maskV6(length))
        }
    }

    /// Whether `address` lies inside this prefix.
    public func contains(_ address: IPAddress) -> Bool {
        switch (self.address, address) {
        case (.v4(let network), .v4(let value)): value & IPPrefix.maskV4(length) == network
        case (.v6(let network), .v6(let value)): value & IPPrefix.maskV6(length) == network
        default: false
        }
    }

    /// Whether `other` lies wholly inside this prefix (a prefix contains itself).
    public func contains(_ other: IPPrefix) -> Bool {
        other.length >= length && contains(other.address)
    }

    /// Whether the two prefixes share any address; for CIDR prefixes that means one contains the other.
    public func overlaps(_ other: IPPrefix) -> Bool {
        contains(other.address) || other.contains(address)
    }

    /// The canonical text, e.g. `10.1.2.0/24` or `2001:db8::/32`.
    public var description: String { "\(address)/\(length)" }

    /// Orders by family, then first address, then shorter prefix first.
    public static func < (lhs: IPPrefix, rhs: IPPrefix) -> Bool {
        (lhs.isV6 ? 1 : 0, lhs.high, lhs.low, lhs.storedLength)
            < (rhs.isV6 ? 1 : 0, rhs.high, rhs.low, rhs.storedLength)
    }
}

// MARK: - Bit arithmetic shared by the table and the overlap finder

extension IPPrefix {
    /// The network mask of an IPv4 prefix of `length` bits (Swift's shifts saturate at 32).
    @inline(__always)
    static func maskV4(_ length: Int) -> UInt32 { ~(UInt32.max >> length) }

    /// The network mask of an IPv6 prefix of `length` bits (Swift's shifts saturate at 128).
    @inline(__always)
    static func maskV6(_ length: Int) -> UInt128 { ~(UInt128.max >> length) }

    /// The first and last address of the prefix as 128-bit integers (IPv4 zero-extended).
    var bounds: (first: UInt128, last: UInt128) {
        switch address {
        case .v4(let value):
            (UInt128(value), UInt128(value | ~IPPrefix.maskV4(length)))
        case .v6(let value):
            (value, value | ~IPPrefix.maskV6(length))
        }
    }
}

// MARK: - Codable

extension IPPrefix: Codable {
    /// Decodes a prefix from its text form, reporting a `PrefixError` message if it is invalid.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        do {
            self = try IPPrefix.parse(text)
        } catch {
            throw DecodingError.dataCorruptedError(in: container, debugDescription: error.description)
        }
    }

    /// Encodes the prefix as its canonical text.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
