import Foundation
import WaiwangCore
import WaiwangSNMP

/// Shuts or restores one port of a hub device by SNMP SET of ifAdminStatus, then reads it back until the device
/// confirms or a deadline passes: the command executor of an isolation order.
///
/// Agents such as net-snmp's snmpd serve ifTable from a cache a few seconds old, so one read right after the SET
/// can show the old status; confirmation is a re-read every `readInterval`. Down is confirmed when ifAdminStatus is
/// down and ifOperStatus is no longer up; up when ifAdminStatus is up (ifOperStatus follows the far end, which may
/// be down for its own reasons, and is reported as read).
public struct PortAdminControl: Sendable {
    /// Which port: by ifIndex, or by ifName (the registry's key; ifDescr if the device has no ifName).
    public enum Port: Sendable, Hashable {
        case ifIndex(Int)
        case ifName(String)
    }

    /// How the change went.
    public struct Outcome: Sendable, Codable, Hashable {
        public var target: String
        public var ifIndex: Int
        public var requested: String
        public var ifAdminStatus: Int?
        public var ifOperStatus: Int?
        public var confirmed: Bool
        /// Seconds from the SET to confirmation (or to the deadline).
        public var seconds: Double
        /// Reads after the SET.
        public var reads: Int
    }

    public var readInterval: Duration

    public init(readInterval: Duration = .milliseconds(250)) {
        self.readInterval = readInterval
    }

    static let ifAdminStatus = OID("1.3.6.1.2.1.2.2.1.7")!
    static let ifOperStatus = OID("1.3.6.1.2.1.2.2.1.8")!
    static let ifDescr = OID("1.3.6.1.2.1.2.2.1.2")!
    static let ifName = OID("1.3.6.1.2.1.31.1.1.1.1")!

    /// The ifIndex of a port, looked up by ifName, then ifDescr; throws ``SNMPError/Code/noSuchName`` if absent.
    public func resolve(_ port: Port, on session: SNMPSession) async throws -> Int {
        switch port {
        case .ifIndex(let index): return index
        case .ifName(let name):
            for column in [Self.ifName, Self.ifDescr] {
                for binding in try await session.walk(column) where binding.value.displayString == name {
                    if let arcs = binding.oid.suffix(after: column), arcs.count == 1, arcs[0] > 0, arcs[0] <= Int32.max
                    {
                        return Int(arcs[0])
                    }
                }
            }
            throw SNMPError(code: .noSuchName, message: "no interface named \"\(name)\" (ifName or ifDescr)")
        }
    }

    /// Sets ifAdminStatus of `port` to `status` and reads it back until confirmed or `deadline` passes.
    public func set(_ port: Port, to status: AdminStatus, on session: SNMPSession, deadline: Duration) async throws
        -> Outcome
    {
        let ifIndex = try await resolve(port, on: session)
        let admin = Self.ifAdminStatus.appending(UInt32(ifIndex))
        let oper = Self.ifOperStatus.appending(UInt32(ifIndex))
        let clock = ContinuousClock()
        let started = clock.now
        _ = try await session.set([(admin, .integer(Int64(status.rawValue)))])
        var outcome = Outcome(
            target: session.target.address, ifIndex: ifIndex, requested: status == .down ? "down" : "up",
            confirmed: false, seconds: 0, reads: 0)
        while true {
            let read = try await session.get([admin, oper])
            outcome.reads += 1
            outcome.ifAdminStatus = read.first.flatMap { $0.value.integerValue }.map { Int($0) }
            outcome.ifOperStatus = read.last.flatMap { $0.value.integerValue }.map { Int($0) }
            let adminDone = outcome.ifAdminStatus == status.rawValue
            let operDone = status != .down || outcome.ifOperStatus != OperStatus.up.rawValue
            let elapsed = clock.now - started
            outcome.seconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) / 1e18
            if adminDone && operDone {
                outcome.confirmed = true
                return outcome
            }
            if elapsed >= deadline { return outcome }
            try await Task.sleep(for: readInterval)
        }
    }
}
