/// An SNMP object identifier, such as `1.3.6.1.2.1.1.5.0` (sysName.0).
///
/// Ordered lexicographically by component, the order in which an agent walks its MIB.
public struct OID: Sendable, Hashable, Comparable, CustomStringConvertible {
    /// The numeric components, first arc first.
    public let components: [UInt32]

    /// The largest number of components net-snmp accepts (`MAX_OID_LEN`).
    public static let maximumLength = 128

    /// An identifier from its components; `nil` if there are none or more than ``maximumLength``.
    public init?(components: [UInt32]) {
        guard !components.isEmpty, components.count <= Self.maximumLength else { return nil }
        self.components = components
    }

    /// Parses dotted numbers, with or without a leading dot: `1.3.6.1.2.1.1.3.0` or `.1.3.6.1…`.
    ///
    /// Returns `nil` for anything else: names (no MIBs are loaded), empty arcs, signs, spaces, or
    /// arcs above 4294967295.
    public init?(_ text: String) {
        var body = Substring(text)
        if body.hasPrefix(".") { body = body.dropFirst() }
        guard !body.isEmpty else { return nil }
        var parsed: [UInt32] = []
        for arc in body.split(separator: ".", omittingEmptySubsequences: false) {
            guard !arc.isEmpty, arc.utf8.allSatisfy({ $0 >= 0x30 && $0 <= 0x39 }),
                let value = UInt32(arc)
            else { return nil }
            parsed.append(value)
        }
        self.init(components: parsed)
    }

    /// Whether `prefix` is this identifier or an ancestor of it.
    public func hasPrefix(_ prefix: OID) -> Bool {
        components.starts(with: prefix.components)
    }

    /// This identifier with `arcs` appended, for example a column OID and an interface index.
    public func appending(_ arcs: UInt32...) -> OID {
        OID(unchecked: components + arcs)
    }

    /// The components after `prefix`, for example the row index of a table cell; `nil` if
    /// `prefix` is not a prefix.
    public func suffix(after prefix: OID) -> [UInt32]? {
        hasPrefix(prefix) ? Array(components.dropFirst(prefix.components.count)) : nil
    }

    public static func < (lhs: OID, rhs: OID) -> Bool {
        lhs.components.lexicographicallyPrecedes(rhs.components)
    }

    /// Dotted numbers without a leading dot.
    public var description: String {
        components.map(String.init).joined(separator: ".")
    }

    init(unchecked components: [UInt32]) {
        self.components = components
    }
}
