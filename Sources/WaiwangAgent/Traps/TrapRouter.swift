import WaiwangSNMP

/// Which polled devices a trap comes from: a target whose host is the trap's UDP source address, or the agent
/// address the trap names (SNMPv1 agent-addr, snmpTrapAddress.0) — a device behind NAT or with several addresses.
///
/// Hosts are compared as written: a target given by name matches only a trap that names it the same way. Several
/// targets at one address (an SNMP proxy, snmpsim) all match.
public struct TrapRouter: Sendable {
    public let targets: [SNMPTarget]

    public init(targets: [SNMPTarget]) {
        self.targets = targets
    }

    /// The targets `event` is about; empty for a trap from a device nobody polls.
    public func targets(for event: TrapEvent) -> [SNMPTarget] {
        let bySource = targets.filter { $0.host == event.sourceAddress }
        if !bySource.isEmpty { return bySource }
        guard let agent = event.agentAddress else { return [] }
        return targets.filter { $0.host == agent }
    }
}
