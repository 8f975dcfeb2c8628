/// The registry's placement rules from the measures: which hub a unit may attach to (article 16).
public enum AccessRules {
    /// Article 16: a unit's division must match its level (city-level units belong to the city,
    /// county-level and lower to a county).
    public static func checkDivision(
        level: UnitLevel, division: AdministrativeDivision,
        field: String = "divisionCode"
    ) throws(RegistryError) {
        switch (level, division.level) {
        case (.city, .city), (.county, .county), (.township, .county), (.village, .county):
            return
        case (.city, .county):
            throw .invalid(
                field, rule: "article-16",
                "a city-level unit belongs to the city (\(division.parentCode ?? "")), not to \(division.name); article 16 attaches it to the city network"
            )
        case (_, .city):
            throw .invalid(
                field, rule: "article-16",
                "a \(level.label) unit belongs to its county, not to the city \(division.name); article 16 attaches it to its county's network"
            )
        }
    }

    /// Article 16: a city-level unit attaches to the city hub, a county-level or lower unit to its own county's hub.
    public static func checkHub(
        unitName: String, level: UnitLevel, unitDivision: String,
        hub: Hub, field: String = "hubDevice"
    ) throws(RegistryError) {
        guard hub.divisionCode == unitDivision else {
            let wanted = level == .city ? "the city hub" : "its own county's hub"
            throw .invalid(
                field, rule: "article-16",
                "\(unitName) (\(level.label), division \(unitDivision)) must attach to \(wanted), not to \(hub.name) (\(hub.code)); article 16"
            )
        }
    }
}
