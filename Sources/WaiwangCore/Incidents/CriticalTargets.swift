/// One important system (重要业务系统) the authority declared in `Config/critical-targets.json`: a name and the
/// prefix its addresses lie in.
public struct CriticalTarget: Hashable, Sendable, Codable {
    /// How reports and grade reasons name the system (`市政务云核心区`).
    public var name: String
    /// The system's addresses in CIDR form (`10.250.0.0/24`), as written in the file.
    public var prefix: String
    /// Free text for people: what the system is, who runs it.
    public var description: String?
    /// True on the shipped example entries, which must be replaced by the city's own prefixes.
    public var example: Bool?

    public init(name: String, prefix: String, description: String? = nil, example: Bool? = nil) {
        self.name = name
        self.prefix = prefix
        self.description = description
        self.example = example
    }
}

/// The important systems an attack may be aimed at, looked up by the most specific prefix holding an address,
/// so a core zone nested in a wider cloud prefix is named as the core zone.
///
/// Built only from valid entries: every name non-empty and unique, every prefix a CIDR prefix without host bits,
/// given once, and no wider than /8 (IPv4) or /32 (IPv6) — a wider one would make nearly every attack critical.
public struct CriticalTargets: Sendable, Equatable {
    /// The entries, in the order given.
    public let entries: [CriticalTarget]
    private let table: PrefixTable<Int>

    /// Checks and indexes `entries`; an error names the entry (`targets[1].prefix`) and what to fix.
    public init(_ entries: [CriticalTarget] = []) throws(RegistryError) {
        var names: Set<String> = []
        var prefixes: [IPPrefix] = []
        for (index, entry) in entries.enumerated() {
            let field = "targets[\(index)]"
            let name = entry.name.trimmingBlanks()
            guard !name.isEmpty else {
                throw .invalid("\(field).name", rule: "critical-targets", "give the system a name (e.g. 市政务云核心区)")
            }
            guard names.insert(name).inserted else {
                throw .invalid(
                    "\(field).name", rule: "critical-targets",
                    "\"\(name)\" is named twice; give each system one entry, or distinct names")
            }
            let prefix: IPPrefix
            do { prefix = try IPPrefix.parse(entry.prefix.trimmingBlanks()) } catch {
                // Host bits set already suggests the prefix meant; the other mistakes get the form to write.
                let fix =
                    if case .hostBitsSet = error.kind { "" } else { "; write it in CIDR form, e.g. 10.250.0.0/24" }
                throw .invalid("\(field).prefix", rule: "critical-targets", "\(name): \(error.description)\(fix)")
            }
            guard prefix.length >= (prefix.family == .v4 ? 8 : 32) else {
                throw .invalid(
                    "\(field).prefix", rule: "critical-targets",
                    "\(name): \(prefix) is too wide (at most /8 for IPv4, /32 for IPv6); list the system's own prefix")
            }
            prefixes.append(prefix)
        }
        do { table = try PrefixTable(prefixes.enumerated().map { ($1, $0) }) } catch {
            let (first, second) = (error.firstIndex, error.secondIndex)
            throw .invalid(
                "targets[\(second)].prefix", rule: "critical-targets",
                "\(entries[second].name.trimmingBlanks()): \(error.prefix) is already targets[\(first)] "
                    + "(\(entries[first].name.trimmingBlanks())); list each prefix once")
        }
        self.entries = entries
    }

    /// No important system declared: no target is critical.
    public static let none: CriticalTargets = {
        do { return try CriticalTargets() } catch { fatalError("an empty list is valid: \(error)") }
    }()

    /// Whether no system is declared.
    public var isEmpty: Bool { entries.isEmpty }

    /// The names of the systems holding any of `addresses` (each address by its most specific prefix), in the
    /// order of the entries, each once.
    public func systems(containing addresses: some Sequence<IPAddress>) -> [String] {
        guard !isEmpty else { return [] }
        let hit = Set(addresses.compactMap { table.lookup($0)?.value })
        return hit.sorted().map { entries[$0].name.trimmingBlanks() }
    }

    public static func == (lhs: CriticalTargets, rhs: CriticalTargets) -> Bool { lhs.entries == rhs.entries }
}
