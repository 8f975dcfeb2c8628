import WaiwangCore

/// An access unit as the detectors see it: its id, its prefixes and the link it arrives by.
public struct WatchedUnit: Sendable, Hashable, Codable {
    /// The registry's unit id; alerts name it.
    public var id: String
    /// The unit's name, for people reading alerts.
    public var name: String?
    /// The prefixes the unit uses; longest-prefix match attributes a source to the unit.
    public var prefixes: [IPPrefix]
    /// The link the unit's traffic arrives by (a link may also list the unit).
    public var link: String?

    /// Creates a unit.
    public init(id: String, name: String? = nil, prefixes: [IPPrefix], link: String? = nil) {
        self.id = id
        self.name = name
        self.prefixes = prefixes
        self.link = link
    }

    private enum CodingKeys: String, CodingKey { case id, name, prefixes, link }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        id = try container.decode(String.self, forKey: .id)
        name = try container.decodeIfPresent(String.self, forKey: .name)
        prefixes = try container.value(.prefixes, or: [])
        link = try container.decodeIfPresent(String.self, forKey: .link)
    }
}
