/// Whether a division is the city itself or one of its county-level divisions (县、区、县级市).
public enum DivisionLevel: String, Sendable, Codable {
    case city, county
}

/// A division of the administrative tree, identified by its 6-digit code (GB/T 2260).
public struct AdministrativeDivision: Hashable, Sendable, Codable {
    public var code: String
    public var name: String
    public var level: DivisionLevel
    /// The city's code for a county; nil for the city.
    public var parentCode: String?

    public init(code: String, name: String, level: DivisionLevel, parentCode: String?) {
        self.code = code
        self.name = name
        self.level = level
        self.parentCode = parentCode
    }
}

/// An aggregation node (汇聚节点) of the extranet: the city hub or a county hub, where unit links land.
public struct Hub: Hashable, Sendable, Codable {
    public var code: String
    public var name: String
    /// The division this hub serves.
    public var divisionCode: String

    public init(code: String, name: String, divisionCode: String) {
        self.code = code
        self.name = name
        self.divisionCode = divisionCode
    }
}

/// The city, its county-level divisions and their hubs, as shipped in `Config/divisions.json`.
public struct DivisionTree: Sendable, Codable {
    /// One division of the configuration file with its hub.
    public struct Entry: Sendable, Codable {
        public var code: String
        public var name: String
        public var hub: HubEntry
        public init(code: String, name: String, hub: HubEntry) {
            self.code = code
            self.name = name
            self.hub = hub
        }
    }

    /// A hub as the configuration file names it.
    public struct HubEntry: Sendable, Codable {
        public var code: String
        public var name: String
        public init(code: String, name: String) {
            self.code = code
            self.name = name
        }
    }

    /// The province's name, stripped from office addresses before comparing them.
    public var province: String
    public var city: Entry
    public var counties: [Entry]

    public init(province: String, city: Entry, counties: [Entry]) {
        self.province = province
        self.city = city
        self.counties = counties
    }

    /// Checks codes are 6 digits, unique, and that every county belongs under the city's prefix.
    public func validate() throws(RegistryError) {
        var seen: Set<String> = []
        var hubs: Set<String> = []
        for entry in [city] + counties {
            guard entry.code.count == 6, entry.code.allSatisfy(\.isASCIIDigit) else {
                throw .invalid(
                    "divisions.code", rule: "gb2260",
                    "division code \"\(entry.code)\" of \(entry.name) must be 6 digits")
            }
            guard seen.insert(entry.code).inserted else {
                throw .invalid("divisions.code", rule: "gb2260", "division code \(entry.code) appears twice")
            }
            guard hubs.insert(entry.hub.code).inserted, !entry.hub.code.isEmpty else {
                throw .invalid(
                    "divisions.hub.code", rule: "hub-code",
                    "hub code \"\(entry.hub.code)\" of \(entry.name) is empty or appears twice")
            }
        }
        let cityPrefix = city.code.prefix(4)
        for county in counties where county.code.prefix(4) != cityPrefix {
            throw .invalid(
                "divisions.counties", rule: "gb2260",
                "county \(county.name) (\(county.code)) is not under the city \(city.name) (\(city.code))")
        }
    }

    public var divisions: [AdministrativeDivision] {
        [AdministrativeDivision(code: city.code, name: city.name, level: .city, parentCode: nil)]
            + counties.map {
                AdministrativeDivision(code: $0.code, name: $0.name, level: .county, parentCode: city.code)
            }
    }

    public var hubs: [Hub] {
        ([city] + counties).map { Hub(code: $0.hub.code, name: $0.hub.name, divisionCode: $0.code) }
    }
}

extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}
