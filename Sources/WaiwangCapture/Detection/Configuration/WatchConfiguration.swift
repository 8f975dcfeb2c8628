import Foundation
import WaiwangCore

/// The part of an agent's assignment the detectors need: the units watched, the prefixes they use,
/// the links they arrive by, and the allowlist of the authority's own scanners and monitoring.
///
/// The shape is documented in docs/ALERTS.md; `decode(from:)` validates it and names the field at fault.
public struct WatchConfiguration: Sendable, Hashable, Codable, DetectionDocument {
    /// The access units whose traffic is watched.
    public var units: [WatchedUnit]
    /// The links; a unit may also name its link itself, so this list may be empty.
    public var links: [WatchedLink]
    /// Traffic from or to these never raises an alert.
    public var allow: [AllowRule]

    /// Creates a watch configuration; call `validate()` before use.
    public init(units: [WatchedUnit], links: [WatchedLink] = [], allow: [AllowRule] = []) {
        self.units = units
        self.links = links
        self.allow = allow
    }

    private enum CodingKeys: String, CodingKey { case units, links, allow }

    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        units = try container.decode([WatchedUnit].self, forKey: .units)
        links = try container.value(.links, or: [])
        allow = try container.value(.allow, or: [])
    }

    /// What the file is called in error messages.
    public static let documentName = "watch"

    /// Checks identifiers and cross-references: unique unit and link ids, every link named exists,
    /// every unit a link lists exists, and no prefix given twice on one link.
    public func validate() throws(DetectionConfigurationError) {
        var unitIDs: Set<String> = []
        for (index, unit) in units.enumerated() {
            guard !unit.id.isEmpty else {
                throw DetectionConfigurationError(field: "units[\(index)].id", "must not be empty")
            }
            guard unitIDs.insert(unit.id).inserted else {
                throw DetectionConfigurationError(field: "units[\(index)].id", "\"\(unit.id)\" is given twice")
            }
        }
        var linkIDs: Set<String> = []
        for (index, link) in links.enumerated() {
            guard !link.id.isEmpty else {
                throw DetectionConfigurationError(field: "links[\(index)].id", "must not be empty")
            }
            guard linkIDs.insert(link.id).inserted else {
                throw DetectionConfigurationError(field: "links[\(index)].id", "\"\(link.id)\" is given twice")
            }
            for (position, unit) in link.units.enumerated() where !unitIDs.contains(unit) {
                throw DetectionConfigurationError(
                    field: "links[\(index)].units[\(position)]", "\"\(unit)\" is not one of the units")
            }
        }
        for (index, unit) in units.enumerated() {
            guard let link = unit.link else { continue }
            guard !link.isEmpty else {
                throw DetectionConfigurationError(field: "units[\(index)].link", "must not be empty")
            }
            if !links.isEmpty, !linkIDs.contains(link) {
                throw DetectionConfigurationError(
                    field: "units[\(index)].link", "\"\(link)\" is not one of the links")
            }
        }
        for link in linkIDs.union(units.compactMap(\.link)).sorted() {
            var owners: [IPPrefix: String] = [:]
            for index in unitIndices(onLink: link) {
                for (position, prefix) in units[index].prefixes.enumerated() {
                    if let other = owners[prefix] {
                        throw DetectionConfigurationError(
                            field: "units[\(index)].prefixes[\(position)]",
                            "\(prefix) is also a prefix of unit \"\(other)\" on link \"\(link)\"; a prefix belongs to one unit"
                        )
                    }
                    owners[prefix] = units[index].id
                }
            }
        }
    }

    /// The ids of all links, from `links` and from the units' own `link` fields, in order of appearance.
    public var linkIDs: [String] {
        var seen: Set<String> = []
        var result: [String] = []
        for id in links.map(\.id) + units.compactMap(\.link) where seen.insert(id).inserted {
            result.append(id)
        }
        return result
    }

    /// Indices into `units` of the units on `link` (named by the link or naming it), in unit order.
    public func unitIndices(onLink link: String) -> [Int] {
        let listed = Set(links.first { $0.id == link }?.units ?? [])
        return units.indices.filter { units[$0].link == link || listed.contains(units[$0].id) }
    }

    /// The link with this id, or one built from the units that name it.
    public func link(_ id: String) -> WatchedLink? {
        if let link = links.first(where: { $0.id == id }) { return link }
        let named = units.filter { $0.link == id }.map(\.id)
        return named.isEmpty ? nil : WatchedLink(id: id, units: named)
    }
}
