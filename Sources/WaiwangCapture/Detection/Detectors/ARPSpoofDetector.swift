import WaiwangCore

/// arp_spoof: a MAC other than the gateway's claims a gateway address, or an address whose binding is
/// fresh (seen within `bindingFreshSeconds`) is claimed by another MAC. The first binding seen is trusted
/// until it goes stale; a configured gateway MAC is trusted always. The attacker is the claiming MAC.
struct ARPSpoofDetector {
    private struct Binding {
        var mac: UInt64 = 0
        var lastSeen: Int64 = 0
    }

    private var table: AssociativeTable<Binding>
    /// Gateway address → its MAC (configured, or learned from the first claim; 0 until then).
    private var gateways: [UInt32: UInt64]
    private let fresh: Int64

    init(policy: ARPSpoofPolicy, gateways: [Gateway], capacity: Int) {
        table = AssociativeTable(capacity: capacity, empty: Binding())
        var known: [UInt32: UInt64] = [:]
        for gateway in gateways { known[gateway.ip] = gateway.mac?.value ?? 0 }
        self.gateways = known
        fresh = Int64(policy.bindingFreshSeconds * 1e9)
    }

    func statistics() -> TableStatistics { table.statistics("arp_bindings") }

    /// Checks one ARP message's claim (sender IP → sender MAC); returns whether it is a spoof.
    mutating func isSpoof(_ message: ARPMessage, time: Int64) -> Bool {
        let ip = message.senderIP
        let mac = message.senderMAC.value
        guard ip != 0, mac != 0, mac != MACAddress.broadcast.value else { return false }
        if let known = gateways[ip] {
            if known == 0 {
                gateways[ip] = mac
                return false
            }
            return known != mac
        }
        let key = KeyHash.key(UInt64(ip) | 0xA_0000_0000)
        guard let slot = table.find(key) else {
            _ = table.insert(key, at: time, value: Binding(mac: mac, lastSeen: time))
            return false
        }
        let binding = table.values[slot]
        if binding.mac == mac {
            table.values[slot].lastSeen = time
            table.touch(slot, at: time)
            return false
        }
        if time - binding.lastSeen > fresh {
            table.values[slot] = Binding(mac: mac, lastSeen: time)
            table.touch(slot, at: time)
            return false
        }
        return true
    }
}
