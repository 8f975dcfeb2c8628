import WaiwangSNMP

/// The veths other suites create and delete in the root namespace while a suite compares a real snmpd's
/// interface table (named `ww…`, LAB.md's rule): they come and go between two walks, so comparisons leave them out.
enum TransientInterfaces {
    private static let prefix = Array("ww".utf8)

    /// Whether an interface name (ifDescr or ifName) is one of those veths.
    static func isTransient(_ name: String?) -> Bool {
        Array((name ?? "").utf8).starts(with: prefix)
    }

    /// The ifIndex of a name binding (ifDescr.N or ifName.N) that names one of those veths, else nil.
    static func index(ofName binding: VarBind) -> UInt32? {
        guard case .octetString(let bytes) = binding.value, bytes.starts(with: prefix) else { return nil }
        return binding.oid.components.last
    }

    /// `walk` without the rows of `indices` (the last arc of a table binding is its ifIndex).
    static func leavingOut(_ indices: Set<UInt32>, from walk: [VarBind]) -> [VarBind] {
        walk.filter { !indices.contains($0.oid.components.last ?? 0) }
    }
}
