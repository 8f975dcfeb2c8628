/// How owner codes become unit ids in alerts: a unit's own id, or every unit of the link for a spoofed source.
struct AlertNaming: Sendable {
    let link: String
    /// Every watched unit's id, by unit index.
    let unitIDs: [String]
    /// The ids of the units on the capture's link.
    let linkUnitIDs: [String]

    func unit(_ owner: Int32) -> String? {
        if owner >= 0 { return unitIDs[Int(owner)] }
        return linkUnitIDs.count == 1 ? linkUnitIDs[0] : nil
    }

    func units(_ owner: Int32) -> [String] {
        owner >= 0 ? [unitIDs[Int(owner)]] : linkUnitIDs
    }
}
