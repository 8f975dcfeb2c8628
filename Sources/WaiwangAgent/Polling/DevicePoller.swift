import Foundation
import WaiwangSNMP

/// Reads sysUpTime, sysName and the IF-MIB columns of one device into a `DeviceSnapshot`.
public struct DevicePoller: Sendable {
    public var walkOptions: SNMPWalkOptions

    public init(walkOptions: SNMPWalkOptions = SNMPWalkOptions(initialMaxRepetitions: 24, maximumMaxRepetitions: 96)) {
        self.walkOptions = walkOptions
    }

    public func poll(_ session: SNMPSession) async throws -> DeviceSnapshot {
        let system = try await session.get([InterfaceColumns.sysUpTime, InterfaceColumns.sysName])
        guard case .timeticks(let upTime)? = system.first(where: { $0.oid == InterfaceColumns.sysUpTime })?.value else {
            throw SNMPError(code: .malformed, message: "sysUpTime.0 is missing or not TimeTicks")
        }
        let sysName = system.first(where: { $0.oid == InterfaceColumns.sysName })?.value.displayString
        var requests = 1
        var skipped = 0
        var interfaces: [Int: InterfaceSnapshot] = [:]
        // All the columns at once: one columnar GETBULK carries every column still open.
        let table = try await session.walkTable(
            columns: InterfaceColumns.Column.allCases.map(\.oid), options: walkOptions)
        requests += table.stats.requests
        for column in InterfaceColumns.Column.allCases {
            for binding in table[column.oid] {
                guard let arcs = binding.oid.suffix(after: column.oid), arcs.count == 1, arcs[0] > 0,
                    arcs[0] <= Int32.max
                else {
                    skipped += 1
                    continue
                }
                let index = Int(arcs[0])
                var interface = interfaces[index] ?? InterfaceSnapshot(ifIndex: index)
                if !Self.store(binding.value, column, into: &interface) { skipped += 1 }
                interfaces[index] = interface
            }
        }
        return DeviceSnapshot(
            target: session.target.address, sysName: sysName, sysUpTime: upTime,
            polledAt: Date().timeIntervalSince1970, interfaces: interfaces.values.sorted { $0.ifIndex < $1.ifIndex },
            requests: requests, skippedValues: skipped)
    }

    /// Puts a value into its field when its type is the column's; false when it is not (and is left out).
    static func store(_ value: SNMPValue, _ column: InterfaceColumns.Column, into interface: inout InterfaceSnapshot)
        -> Bool
    {
        switch (column, value) {
        case (.ifDescr, .octetString): interface.ifDescr = value.displayString
        case (.ifName, .octetString): interface.ifName = value.displayString
        case (.ifAlias, .octetString): interface.ifAlias = value.displayString
        case (.ifAdminStatus, .integer(let status)) where (1...3).contains(status):
            interface.ifAdminStatus = Int(status)
        case (.ifOperStatus, .integer(let status)) where (1...7).contains(status): interface.ifOperStatus = Int(status)
        case (.ifSpeed, .gauge32(let speed)): interface.ifSpeed = speed
        case (.ifHighSpeed, .gauge32(let speed)): interface.ifHighSpeed = speed
        case (.ifLastChange, .timeticks(let ticks)): interface.ifLastChange = ticks
        case (.ifCounterDiscontinuityTime, .timeticks(let ticks)): interface.ifCounterDiscontinuityTime = ticks
        case (.ifInOctets, .counter32(let count)): interface.ifInOctets = count
        case (.ifOutOctets, .counter32(let count)): interface.ifOutOctets = count
        case (.ifInErrors, .counter32(let count)): interface.ifInErrors = count
        case (.ifOutErrors, .counter32(let count)): interface.ifOutErrors = count
        case (.ifInDiscards, .counter32(let count)): interface.ifInDiscards = count
        case (.ifOutDiscards, .counter32(let count)): interface.ifOutDiscards = count
        case (.ifHCInOctets, .counter64(let count)): interface.ifHCInOctets = count
        case (.ifHCOutOctets, .counter64(let count)): interface.ifHCOutOctets = count
        default: return false
        }
        return true
    }
}
