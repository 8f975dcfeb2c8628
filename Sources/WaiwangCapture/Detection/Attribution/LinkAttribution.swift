import WaiwangCore

/// Who a packet on the capture's link belongs to: longest-prefix match of an address in the prefixes
/// of that link's units only, so a forged source owned by an unrelated unit elsewhere is never blamed.
struct LinkAttribution {
    let naming: AlertNaming
    /// Prefixes of the link's units → unit index in the watch file.
    private let units: PrefixTable<Int32>
    /// Allowed prefixes → allowed ports (empty: every port).
    private let allow: PrefixTable<[UInt16]>
    /// The IPv4 look-ups of `units` and `allow` in one or two loads (two per packet each, the engine's
    /// hottest search); nil for a table small enough to search directly.
    private let unitsV4: IPv4Directory?
    private let allowV4: IPv4Directory?
    /// The lowest and highest IPv4 address of any allowed prefix (lowest above highest when none is IPv4):
    /// an address outside is covered by no allowed prefix, settled with two compares instead of a search.
    private let allowV4Lowest: UInt32
    private let allowV4Highest: UInt32
    let hasAllowlist: Bool
    /// The gateways of the link, for the ARP detector.
    let gateways: [Gateway]

    init(watch: WatchConfiguration, link: String) throws(DetectionConfigurationError) {
        guard let watchedLink = watch.link(link) else {
            throw DetectionConfigurationError(
                field: "link",
                "\"\(link)\" is not a link of the watch file (links: \(watch.linkIDs.joined(separator: ", ")))")
        }
        let onLink = watch.unitIndices(onLink: link)
        var entries: [(IPPrefix, Int32)] = []
        for index in onLink {
            for prefix in watch.units[index].prefixes { entries.append((prefix, Int32(index))) }
        }
        do {
            units = try PrefixTable(entries)
        } catch {
            throw DetectionConfigurationError(field: "units", "\(error) on link \"\(link)\"")
        }
        // Allowed prefix → its ports; an empty list allows every port.
        var allowed: [IPPrefix: [UInt16]] = [:]
        var order: [IPPrefix] = []
        for rule in watch.allow {
            guard let existing = allowed[rule.prefix] else {
                order.append(rule.prefix)
                allowed[rule.prefix] = rule.port.map { [$0] } ?? []
                continue
            }
            if let port = rule.port, !existing.isEmpty {
                allowed[rule.prefix] = existing + [port]
            } else {
                allowed[rule.prefix] = []
            }
        }
        do {
            allow = try PrefixTable(order.map { ($0, allowed[$0] ?? []) })
        } catch {
            throw DetectionConfigurationError(field: "allow", "\(error)")
        }
        unitsV4 = IPv4Directory(units)
        allowV4 = IPv4Directory(allow)
        (allowV4Lowest, allowV4Highest) = Self.span(ofV4: allow.prefixes)
        hasAllowlist = !watch.allow.isEmpty
        gateways = watchedLink.gateways
        naming = AlertNaming(link: link, unitIDs: watch.units.map(\.id), linkUnitIDs: onLink.map { watch.units[$0].id })
    }

    /// The unit index owning `address` among the link's units, or nil.
    @inline(__always)
    func owner(of address: IPAddress) -> Int32? {
        Self.lookup(address, in: units, unitsV4).map { units.values[$0] }
    }

    /// Whether the allowlist covers the packet: its source with the destination port, or its destination
    /// with the source port.
    @inline(__always)
    func allows(source: IPAddress, destination: IPAddress, sourcePort: UInt16?, destinationPort: UInt16?) -> Bool {
        func covers(_ address: IPAddress, _ port: UInt16?) -> Bool {
            if case .v4(let value) = address, value < allowV4Lowest || value > allowV4Highest { return false }
            guard let index = Self.lookup(address, in: allow, allowV4) else { return false }
            let ports = allow.values[index]
            if ports.isEmpty { return true }
            guard let port else { return false }
            return ports.contains(port)
        }
        return covers(source, destinationPort) || covers(destination, sourcePort)
    }

    /// The first address of the lowest IPv4 prefix and the last of the highest; (1, 0) when there is none.
    private static func span(ofV4 prefixes: [IPPrefix]) -> (lowest: UInt32, highest: UInt32) {
        var lowest = UInt32.max
        var highest = UInt32.min
        var any = false
        for prefix in prefixes {
            guard case .v4(let first) = prefix.address else { continue }
            let last = prefix.length == 0 ? UInt32.max : first | (UInt32.max >> UInt32(prefix.length))
            lowest = min(lowest, first)
            highest = max(highest, last)
            any = true
        }
        return any ? (lowest, highest) : (1, 0)
    }

    /// `table.lookupIndex(address)`, through `directory` for IPv4 when the table has one.
    @inline(__always)
    private static func lookup<Value>(
        _ address: IPAddress, in table: PrefixTable<Value>, _ directory: IPv4Directory?
    ) -> Int? {
        switch address {
        case .v4(let value):
            if let directory { directory.lookup(value, in: table) } else { table.lookupV4(value) }
        case .v6(let value): table.lookupV6(value)
        }
    }
}
