/// arp_spoof: a gateway's address claimed by another MAC, or an address whose fresh binding changes MAC.
public struct ARPSpoofPolicy: Sendable, Hashable, Codable {
    public var enabled = true
    /// A binding seen within this time is fresh; a different MAC claiming it is a spoof, after it a re-addressing.
    public var bindingFreshSeconds = 300.0

    public init() {}

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        enabled = try c.value(.enabled, or: enabled)
        bindingFreshSeconds = try c.value(.bindingFreshSeconds, or: bindingFreshSeconds)
    }
}
