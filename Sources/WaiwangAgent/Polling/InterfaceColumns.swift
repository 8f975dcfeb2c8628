import WaiwangSNMP

/// The MIB-II and IF-MIB objects (RFC 1213, RFC 2863) a poll reads, by number: no MIB files needed.
enum InterfaceColumns {
    static let sysUpTime = OID("1.3.6.1.2.1.1.3.0")!
    static let sysName = OID("1.3.6.1.2.1.1.5.0")!

    /// One column of ifTable or ifXTable, indexed by ifIndex.
    enum Column: String, CaseIterable, Sendable {
        case ifDescr, ifSpeed, ifAdminStatus, ifOperStatus, ifLastChange
        case ifInOctets, ifInDiscards, ifInErrors, ifOutOctets, ifOutDiscards, ifOutErrors
        case ifName, ifHCInOctets, ifHCOutOctets, ifHighSpeed, ifAlias, ifCounterDiscontinuityTime

        var oid: OID {
            switch self {
            case .ifDescr: ifEntry(2)
            case .ifSpeed: ifEntry(5)
            case .ifAdminStatus: ifEntry(7)
            case .ifOperStatus: ifEntry(8)
            case .ifLastChange: ifEntry(9)
            case .ifInOctets: ifEntry(10)
            case .ifInDiscards: ifEntry(13)
            case .ifInErrors: ifEntry(14)
            case .ifOutOctets: ifEntry(16)
            case .ifOutDiscards: ifEntry(19)
            case .ifOutErrors: ifEntry(20)
            case .ifName: ifXEntry(1)
            case .ifHCInOctets: ifXEntry(6)
            case .ifHCOutOctets: ifXEntry(10)
            case .ifHighSpeed: ifXEntry(15)
            case .ifAlias: ifXEntry(18)
            case .ifCounterDiscontinuityTime: ifXEntry(19)
            }
        }

        private func ifEntry(_ column: UInt32) -> OID { OID("1.3.6.1.2.1.2.2.1")!.appending(column) }
        private func ifXEntry(_ column: UInt32) -> OID { OID("1.3.6.1.2.1.31.1.1.1")!.appending(column) }
    }
}
