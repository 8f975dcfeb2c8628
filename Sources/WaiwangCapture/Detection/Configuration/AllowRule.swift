import WaiwangCore

/// An allowlist entry: traffic from (or to) this prefix, on this port when one is given, never alerts.
///
/// Written `"10.99.0.0/24"` or `{"prefix": "10.99.0.0/24", "port": 443}`. The port is the peer's
/// destination port when the prefix is the source, and its source port when the prefix is the destination.
public struct AllowRule: Sendable, Hashable, Codable {
    /// The allowed prefix, e.g. the authority's vulnerability scanners.
    public var prefix: IPPrefix
    /// Only this transport port, or every port when nil.
    public var port: UInt16?

    /// Creates an allow rule.
    public init(prefix: IPPrefix, port: UInt16? = nil) {
        self.prefix = prefix
        self.port = port
    }

    private enum CodingKeys: String, CodingKey { case prefix, port }

    public init(from decoder: any Decoder) throws {
        if let single = try? decoder.singleValueContainer(), let text = try? single.decode(String.self) {
            do {
                self.init(prefix: try IPPrefix.parse(text))
            } catch {
                throw DecodingError.dataCorruptedError(in: single, debugDescription: "\(error)")
            }
            return
        }
        let container = try decoder.container(keyedBy: CodingKeys.self)
        self.init(
            prefix: try container.decode(IPPrefix.self, forKey: .prefix),
            port: try container.decodeIfPresent(UInt16.self, forKey: .port))
    }

    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(prefix, forKey: .prefix)
        try container.encodeIfPresent(port, forKey: .port)
    }
}
