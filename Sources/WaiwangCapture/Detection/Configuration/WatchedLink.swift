import WaiwangCore

/// A link into the hub: the units that share it (article 17) and its gateways, whose ARP claims are watched.
public struct WatchedLink: Sendable, Hashable, Codable {
    /// The registry's link id; the capture names the link it was taken on.
    public var id: String
    /// The ids of the units on the link; more than one for a shared link.
    public var units: [String]
    /// The gateway addresses on the link's segment, with their MAC when known.
    public var gateways: [Gateway]

    /// Creates a link.
    public init(id: String, units: [String] = [], gateways: [Gateway] = []) {
        self.id = id
        self.units = units
        self.gateways = gateways
    }

    private enum CodingKeys: String, CodingKey { case id, units, gateways }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        units = try container.value(.units, or: [])
        gateways = try container.value(.gateways, or: [])
    }
}

/// A gateway's IPv4 address and, when known, its MAC: any other MAC claiming the address is an ARP spoof.
///
/// Written `"10.77.1.1"` or `{"ip": "10.77.1.1", "mac": "00:11:22:33:44:55"}`; without a MAC the
/// first MAC seen claiming the address is taken as the gateway's.
public struct Gateway: Sendable, Hashable, Codable {
    /// The gateway's IPv4 address, host order.
    public var ip: UInt32
    /// The gateway's MAC, when configured.
    public var mac: MACAddress?

    /// Creates a gateway entry.
    public init(ip: UInt32, mac: MACAddress? = nil) {
        self.ip = ip
        self.mac = mac
    }

    private enum CodingKeys: String, CodingKey { case ip, mac }

    public init(from decoder: any Decoder) throws {
        if let single = try? decoder.singleValueContainer(), let text = try? single.decode(String.self) {
            guard case .v4(let value)? = IPAddress(text) else {
                throw DecodingError.dataCorruptedError(
                    in: single, debugDescription: "\"\(text)\" is not an IPv4 address")
            }
            self.init(ip: value)
            return
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let text = try container.decode(String.self, forKey: .ip)
        guard case .v4(let value)? = IPAddress(text) else {
            throw DecodingError.dataCorruptedError(
                forKey: .ip, in: container, debugDescription: "\"\(text)\" is not an IPv4 address")
        }
        var mac: MACAddress?
        if let macText = try container.decodeIfPresent(String.self, forKey: .mac) {
            guard let parsed = MACAddress(parsing: macText) else {
                throw DecodingError.dataCorruptedError(
                    forKey: .mac, in: container,
                    debugDescription: "\"\(macText)\" is not a MAC address (six hex pairs joined by colons)")
            }
            mac = parsed
        }
        self.init(ip: value, mac: mac)
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(IPAddress.v4(ip).description, forKey: .ip)
        try container.encodeIfPresent(mac?.description, forKey: .mac)
    }
}

extension MACAddress {
    /// Parses six hex pairs joined by colons or hyphens, e.g. `00:11:22:aa:bb:cc`.
    init?(parsing text: String) {
        let parts = text.split(whereSeparator: { $0 == ":" || $0 == "-" })
        guard parts.count == 6 else { return nil }
        var value: UInt64 = 0
        for part in parts {
            guard part.count == 2, let octet = UInt8(part, radix: 16) else { return nil }
            value = value << 8 | UInt64(octet)
        }
        self.init(value)
    }
}
