/// How interfaces moved between two polls' ifIndex → ifName maps, so that history follows the name (ifIndex may
/// be renumbered when a device reboots or a card is inserted; RFC 2863 only asks it be stable until re-init).
///
/// A name found on more than one index in either poll, or empty, cannot key history: it is only in `ambiguous`.
public struct InterfaceRenumbering: Sendable, Hashable {
    /// An ifIndex change of one named interface.
    public struct Move: Sendable, Hashable {
        public var from: Int
        public var to: Int

        public init(from: Int, to: Int) {
            self.from = from
            self.to = to
        }
    }

    /// Names on the same ifIndex as before.
    public var kept: [String: Int] = [:]
    /// Names on a new ifIndex.
    public var renumbered: [String: Move] = [:]
    /// Names in the previous poll and not in this one, with their old ifIndex.
    public var vanished: [String: Int] = [:]
    /// Names in this poll and not in the previous one, with their ifIndex.
    public var appeared: [String: Int] = [:]
    /// Names that are empty or on several ifIndexes in either poll.
    public var ambiguous: Set<String> = []

    /// Compares the previous poll's ifIndex → ifName map with the current one.
    public init(previous: [Int: String], current: [Int: String]) {
        let (before, ambiguousBefore) = Self.indexByName(previous)
        let (after, ambiguousAfter) = Self.indexByName(current)
        ambiguous = ambiguousBefore.union(ambiguousAfter)
        for (name, index) in before where !ambiguous.contains(name) {
            switch after[name] {
            case nil: vanished[name] = index
            case index: kept[name] = index
            case let newIndex?: renumbered[name] = Move(from: index, to: newIndex)
            }
        }
        for (name, index) in after where before[name] == nil && !ambiguous.contains(name) {
            appeared[name] = index
        }
    }

    private static func indexByName(_ map: [Int: String]) -> (unique: [String: Int], ambiguous: Set<String>) {
        var unique: [String: Int] = [:]
        var ambiguous: Set<String> = []
        for (index, name) in map {
            if name.isEmpty || unique[name] != nil {
                ambiguous.insert(name)
            } else {
                unique[name] = index
            }
        }
        return (unique, ambiguous)
    }
}
