/// The address family of an IP address or prefix: IPv4 (32 bits) or IPv6 (128 bits).
public enum IPFamily: String, Sendable, Codable, CaseIterable {
    case v4
    case v6

    /// The number of bits in an address of this family: 32 or 128.
    public var bitWidth: Int {
        switch self {
        case .v4: 32
        case .v6: 128
        }
    }
}
